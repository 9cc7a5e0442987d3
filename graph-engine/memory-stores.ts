import type { ArtifactRef } from './artifacts';
import { sha256Bytes } from './hash';
import type { ArtifactStore, CachedResult, ResultStore } from './stores';

/** Results in a Map: for tests, benchmarks and runs that need no persistence. */
export class MemoryResultStore implements ResultStore {
  readonly entries = new Map<string, CachedResult>();

  async getMany(keys: readonly string[]): Promise<(CachedResult | undefined)[]> {
    return keys.map((key) => this.entries.get(key));
  }

  async put(result: CachedResult): Promise<void> {
    this.entries.set(result.key, result);
  }
}

/** Content-addressed blobs in a Map. */
export class MemoryArtifactStore implements ArtifactStore {
  readonly blobs = new Map<string, Blob>();

  async put(data: Blob, meta?: ArtifactRef['meta']): Promise<ArtifactRef> {
    const hash = await sha256Bytes(await data.arrayBuffer());
    if (!this.blobs.has(hash)) this.blobs.set(hash, data);
    return {
      $artifact: hash,
      mime: data.type || 'application/octet-stream',
      size: data.size,
      ...(meta ? { meta } : {}),
    };
  }

  async get(hash: string): Promise<Blob | undefined> {
    return this.blobs.get(hash);
  }
}
