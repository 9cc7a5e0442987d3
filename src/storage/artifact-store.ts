import { sha256Blob, sha256Bytes, WHOLE_HASH_LIMIT, type ArtifactRef, type ArtifactStore } from '../../graph-engine';
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
    const mime = data.type || 'application/octet-stream';
    let hash: string;
    let blob: Blob;
    if (data.size > WHOLE_HASH_LIMIT) {
      // A large file (a long 4K clip) is hashed a slice at a time and stored as it is, never read
      // whole into memory (which fails outright near 2 GB).
      hash = await sha256Blob(data);
      blob = data.slice(0, data.size, mime);
    } else {
      const bytes = new Uint8Array(await data.arrayBuffer());
      hash = await sha256Bytes(bytes);
      // A fresh Blob over copied bytes: never store a view that pins a larger buffer.
      blob = new Blob([bytes], { type: mime });
    }
    const ref: ArtifactRef = { $artifact: hash, mime, size: data.size, ...(meta ? { meta } : {}) };
    this.inUse?.noteArtifact(hash);
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
