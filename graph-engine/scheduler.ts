/** How one node's execution ended: done releases what it feeds; failed and waiting block it. */
export type NodeOutcome = 'done' | 'failed' | 'waiting' | 'cancelled';

export interface ScheduleOptions {
  /** The nodes to execute. */
  work: readonly string[];
  /** The node at the far end of each edge leaving `id` (a node fed twice appears twice). */
  consumers(id: string): readonly string[];
  /** The node at the near end of each edge entering `id`. */
  producers(id: string): readonly string[];
  signal: AbortSignal;
  /** Executes one node (its takes wait for their concurrency pools); called once its producers in the work are done. */
  execute(id: string): Promise<NodeOutcome>;
  onQueued(id: string): void;
  /** `id` cannot run because `by` failed or waits for a person. */
  onBlocked(id: string, by: string, reason: 'failed' | 'waiting'): void;
  /** `id` never started because the run was cancelled. */
  onCancelled(id: string): void;
}

/**
 * Runs the work in dependency order, ready nodes concurrently. A failure or a
 * wait blocks only what depends on it. On cancel nothing new starts, and it resolves once every
 * running execution has returned (each stops through its signal).
 */
export function schedule(options: ScheduleOptions): Promise<void> {
  const { work, signal } = options;
  if (work.length === 0) return Promise.resolve();
  const inWork = new Set(work);
  const settled = new Set<string>();
  const pending = new Map(work.map((id) => [id, options.producers(id).filter((from) => inWork.has(from)).length]));
  let active = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const checkFinished = () => {
    if (active > 0 || (settled.size < work.length && !signal.aborted)) return;
    for (const id of work) if (!settled.has(id)) options.onCancelled(id);
    finish();
  };
  const block = (from: string, reason: 'failed' | 'waiting') => {
    const stack = [...options.consumers(from)];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (!inWork.has(id) || settled.has(id)) continue;
      settled.add(id);
      options.onBlocked(id, from, reason);
      stack.push(...options.consumers(id));
    }
  };
  // Counts connections, not sources: each edge from a finished node releases its target once.
  const release = (id: string) => {
    if (!inWork.has(id) || settled.has(id)) return;
    const left = pending.get(id)! - 1;
    pending.set(id, left);
    if (left === 0) enqueue(id);
  };
  const enqueue = (id: string) => {
    options.onQueued(id);
    void start(id);
  };
  const start = async (id: string) => {
    if (signal.aborted || settled.has(id)) return checkFinished();
    active++;
    try {
      const outcome = await options.execute(id);
      settled.add(id);
      if (outcome === 'done') for (const next of options.consumers(id)) release(next);
      else if (outcome === 'failed' || outcome === 'waiting') block(id, outcome);
    } finally {
      active--;
      checkFinished();
    }
  };

  const onAbort = () => checkFinished();
  signal.addEventListener('abort', onAbort, { once: true });
  for (const id of work) if (pending.get(id) === 0) enqueue(id);
  return done.finally(() => signal.removeEventListener('abort', onAbort));
}
