import { liveQuery } from 'dexie';
import type { RunEvent } from '../../graph-engine';
import type { QueuedRun, QueueStore } from '../storage/queue-store';
import { nextToStart } from './queue-policy';
import type { RunOutcome } from './run-outcome';

/**
 * The run queue, shared by every tab of the app: runs wait in IndexedDB in order, and one tab,
 * the leader (it holds a Web Lock for as long as it is open), runs them in that order, side by side
 * where they share no pool (a cloud run beside a local render; `nextToStart`). A run is started
 * only by the leader, so two tabs never run the same one; when the leader goes away, the next tab
 * to take the lock puts the runs it left back at the front. One instance is one tab (or one host:
 * the CLI's page); its state lives in the instance, so tests build two on one database.
 */

export const LEADER_LOCK = 'reelgraph queue leader';

/**
 * Runs one queued run to its end; `held` leaves it queued, held for the person (its message says
 * why); `waiting` leaves it waiting in its place, nothing sent (it turned out not to fit beside
 * the runs under way).
 */
export type ExecuteQueued = (
  run: QueuedRun,
  signal: AbortSignal,
  observe?: (event: RunEvent) => void,
) => Promise<RunOutcome | 'held' | 'waiting'>;

/** The page's lifecycle: `pagehide` (going away) and `pageshow` (back from the back-forward cache). */
export type PageEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface RunQueueDeps {
  store: QueueStore;
  /** Web Locks; absent (not a secure context), every instance leads, and none takes back a run left running. */
  locks?: LockManager;
  execute: ExecuteQueued;
  /** Follows each run once it has left the queue and its caller has heard how it ended. */
  onEnded(run: QueuedRun): void;
  notify(kind: 'error' | 'info', message: string): void;
  /** The queue as watched, for the view. */
  onChange?(runs: readonly QueuedRun[], paused: boolean): void;
  /** A host that runs only what it queues itself (the CLI's page): it never takes up, nor waits behind, runs it did not ask for. */
  ownOnly?: boolean;
  page?: PageEvents;
  /** Schedules the follow-up of an ended run a macrotask later (after its caller's own continuation). */
  later?: (action: () => void) => void;
}

/** A run this tab queued, waiting to hear how it ended. */
interface Waiter {
  resolve(outcome: RunOutcome): void;
  observe?: (event: RunEvent) => void;
}

