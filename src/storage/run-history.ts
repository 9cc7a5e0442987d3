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
}

/** Enough for years of runs, and bounded: the oldest go first, with the snapshots only they used. */
export const HISTORY_LIMIT = 1000;

/** Every run of every graph, newest first, each with the graph as it ran. */
export class RunHistory {
  constructor(
    private readonly db: ReelgraphDB,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  /** Records a run and the document it ran, in one transaction; returns the run's id. */
  async add(run: Omit<RunRecord, 'id' | 'snapshot'>, doc: GraphDocument): Promise<number> {
    const snapshot = await sha256Bytes(new TextEncoder().encode(JSON.stringify(doc)));
    return this.db.transaction('rw', this.db.runs, this.db.snapshots, async () => {
      if (!(await this.db.snapshots.get(snapshot))) await this.db.snapshots.put({ hash: snapshot, doc });
      const id = (await this.db.runs.add({ ...run, snapshot })) as number;
      await this.prune();
      return id;
    });
  }

  /** Drops the oldest runs over the limit, and the snapshots no run still refers to. */
  private async prune(): Promise<void> {
    const over = (await this.db.runs.count()) - this.limit;
    if (over <= 0) return;
    const oldest = await this.db.runs.orderBy('startedAt').limit(over).toArray();
    await this.db.runs.bulkDelete(oldest.map((run) => run.id!));
    for (const hash of new Set(oldest.map((run) => run.snapshot).filter((hash) => hash !== undefined))) {
      if ((await this.db.runs.where('snapshot').equals(hash).count()) === 0) await this.db.snapshots.delete(hash);
    }
  }

  /** The record of a queued run, looked for among the newest (it has just ended). */
  async ofJob(jobId: string): Promise<RunRecord | undefined> {
    return (await this.db.runs.orderBy('startedAt').reverse().limit(50).toArray()).find((run) => run.jobId === jobId);
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
