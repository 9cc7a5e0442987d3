import { sha256Bytes, type ArtifactRef, type ArtifactStore } from '../../graph-engine';
import type { ReelgraphDB } from './db';
import type { InUse } from './in-use';
import { isQuotaError, StorageFullError } from './storage-errors';

/** Content-addressed media in IndexedDB: the same bytes are stored once. */
export class DexieArtifactStore implements ArtifactStore {
  constructor(
    private readonly db: ReelgraphDB,
    /** Frees space when a write hits the quota; the write is retried once after it. */
    private readonly makeRoom: () => Promise<void> = async () => {},
    private readonly inUse?: InUse,
  ) {}

  async put(data: Blob, meta?: ArtifactRef['meta']): Promise<ArtifactRef> {
    // Hash before the transaction: a non-IndexedDB await inside one would commit it early.
    const bytes = new Uint8Array(await data.arrayBuffer());
    const hash = await sha256Bytes(bytes);
    const mime = data.type || 'application/octet-stream';
    const ref: ArtifactRef = { $artifact: hash, mime, size: data.size, ...(meta ? { meta } : {}) };
    this.inUse?.noteArtifact(hash);
    // A fresh Blob over copied bytes: never store a view that pins a larger buffer.
    const blob = new Blob([bytes], { type: mime });
    const write = () =>
      this.db.transaction('rw', this.db.artifacts, this.db.blobs, async () => {
        const now = Date.now();
        if (await this.db.artifacts.get(hash)) {
          await this.db.artifacts.update(hash, { lastUsed: now });
          return;
        }
        await this.db.blobs.put({ hash, blob });
        await this.db.artifacts.put({ hash, mime, size: data.size, createdAt: now, lastUsed: now });
      });
    try {
      await write();
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      await this.makeRoom();
      try {
        await write();
      } catch (retryError) {
        if (isQuotaError(retryError)) throw new StorageFullError('a generated file');
        throw retryError;
      }
    }
    return ref;
  }

  async get(hash: string): Promise<Blob | undefined> {
    this.inUse?.noteArtifact(hash);
    return (await this.db.blobs.get(hash))?.blob;
  }
}
