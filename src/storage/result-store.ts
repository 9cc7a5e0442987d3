import type { CachedResult, ResultStore } from '../../graph-engine';
import type { ReelgraphDB } from './db';
import type { InUse } from './in-use';
import { isQuotaError, StorageFullError } from './storage-errors';
import { writeTogether } from './write-together';

/** Cache key → result in IndexedDB; a lookup that hits marks the result recently used. */
export class DexieResultStore implements ResultStore {
  constructor(
    private readonly db: ReelgraphDB,
    private readonly makeRoom: () => Promise<void> = async () => {},
    private readonly inUse?: InUse,
  ) {}

  async getMany(keys: readonly string[]): Promise<(CachedResult | undefined)[]> {
    const found = await this.db.results.bulkGet([...keys]);
    // A result whose media was evicted is not a hit.
    const hashes = [...new Set(found.flatMap((result) => result?.artifacts ?? []))];
    const rows = await this.db.artifacts.bulkGet(hashes);
    const present = new Set(rows.filter((row) => row !== undefined).map((row) => row.hash));
    const complete = found.map((result) =>
      result && result.artifacts.every((hash) => present.has(hash)) ? result : undefined,
    );
    const hitResults = complete.filter((result): result is CachedResult => result !== undefined);
    for (const result of hitResults) this.inUse?.noteResult(result.key, result.artifacts);
    const hits = hitResults.map((result) => result.key);
    if (hits.length > 0) {
      const now = Date.now();
      // Awaited: eviction in another tab spares what was used since the runs in progress began, by this date.
      await this.db.results.bulkUpdate(hits.map((key) => ({ key, changes: { lastUsed: now } }))).catch(() => {});
    }
    return complete;
  }

  async put(result: CachedResult): Promise<void> {
    this.inUse?.noteResult(result.key, result.artifacts);
    await this.write(result);
  }

  /** Results stored while others are being written share their next transaction. */
  private readonly write = writeTogether<CachedResult>(
    (batch) => this.db.results.bulkPut(batch).then(() => {}),
    (result) => this.putOne(result),
  );

  private async putOne(result: CachedResult): Promise<void> {
    try {
      await this.db.results.put(result);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      await this.makeRoom();
      try {
        await this.db.results.put(result);
      } catch (retryError) {
        throw isQuotaError(retryError) ? new StorageFullError('a result') : retryError;
      }
    }
  }
}
