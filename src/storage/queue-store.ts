import type { ReelgraphDB } from './db';

/** A run waiting its turn, or the one running: stored, so a reload or a crash keeps the queue. */
export interface QueuedRun {
  id: string;
  graphId: string;
  graphName: string;
  /** The graph's `metadata.updatedAt` when it was queued: the panel says when it was edited since. */
  version: string;
  /** Nodes to run (with what they need); none: the whole graph. */
  targets?: string[];
  /** US dollars: what it was estimated to cost when queued, and what the person accepted. */
  estimate: number;
  approvedUsd: number;
  /**
   * Above this a higher price at its turn holds it for the person: the ask-first amount when it was
   * asked for by Run, nothing when whoever asked always asks before spending (a pick, a script's cap).
   */
  askAboveUsd: number;
  /** Put back by `recover`: it resumes what a tab that went away began (its tasks may be sent already). */
  resumed?: boolean;
  /** The order it runs in: smallest first. */
  position: number;
  addedAt: number;
  /**
   * `held`: it would now cost more than was accepted (its graph was edited while it waited), so
   * it waits for the person again, saying why in `message`.
   */
  state: 'waiting' | 'running' | 'held';
  message?: string;
  startedAt?: number;
  /** When it first started: what it sent since then counts as spent already when it is taken up again. */
  firstStartedAt?: number;
  /** Asked to stop from a tab that is not running it: the tab that is stops it. */
  cancel?: boolean;
  /**
   * The pools its work draws on when it was queued (`local-render`, `cloud`): runs that share
   * none run side by side. Absent on runs queued before it was recorded: those run alone.
   */
  resources?: string[];
}

const PAUSED_KEY = 'queue.paused';
const ENDED_PREFIX = 'queue.ended:';

/** How a run ended, as its tab tells the tab that queued it: a refusal by the budgets, nothing sent. */
export interface EndedNote {
  status: 'over-budget';
  estimate: number;
  message: string;
}

/** The run queue every tab shares, in IndexedDB. */
export class QueueStore {
  constructor(private readonly db: ReelgraphDB) {}

  /** Every queued run in the order they run. */
  list(): Promise<QueuedRun[]> {
    return this.db.queue.orderBy('position').toArray();
  }

  /**
   * Adds a run at the back of the queue, unless a run of that graph and those targets already waits
   * (two tabs pressing Run at once queue it once): undefined then. One transaction decides.
   */
  async add(run: Omit<QueuedRun, 'position' | 'state'>): Promise<QueuedRun | undefined> {
    return this.db.transaction('rw', this.db.queue, async () => {
      const targets = (run.targets ?? []).join('\n');
      const waiting = await this.db.queue
        .filter(
          (other) =>
            other.state !== 'running' && other.graphId === run.graphId && (other.targets ?? []).join('\n') === targets,
        )
        .first();
      if (waiting) return undefined;
      const last = await this.db.queue.orderBy('position').last();
      const queued: QueuedRun = { ...run, position: (last?.position ?? 0) + 1, state: 'waiting' };
      await this.db.queue.add(queued);
      return queued;
    });
  }

  get(id: string): Promise<QueuedRun | undefined> {
    return this.db.queue.get(id);
  }

  async update(id: string, changes: Partial<Omit<QueuedRun, 'id'>>): Promise<void> {
    await this.db.queue.update(id, changes);
  }

  /** Marks a waiting run as running, in one transaction; undefined when it is no longer waiting (or gone). */
  async claim(id: string): Promise<QueuedRun | undefined> {
    return this.db.transaction('rw', this.db.queue, async () => {
      const run = await this.db.queue.get(id);
      if (run?.state !== 'waiting') return undefined;
      // One asked to stop is not started: it leaves the queue (nothing of it was sent), holding back nothing.
      if (run.cancel) return void (await this.db.queue.delete(id));
      const now = Date.now();
      const claimed: QueuedRun = {
        ...run,
        state: 'running',
        startedAt: now,
        firstStartedAt: run.firstStartedAt ?? now,
        message: undefined,
      };
      await this.db.queue.put(claimed);
      return claimed;
    });
  }

