import { collectArtifactRefs, sha256Bytes, type ArtifactRef, type GraphDocument } from '../../graph-engine';
import type { ReelgraphDB } from './db';

/** How one node of a run ended. */
export interface NodeRunEntry {
  id: string;
  kind: string;
  title?: string;
  outcome: 'executed' | 'cached' | 'failed' | 'blocked' | 'waiting' | 'cancelled' | 'invalid' | 'not reached';
  durationMs?: number;
  /** US dollars: what it cost in this run (nothing for a cached node). */
  cost?: number;
  /** Its cache key, where it made or found a result: the history shows that result while it is still cached. */
  key?: string;
  /** Why it failed, waited or was blocked. */
  message?: string;
  /** The models it asked (a Still's or an Animate's), for the history's model filter. */
  models?: string[];
  takes?: { total: number; made: number; failed: number };
}

/** One run of a graph, as the history keeps it. */
export interface RunRecord {
  id?: number;
  graphId: string;
  /** Rows kept from before the history had them lack the fields marked optional. */
  graphName?: string;
  /** The document's `metadata.updatedAt`: which version of the graph ran. */
  version?: string;
  /** The SHA-256 of the document that ran, stored once in `snapshots` however many runs share it. */
  snapshot?: string;
  startedAt: number;
  durationMs: number;
  status: string;
  executed: number;
  reused: number;
  cost: number;
  /** The queued run it was. */
  jobId?: string;
  /** Every model any node asked, for filtering. */
  models?: string[];
  nodes?: NodeRunEntry[];
}

/** A graph exactly as it ran, under the SHA-256 of its JSON. */
export interface SnapshotRow {
  hash: string;
  doc: GraphDocument;
  /** The size of its JSON: the history's graphs are bounded by size. */
  bytes: number;
}

/** Enough for years of runs, and bounded: the oldest go first, with the snapshots only they used. */
export const HISTORY_LIMIT = 1000;
/**
 * The most the history's graphs may take together: the oldest runs go first (with the graphs only
 * they ran), so the history never fills the browser's storage. A graph larger than a quarter of it is
 * not kept: its run is recorded without it (it cannot be opened as it ran).
 */
export const HISTORY_SNAPSHOT_BYTES = 50 * 1024 * 1024;

/** Every run of every graph, newest first, each with the graph as it ran. */
export class RunHistory {
  constructor(
    private readonly db: ReelgraphDB,
    private readonly limit = HISTORY_LIMIT,
    private readonly maxSnapshotBytes = HISTORY_SNAPSHOT_BYTES,
  ) {}

  /** Records a run and the document it ran, in one transaction; returns the run's id. */
  async add(run: Omit<RunRecord, 'id' | 'snapshot'>, doc: GraphDocument): Promise<number> {
    const json = new TextEncoder().encode(JSON.stringify(doc));
    const snapshot = await sha256Bytes(json);
    const kept = json.length <= this.maxSnapshotBytes / 4;
    return this.db.transaction('rw', this.db.runs, this.db.snapshots, async () => {
      if (kept && !(await this.db.snapshots.get(snapshot)))
        await this.db.snapshots.put({ hash: snapshot, doc, bytes: json.length });
      const id = (await this.db.runs.add({ ...run, ...(kept ? { snapshot } : {}) })) as number;
      await this.prune(id);
      return id;
    });
  }

  /** Drops the oldest runs over the count or the size (never `keep`, the one just added), and the graphs no run still refers to. */
  private async prune(keep: number): Promise<void> {
    const over = (await this.db.runs.count()) - this.limit;
    if (over > 0) await this.drop(await this.db.runs.orderBy('startedAt').limit(over).toArray());
    let bytes = await this.snapshotBytes();
    if (bytes <= this.maxSnapshotBytes) return;
    for (const run of await this.db.runs.orderBy('startedAt').toArray()) {
      if (bytes <= this.maxSnapshotBytes) break;
      if (run.id === keep) continue;
      bytes -= await this.drop([run]);
    }
  }

  /** Drops runs, and the graphs only they ran; returns the bytes freed. */
  private async drop(runs: RunRecord[]): Promise<number> {
    await this.db.runs.bulkDelete(runs.map((run) => run.id!));
    let freed = 0;
    for (const hash of new Set(runs.map((run) => run.snapshot).filter((hash) => hash !== undefined))) {
      if ((await this.db.runs.where('snapshot').equals(hash).count()) > 0) continue;
      const row = await this.db.snapshots.get(hash);
      if (row) freed += row.bytes;
      await this.db.snapshots.delete(hash);
    }
    return freed;
  }

  /** The size of every graph the history keeps, read from the index alone (the graphs stay on disk). */
  private async snapshotBytes(): Promise<number> {
    const sizes = (await this.db.snapshots.orderBy('bytes').keys()) as number[];
    return sizes.reduce((sum, size) => sum + size, 0);
  }

  /** How many runs are kept, and how much the graphs they ran take. */
  async usage(): Promise<{ runs: number; bytes: number }> {
    return { runs: await this.db.runs.count(), bytes: await this.snapshotBytes() };
  }

  /** Forgets the runs that started before `time`, and the graphs only they ran; returns how many. */
  async clearBefore(time: number): Promise<number> {
    return this.db.transaction('rw', this.db.runs, this.db.snapshots, async () => {
      const old = await this.db.runs.where('startedAt').below(time).toArray();
      await this.drop(old);
      return old.length;
    });
  }

  /** The record of a queued run, looked for among the newest (it has just ended). */
  async ofJob(jobId: string): Promise<RunRecord | undefined> {
    return (await this.db.runs.orderBy('startedAt').reverse().limit(50).toArray()).find((run) => run.jobId === jobId);
  }

  /** A graph's runs kept, newest first (read by the graph's index, not the whole history). */
  async ofGraph(graphId: string): Promise<RunRecord[]> {
    return (await this.db.runs.where('graphId').equals(graphId).sortBy('startedAt')).reverse();
  }

  /** Every run kept, newest first. */
  async list(): Promise<RunRecord[]> {
    return this.db.runs.orderBy('startedAt').reverse().toArray();
  }

  /**
   * The media a run's last nodes made (those nothing in its graph consumed) that the cache still
   * holds. Read only: looking at the history marks nothing as used.
   */
  async madeBy(run: RunRecord): Promise<ArtifactRef[]> {
    const doc = run.snapshot ? await this.snapshot(run.snapshot) : undefined;
    const feeds = new Set(doc?.edges.map((edge) => edge.from.node));
    const keys = (run.nodes ?? []).filter((entry) => !feeds.has(entry.id)).flatMap((entry) => entry.key ?? []);
    const results = await this.db.results.bulkGet(keys);
    const refs = new Map<string, ArtifactRef>();
    for (const result of results) collectArtifactRefs(result?.outputs, refs);
    const present = await this.db.artifacts.bulkGet([...refs.keys()]);
    return [...refs.values()].filter((_, at) => present[at] !== undefined);
  }

  /** The document a run ran, or undefined for a run recorded before snapshots were kept. */
  async snapshot(hash: string): Promise<GraphDocument | undefined> {
    return (await this.db.snapshots.get(hash))?.doc;
  }
}
