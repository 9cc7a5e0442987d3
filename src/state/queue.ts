import type { QueuedRun } from '../storage/queue-store';
import { session } from './services';

/** This page's run queue (`createRunQueue`, in its session), under the names the views and hosts call. */

/** Stops a run, wherever it runs; one not started leaves the queue. */
export const cancelQueued = (id: string) => session().queue().cancel(id);
export const pauseQueue = (paused: boolean) => session().queue().pause(paused);
export const moveQueued = (id: string, index: number) => session().queue().move(id, index);
/** A held run's new estimate, accepted: it waits its turn again. */
export const acceptHeld = (run: QueuedRun) => session().queue().acceptHeld(run);
/** Runs in the queue this page did not ask for: for the CLI, what another render left. */
export const unfinishedRuns = () => session().queue().unfinished();
/** Takes up a run another left, priced again and allowed at most `approvedUsd`. */
export const adoptRun = (id: string, approvedUsd: number) => session().queue().adopt(id, approvedUsd);
/** Stops every run this page is running. */
export const stopAll = () => session().queue().stopAll();
