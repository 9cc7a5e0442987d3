import type { RunEvent } from '../../graph-engine';
import type { QueuedRun } from '../storage/queue-store';
import { useGraphStore } from './graph-store';
import { notify } from './notify';
import type { RunOutcome } from './run-outcome';
import { createRunQueue, type ExecuteQueued, type RunQueue } from './run-queue';
import { services } from './services';

export type { ExecuteQueued } from './run-queue';

/** This page's run queue (`createRunQueue`), started once the app has loaded what its runs need. */
let instance: RunQueue | undefined;

const queue = (): RunQueue => {
  if (!instance) throw new Error('The run queue has not started yet.');
  return instance;
};

/**
 * Starts this page's queue: it watches the queue every tab shares (and shows it), and bids to lead
 * it; `run` runs what this page takes from it, and `after` follows each run once it has left the
 * queue and its caller has heard how it ended. `ownOnly`: the CLI's page runs only its own runs.
 */
export function startQueue(
  run: ExecuteQueued,
  after: (run: QueuedRun) => void,
  { locks = globalThis.navigator?.locks, ownOnly = false }: { locks?: LockManager; ownOnly?: boolean } = {},
): void {
  instance?.dispose();
  instance = createRunQueue({
    store: services().queue,
    locks,
    execute: run,
    onEnded: after,
    notify,
    onChange: (runs, paused) => useGraphStore.setState({ queue: runs, queuePaused: paused }),
    ownOnly,
    page: globalThis,
  });
  instance.start();
}

/** Queues a run (at the back) and resolves with how it ended once it has run, here or in another tab. */
export const enqueue = (
  run: Omit<QueuedRun, 'id' | 'position' | 'state' | 'addedAt'>,
  observe?: (event: RunEvent) => void,
): Promise<RunOutcome> => queue().enqueue(run, observe);
/** The run of this graph (and these targets) waiting its turn or held, if any. */
export const queuedFor = (graphId: string, targets?: readonly string[]) => queue().queuedFor(graphId, targets);
/** Stops a run, wherever it runs; one not started leaves the queue. */
export const cancelQueued = (id: string) => queue().cancel(id);
/** Whether the page is going away: a run it cuts short is not an outcome worth recording. */
export const pageLeaving = () => instance?.leaving() ?? false;
export const pauseQueue = (paused: boolean) => queue().pause(paused);
export const moveQueued = (id: string, index: number) => queue().move(id, index);
/** A held run's new estimate, accepted: it waits its turn again. */
export const acceptHeld = (run: QueuedRun) => queue().acceptHeld(run);
/** Runs in the queue this page did not ask for: for the CLI, what another render left. */
export const unfinishedRuns = () => queue().unfinished();
/** Takes up a run another left, priced again and allowed at most `approvedUsd`. */
export const adoptRun = (id: string, approvedUsd: number) => queue().adopt(id, approvedUsd);
/** Stops every run this page is running. */
export const stopAll = () => queue().stopAll();
