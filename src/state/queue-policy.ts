import type { QueuedRun } from '../storage/queue-store';

/**
 * Whether a waiting run can start beside the runs under way: never beside a run of its own graph,
 * and only when none of the pools it draws on (local rendering, cloud providers) is in use. A run
 * whose pools are not known (queued before they were recorded) runs alone.
 */
export function fitsBeside(run: QueuedRun, running: readonly QueuedRun[]): boolean {
  return running.every(
    (other) =>
      other.graphId !== run.graphId &&
      run.resources !== undefined &&
      other.resources !== undefined &&
      !run.resources.some((pool) => other.resources!.includes(pool)),
  );
}

/**
 * The run to start next, if any: the first waiting one, in order, when it fits beside what is
 * running. Nothing overtakes it: a run further back waits even if it would fit (order is the
 * person's to set). Held runs wait for the person and hold back nothing.
 */
export function nextToStart(runs: readonly QueuedRun[]): QueuedRun | undefined {
  const running = runs.filter((run) => run.state === 'running');
  const first = runs.find((run) => run.state === 'waiting');
  // One asked to stop is taken at once, to leave the queue (claiming it removes it), holding back nothing.
  return first && (first.cancel || fitsBeside(first, running)) ? first : undefined;
}
