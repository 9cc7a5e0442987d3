/** Per-provider concurrency: at most `limit` jobs hold a slot at once; the rest wait in order. */
export function createSlots() {
  const pools = new Map<string, { busy: number; waiting: (() => void)[] }>();
  return async function withSlot<T>(name: string, limit: number, work: () => Promise<T>): Promise<T> {
    let pool = pools.get(name);
    if (!pool) pools.set(name, (pool = { busy: 0, waiting: [] }));
    const current = pool;
    if (current.busy >= limit) await new Promise<void>((resolve) => current.waiting.push(resolve));
    else current.busy++;
    try {
      return await work();
    } finally {
      const next = current.waiting.shift();
      if (next) next();
      else current.busy--;
    }
  };
}
