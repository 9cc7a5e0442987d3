import { abortReason } from '../../../graph-engine/index.ts';

/**
 * Per-provider concurrency: at most `limit` jobs hold a slot at once; the rest wait in order. A job
 * cancelled while it waits leaves the line at once, without ever taking a slot.
 */
export function createSlots() {
  const pools = new Map<string, { busy: number; waiting: (() => void)[] }>();
  return async function withSlot<T>(
    name: string,
    limit: number,
    signal: AbortSignal,
    work: () => Promise<T>,
  ): Promise<T> {
    signal.throwIfAborted();
    let pool = pools.get(name);
    if (!pool) pools.set(name, (pool = { busy: 0, waiting: [] }));
    const current = pool;
    if (current.busy >= limit) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          current.waiting.splice(current.waiting.indexOf(admit), 1);
          reject(abortReason(signal));
        };
        const admit = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        current.waiting.push(admit);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    } else current.busy++;
    try {
      return await work();
    } finally {
      const next = current.waiting.shift();
      if (next) next();
      else current.busy--;
    }
  };
}
