/** A test's Web Locks (Node has none): two sessions given one of these contend as two tabs do. */

/**
 * Web Locks as a browser grants them: one holder of a name at a time, the others waiting in order,
 * the lock passing on when the holder's callback settles.
 */
export function fakeLocks(): LockManager {
  const lines = new Map<string, (() => void)[]>();
  const held = new Set<string>();
  const grant = (name: string) => {
    const next = lines.get(name)?.shift();
    if (next) next();
    else held.delete(name);
  };
  return {
    request: ((name: string, callback: () => Promise<unknown>) =>
      new Promise((resolve, reject) => {
        const run = () => {
          held.add(name);
          callback()
            .then(resolve as (value: unknown) => void, reject)
            .finally(() => grant(name));
        };
        if (held.has(name)) lines.set(name, [...(lines.get(name) ?? []), run]);
        else run();
      })) as LockManager['request'],
    query: async () => ({ held: [], pending: [] }),
  };
}
