import { describe, expect, it } from 'vitest';
import { writeTogether } from './write-together';

describe('writes together', () => {
  it('sends the writes of one turn as one batch, and those made meanwhile as the next', async () => {
    const batches: number[][] = [];
    let commit: (() => void) | undefined;
    const write = writeTogether<number>(
      (items) => {
        batches.push(items);
        return new Promise((resolve) => (commit = resolve));
      },
      () => Promise.reject(new Error('not expected')),
    );
    const settled: number[] = [];
    const first = [1, 2, 3].map((n) => write(n).then(() => settled.push(n)));
    await Promise.resolve();
    expect(batches).toEqual([[1, 2, 3]]);
    const later = [4, 5].map((n) => write(n).then(() => settled.push(n)));
    await Promise.resolve();
    // Nothing settles before its batch is committed; the next batch waits for the first.
    expect(settled).toEqual([]);
    expect(batches).toHaveLength(1);
    commit!();
    await Promise.all(first);
    await new Promise((resolve) => setTimeout(resolve));
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    commit!();
    await Promise.all(later);
    expect(settled).toEqual([1, 2, 3, 4, 5]);
  });

  it('writes a failed batch one at a time, so each write gets its own outcome', async () => {
    const written: string[] = [];
    const write = writeTogether<string>(
      () => Promise.reject(new Error('the batch failed')),
      async (item) => {
        if (item === 'bad') throw new Error(`cannot store ${item}`);
        written.push(item);
      },
    );
    const outcomes = await Promise.allSettled([write('a'), write('bad'), write('b')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('cannot store bad'));
    expect(written).toEqual(['a', 'b']);
  });
});
