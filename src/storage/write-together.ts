/**
 * Writes that arrive while one is in flight wait and then go as one: IndexedDB commits a
 * transaction in about a millisecond however many rows it holds, so a run of thousands of quick
 * nodes writes in dozens of transactions instead of thousands. Each caller's promise still
 * settles only when its own item is committed (or has failed). Where a batch fails, its items
 * are written one at a time, so each gets its own outcome exactly as if written alone.
 */
export function writeTogether<T>(
  writeAll: (items: T[]) => Promise<void>,
  writeOne: (item: T) => Promise<void>,
): (item: T) => Promise<void> {
  let waiting: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let inFlight = false;
  const drain = async () => {
    inFlight = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await writeAll(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve();
      } catch {
        for (const entry of batch) await writeOne(entry.item).then(entry.resolve, entry.reject);
      }
    }
    inFlight = false;
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      // Writes made in the same turn go together: the first waits a microtask for the rest.
      if (!inFlight) {
        inFlight = true;
        queueMicrotask(() => void drain());
      }
    });
}