const cancelled = () => new DOMException('Cancelled by you', 'AbortError');
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createRunQueue(deps: RunQueueDeps) {
  const { store, execute, notify } = deps;
  const later = deps.later ?? ((action: () => void) => void setTimeout(action, 0));
  const waiters = new Map<string, Waiter>();
  /**
   * The runs this tab is running, and how to stop each: `claimed` once it is marked running in
   * storage, `seen` once the queue as watched shows it so (before that, a snapshot may simply predate it).
   */
  const active = new Map<string, { controller: AbortController; claimed: boolean; seen: boolean }>();
  let leading = false;
  let pumping = false;
  let pumpAgain = false;
  /** The page is going away (a reload, a closed tab): a run it stops is left for the next leader, not ended. */
  let leaving = false;
  let disposed = false;
  /** The queue as last seen, and the runs this tab ran (their end is followed up where they ran). */
  let seen: readonly QueuedRun[] = [];
  const ranHere = new Set<string>();
  const cleanups: (() => void)[] = [];

  /** Stops this tab's run when another tab asked, and tells waiting callers (and the canvas) of runs that ended elsewhere. */
  function noticeChanges(runs: readonly QueuedRun[]): void {
    for (const gone of seen) {
      // Seen waiting or running, then gone: it ended (or was cancelled) wherever it ran.
      if (runs.some((run) => run.id === gone.id) || ranHere.delete(gone.id)) continue;
      later(() => deps.onEnded(gone));
    }
    seen = runs;
    for (const [id, mine] of active) {
      if (!mine.claimed) continue;
      const row = runs.find((run) => run.id === id);
      if (row?.state === 'running') mine.seen = true;
      // Asked to stop, or taken out of the queue (cancelled as it started): it stops.
      if (row?.cancel || (!row && mine.seen)) mine.controller.abort(cancelled());
    }
    for (const [id, waiter] of waiters) {
      if (active.has(id) || runs.some((run) => run.id === id)) continue;
      // Read again: this list may predate the run being queued.
      void store.get(id).then(async (row) => {
        if (row || !waiters.has(id)) return;
        waiters.delete(id);
        // Refused by the budgets in the tab that ran it: that tab left word of why.
        waiter.resolve(await store.takeEnded(id).catch(() => undefined));
      });
    }
  }

  /**
   * The leader starts the next waiting run, and the one after while each fits beside those under way,
   * unless the queue is paused.
   */
  async function pump(): Promise<void> {
    // A page going away starts nothing: a run it claimed would be left for the next leader as begun.
    if (!leading || leaving || disposed) return;
    if (pumping) return void (pumpAgain = true);
    pumping = true;
    let claiming: string | undefined;
    try {
      do {
        pumpAgain = false;
        const listed = await store.list();
        const considered = deps.ownOnly ? listed.filter((run) => waiters.has(run.id) || active.has(run.id)) : listed;
        const next = (await store.paused()) ? undefined : nextToStart(considered);
        // Checked again on every turn of the loop: the page may have begun to go away while it read.
        if (!next || disposed || leaving) continue;
        claiming = next.id;
        const mine = { controller: new AbortController(), claimed: false, seen: false };
        active.set(next.id, mine);
        ranHere.add(next.id);
        // Claimed in one transaction, only if still waiting: a cancel or another tab got there first otherwise.
        const claimed = await store.claim(next.id);
        claiming = undefined;
        if (claimed) {
          mine.claimed = true;
          void runActive(claimed, mine.controller.signal);
        } else {
          ranHere.delete(next.id);
          active.delete(next.id);
        }
        // Once more: the one after may fit beside it.
        pumpAgain = true;
      } while (pumpAgain);
    } catch (error) {
      notify('error', `The run queue could not be read: ${reason(error)}`);
      // A run not claimed is not run: another tab may claim it, or it may have been cancelled.
      if (claiming && !active.get(claiming)?.claimed) {
        ranHere.delete(claiming);
        active.delete(claiming);
      }
    } finally {
      pumping = false;
    }
  }

  async function runActive(run: QueuedRun, signal: AbortSignal): Promise<void> {
    const waiter = waiters.get(run.id);
    let outcome: RunOutcome | 'held' | 'waiting' = undefined;
    try {
      outcome = await execute(run, signal, waiter?.observe);
    } catch (error) {
      notify('error', `The run of “${run.graphName}” stopped: ${reason(error)}`);
    } finally {
      active.delete(run.id);
      // Back in its place, waiting: its caller waits on, and it starts once it fits.
      if (outcome === 'waiting') {
        // Not run here (yet): when it is, pump notes it again.
        ranHere.delete(run.id);
        void pump();
      }
      // Stopped because the page is going away (its requests cut): still running, as far as the queue
      // knows, so the next leader takes it up and its cloud tasks are polled, not lost with it.
      else if (!leaving) await settled(run, outcome, waiter);
    }
  }

  /** A run ended: it leaves the queue (or is held), its caller hears how, and the next one starts. */
  async function settled(run: QueuedRun, outcome: RunOutcome | 'held', waiter: Waiter | undefined): Promise<void> {
    // A refusal decided here reaches the tab that queued the run, wherever it is.
    const word = !waiter && outcome && outcome !== 'held' && outcome.status === 'over-budget' ? outcome : undefined;
    const settle = () => (outcome === 'held' ? store.update(run.id, { state: 'held' }) : store.remove(run.id, word));
    // Once more if storage refused: a row left running would block its graph, and run again after a reload.
    await settle()
      .catch(settle)
      .catch((error: unknown) =>
        notify(
          'error',
          `The queue could not record that “${run.graphName}” ended (${reason(error)}): reload to clear it.`,
        ),
      );
    waiters.delete(run.id);
    waiter?.resolve(outcome === 'held' ? undefined : outcome);
    // A macrotask later: after the caller's own continuation (a pick made meanwhile may queue the next run).
    later(() => deps.onEnded(run));
    void pump();
  }

  /** Stops a run: one waiting or held leaves the queue; the one running here stops through its signal; one running elsewhere is asked to stop there. */
  async function cancel(id: string): Promise<void> {
    const mine = active.get(id);
    if (mine) {
      // Recorded first: if this tab closes while the run stops, the next leader does not take it up again.
      await store.update(id, { cancel: true }).catch(() => {});
      return mine.controller.abort(cancelled());
    }
    const row = await store.get(id);
    if (row?.state === 'running') await store.update(id, { cancel: true });
    else await store.remove(id);
  }

  return {
    /**
     * Watches the queue and bids to lead it; a host that runs only its own runs never takes back
     * what another left (see `unfinished`).
     */
    start(): void {
      const onHide = () => void (leaving = true);
      // Back from the back-forward cache: it stays.
      const onShow = () => void (leaving = false);
      deps.page?.addEventListener('pagehide', onHide);
      deps.page?.addEventListener('pageshow', onShow);
      cleanups.push(() => {
        deps.page?.removeEventListener('pagehide', onHide);
        deps.page?.removeEventListener('pageshow', onShow);
      });
      const subscription = liveQuery(async () => [await store.list(), await store.paused()] as const).subscribe({
        next: ([runs, paused]) => {
          if (disposed) return;
          deps.onChange?.(runs, paused);
          noticeChanges(runs);
          void pump();
        },
        error: (error: unknown) => notify('error', `The run queue could not be read: ${reason(error)}`),
      });
      cleanups.push(() => subscription.unsubscribe());
      const lead = async (recover: boolean) => {
        if (recover && !deps.ownOnly) await store.recover();
        await store.pruneEnded().catch(() => {});
        leading = true;
        void pump();
      };
      if (!deps.locks) return void lead(false);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      cleanups.push(release);
      void deps.locks.request(LEADER_LOCK, async () => {
        if (disposed) return;
        await lead(true);
        await held;
      });
    },

    /** Queues a run (at the back) and resolves with how it ended once it has run, here or in another tab. */
    async enqueue(
      run: Omit<QueuedRun, 'id' | 'position' | 'state' | 'addedAt'>,
      observe?: (event: RunEvent) => void,
    ): Promise<RunOutcome> {
      const id = crypto.randomUUID();
      // Listening before it is stored: the leader may take it at once.
      const ended = new Promise<RunOutcome>((resolve) => waiters.set(id, { resolve, observe }));
      let added;
      try {
        added = await store.add({ ...run, id, addedAt: Date.now() });
      } catch (error) {
        waiters.delete(id);
        throw error;
      }
      if (!added) {
        // Another press (in this tab or another) queued it a moment before: it runs once.
        waiters.delete(id);
        notify('info', `“${run.graphName}” is in the run queue already: see Queue.`);
        return undefined;
      }
      void pump();
      return ended;
    },

    /** The run of this graph (and these targets) waiting its turn or held, if any: read from storage, never a stale view. */
    async queuedFor(graphId: string, targets?: readonly string[]): Promise<QueuedRun | undefined> {
      const same = (a?: readonly string[], b?: readonly string[]) => (a ?? []).join('\n') === (b ?? []).join('\n');
      return (await store.list()).find(
        (run) => run.state !== 'running' && run.graphId === graphId && same(run.targets, targets),
      );
    },

    cancel,
    pause: (paused: boolean) => store.setPaused(paused),
    move: (id: string, index: number) => store.move(id, index),
    /** A held run's new estimate, accepted: it waits its turn again. */
    acceptHeld: (run: QueuedRun) =>
      store.update(run.id, { state: 'waiting', approvedUsd: run.estimate, message: undefined }),

    /** Whether the page is going away: a run it cuts short is not an outcome worth recording. */
    leaving: () => leaving,

    /** Runs in the queue this tab did not ask for: for a host that runs only its own, what another left. */
    async unfinished(): Promise<QueuedRun[]> {
      return (await store.list()).filter((run) => !waiters.has(run.id) && !active.has(run.id));
    },

    /**
     * Takes up a run another left (a render interrupted or killed), as this tab's own: it waits its
     * turn again, is priced again when it starts, and runs only if it costs no more than `approvedUsd`
     * (what it already sent counts as spent, and is polled, never sent again). Resolves with how it ended.
     */
    async adopt(id: string, approvedUsd: number): Promise<RunOutcome> {
      const ended = new Promise<RunOutcome>((resolve) => waiters.set(id, { resolve }));
      await store.update(id, {
        state: 'waiting',
        resumed: true,
        approvedUsd,
        askAboveUsd: 0,
        cancel: undefined,
        message: undefined,
      });
      void pump();
      return ended;
    },

    /** Stops every run this tab is running (the host is going away: the CLI interrupted). */
    async stopAll(): Promise<void> {
      await Promise.all([...active.keys()].map((id) => cancel(id)));
    },

    /** Stops watching and lets go of the lead (a tab closing): another instance takes over. */
    dispose(): void {
      disposed = true;
      leading = false;
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

export type RunQueue = ReturnType<typeof createRunQueue>;