  /**
   * Records the pools a running run draws on, as worked out when it starts, and whether it still
   * fits beside the other running runs (read in the same transaction, so two runs starting together
   * each see the other's). One that no longer fits waits again, in its place, with nothing sent;
   * one cancelled meanwhile (or removed) is gone.
   */
  async confirmBeside(
    id: string,
    resources: string[],
    fits: (run: QueuedRun, running: readonly QueuedRun[]) => boolean,
  ): Promise<'fits' | 'waits' | 'gone'> {
    return this.db.transaction('rw', this.db.queue, async () => {
      const run = await this.db.queue.get(id);
      if (!run) return 'gone';
      // Asked to stop as it started: it leaves the queue, nothing of it sent.
      if (run.cancel) return (await this.db.queue.delete(id), 'gone');
      const updated = { ...run, resources };
      const others = await this.db.queue.filter((row) => row.state === 'running' && row.id !== id).toArray();
      const ok = fits(updated, others);
      await this.db.queue.put(ok ? updated : { ...updated, state: 'waiting', startedAt: undefined });
      return ok ? 'fits' : 'waits';
    });
  }

  /**
   * Takes a run out of the queue; `ended` (a refusal by the budgets, decided in the tab that ran it)
   * is left for the tab that queued it, which reads it once with `takeEnded`.
   */
  async remove(id: string, ended?: EndedNote): Promise<void> {
    if (!ended) return void (await this.db.queue.delete(id));
    await this.db.transaction('rw', this.db.queue, this.db.settings, async () => {
      await this.db.queue.delete(id);
      await this.db.settings.put({ key: `${ENDED_PREFIX}${id}`, value: { ...ended, at: Date.now() } });
    });
  }

  /** How a run queued here ended in another tab, if that tab left word: read once. */
  async takeEnded(id: string): Promise<EndedNote | undefined> {
    return this.db.transaction('rw', this.db.settings, async () => {
      const row = await this.db.settings.get(`${ENDED_PREFIX}${id}`);
      if (!row) return undefined;
      await this.db.settings.delete(row.key);
      const { status, estimate, message } = row.value as EndedNote;
      return { status, estimate, message };
    });
  }

  /** Forgets word no tab came for (its tab closed first) after a day. */
  async pruneEnded(now = Date.now()): Promise<void> {
    await this.db.settings
      .where('key')
      .startsWith(ENDED_PREFIX)
      .filter((row) => ((row.value as { at?: number }).at ?? 0) < now - 24 * 3600_000)
      .delete();
  }

  /** Moves a run to `index` in the order (0: the front), renumbering the queue in one transaction. */
  async move(id: string, index: number): Promise<void> {
    await this.db.transaction('rw', this.db.queue, async () => {
      const runs = await this.db.queue.orderBy('position').toArray();
      const from = runs.findIndex((run) => run.id === id);
      if (from < 0) return;
      const [moved] = runs.splice(from, 1);
      runs.splice(Math.max(0, Math.min(index, runs.length)), 0, moved);
      await this.db.queue.bulkPut(runs.map((run, at) => ({ ...run, position: at + 1 })));
    });
  }

  /**
   * Puts a run left `running` by a tab that is gone (reloaded, closed, crashed) back at the front,
   * waiting: it runs again from the cache, and its cloud tasks resume from their saved jobs.
   */
  async recover(): Promise<void> {
    await this.db.transaction('rw', this.db.queue, async () => {
      const left = await this.db.queue
        .orderBy('position')
        .filter((run) => run.state === 'running')
        .toArray();
      // One the person had asked to stop stays stopped.
      await this.db.queue.bulkDelete(left.filter((run) => run.cancel).map((run) => run.id));
      const stranded = left.filter((run) => !run.cancel);
      const first = (await this.db.queue.orderBy('position').first())?.position ?? 1;
      await this.db.queue.bulkPut(
        stranded.map((run, at) => ({
          ...run,
          state: 'waiting' as const,
          position: first - stranded.length + at,
          resumed: true,
        })),
      );
    });
  }

  async paused(): Promise<boolean> {
    return (await this.db.settings.get(PAUSED_KEY))?.value === true;
  }

  async setPaused(paused: boolean): Promise<void> {
    await this.db.settings.put({ key: PAUSED_KEY, value: paused });
  }
}
