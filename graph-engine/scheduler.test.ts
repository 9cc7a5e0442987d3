import { describe, expect, it } from 'vitest';
import { schedule, type NodeOutcome } from './scheduler';

/** a → b → c, and d alone; outcomes by node, everything else done. */
function run(outcomes: Record<string, NodeOutcome> = {}) {
  const edges: [string, string][] = [
    ['a', 'b'],
    ['b', 'c'],
  ];
  const log: string[] = [];
  let inFlight = 0;
  let most = 0;
  const finished = schedule({
    work: ['a', 'b', 'c', 'd'],
    consumers: (id) => edges.filter(([from]) => from === id).map(([, to]) => to),
    producers: (id) => edges.filter(([, to]) => to === id).map(([from]) => from),
    signal: new AbortController().signal,
    execute: async (id) => {
      most = Math.max(most, ++inFlight);
      await Promise.resolve();
      inFlight--;
      log.push(`ran ${id}`);
      return outcomes[id] ?? 'done';
    },
    onQueued: () => {},
    onBlocked: (id, by, reason) => log.push(`blocked ${id} by ${by} (${reason})`),
    onCancelled: (id) => log.push(`cancelled ${id}`),
  });
  return finished.then(() => ({ log, most }));
}

describe('schedule', () => {
  it('runs each node after what feeds it, independent ones together', async () => {
    const { log, most } = await run();
    expect(log.indexOf('ran a')).toBeLessThan(log.indexOf('ran b'));
    expect(log.indexOf('ran b')).toBeLessThan(log.indexOf('ran c'));
    expect(most).toBe(2);
  });

  it('blocks only what depends on a failure or a wait', async () => {
    expect((await run({ a: 'failed' })).log.sort()).toEqual([
      'blocked b by a (failed)',
      'blocked c by a (failed)',
      'ran a',
      'ran d',
    ]);
    expect((await run({ b: 'waiting' })).log).toContain('blocked c by b (waiting)');
  });
});
