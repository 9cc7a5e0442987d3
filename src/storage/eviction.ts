import { collectArtifactHashes } from '../../graph-engine';
import type { ReelgraphDB } from './db';

export interface StorageEstimateLike {
  usage?: number;
  quota?: number;
}

export interface EvictionPolicy {
  /** Start evicting when usage passes this share of the limit… */
  highWater: number;
  /** …and stop once it is back under this share. */
  lowWater: number;
  /** A cap of our own, below the browser's quota (which is only a hint). */
  maxBytes?: number;
}

export const DEFAULT_EVICTION: EvictionPolicy = { highWater: 0.8, lowWater: 0.6 };

/** What eviction must leave alone besides saved graphs and pins: what runs in progress use. */
export interface Protected {
  /** Media and results a run in this tab has read or written. */
  readonly hashes?: ReadonlySet<string>;
  readonly keys?: ReadonlySet<string>;
  /**
   * When the earliest run in progress in any tab started: whatever was used or made since then
   * may be another tab's run's, and is kept (see run-locks.ts).
   */
  readonly since?: number;
}

export interface EvictionReport {
  results: number;
  artifacts: number;
  bytes: number;
  /** Results kept only because a run in progress may be using them. */
  spared: number;
}

/** Evicts when the browser says storage is near the limit. */
export async function evictIfNeeded(
  db: ReelgraphDB,
  estimate: StorageEstimateLike,
  policy: EvictionPolicy = DEFAULT_EVICTION,
  protect?: Protected,
): Promise<EvictionReport> {
  const usage = estimate.usage ?? 0;
  const limit = Math.min(estimate.quota ?? Infinity, policy.maxBytes ?? Infinity);
  if (!Number.isFinite(limit) || usage <= policy.highWater * limit)
    return { results: 0, artifacts: 0, bytes: 0, spared: 0 };
  return evictLeastRecentlyUsed(db, usage - policy.lowWater * limit, protect);
}

/**
 * Frees about `bytes`: first media no result or saved graph references, then the least recently
 * used results (never pinned ones) with the media only they held. Never evicted: the user's
 * uploads that a saved graph references, clips a provider was paid for (kept with their job),
 * and whatever a run in progress, in this tab or another, has read or written (`protect`).
 */
export async function evictLeastRecentlyUsed(
  db: ReelgraphDB,
  bytes: number,
  protect?: Protected,
  /** Only count what would go, deleting nothing: Settings → Storage says so before anything is cleared. */
  dryRun = false,
): Promise<EvictionReport> {
  const report: EvictionReport = { results: 0, artifacts: 0, bytes: 0, spared: 0 };
  const since = protect?.since ?? Infinity;
  const kept = new Set<string>(protect?.hashes);
  await db.graphDocs.each((graph) => collectArtifactHashes(graph.doc, kept));
  // A photo inside a component in the library is the person's own, as one in a saved graph is.
  await db.components.each((row) => collectArtifactHashes(row, kept));
  await db.templates.each((row) => collectArtifactHashes(row, kept));
  // A saved version's photos and sounds: restoring it must find them.
  await db.versions.each((row) => collectArtifactHashes(row.doc, kept));
  await db.results
    .filter((result) => result.pinned === true)
    .each((result) => result.artifacts.forEach((hash) => kept.add(hash)));
  await db.jobs.each((job) => job.kept?.forEach((hash) => kept.add(hash)));

  // What a dry run would have deleted: it deletes nothing, so it remembers instead.
  const goneResults = new Set<string>();
  const goneArtifacts = new Set<string>();
  const stillReferenced = async (hash: string) =>
    (await db.results.where('artifacts').equals(hash).primaryKeys()).some((key) => !goneResults.has(String(key)));
  const dropArtifacts = async (hashes: Iterable<string>) => {
    for (const hash of hashes) {
      if (report.bytes >= bytes) return;
      if (kept.has(hash) || goneArtifacts.has(hash) || (await stillReferenced(hash))) continue;
      const row = await db.artifacts.get(hash);
      if (!row || row.lastUsed >= since) continue;
      goneArtifacts.add(hash);
      if (!dryRun)
        await db.transaction('rw', db.artifacts, db.blobs, async () => {
          await db.blobs.delete(hash);
          await db.artifacts.delete(hash);
        });
      report.artifacts++;
      report.bytes += row.size;
    }
  };

  await dropArtifacts(await db.artifacts.orderBy('lastUsed').primaryKeys());
  if (report.bytes >= bytes) return report;

  const victims = await db.results
    .orderBy('lastUsed')
    .filter((result) => result.pinned !== true && !protect?.keys?.has(result.key))
    .toArray();
  for (const result of victims) {
    if (report.bytes >= bytes) break;
    if (result.lastUsed >= since) {
      report.spared++;
      continue;
    }
    goneResults.add(result.key);
    if (!dryRun) await db.results.delete(result.key);
    report.results++;
    await dropArtifacts(result.artifacts);
  }
  return report;
}
