import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { graphDoc, node } from '../../graph-engine/test-kit';
import { ReelgraphDB } from './db';
import { RunHistory, type RunRecord } from './run-history';

let db: ReelgraphDB;
beforeEach(() => {
  db = new ReelgraphDB('test', { indexedDB: new IDBFactory(), IDBKeyRange });
});

const run = (startedAt: number, more: Partial<RunRecord> = {}): Omit<RunRecord, 'id' | 'snapshot'> => ({
  graphId: 'g',
  startedAt,
  durationMs: 1,
  status: 'done',
  executed: 1,
  reused: 0,
  cost: 0,
  ...more,
});

describe('the run history', () => {
  it('keeps each graph as it ran once, however many runs share it, and lists newest first', async () => {
    const history = new RunHistory(db);
    const first = graphDoc([node('a', 'text', { value: 'one' })]);
    const second = graphDoc([node('a', 'text', { value: 'two' })]);
    await history.add(run(1), first);
    await history.add(run(2), first);
    await history.add(run(3), second);
    const runs = await history.list();
    expect(runs.map((found) => found.startedAt)).toEqual([3, 2, 1]);
    expect(await db.snapshots.count()).toBe(2);
    expect(runs[1].snapshot).toBe(runs[2].snapshot);
    expect(await history.snapshot(runs[0].snapshot!)).toEqual(second);
    expect(await history.snapshot(runs[2].snapshot!)).toEqual(first);
  });

  it('drops the oldest runs over its limit, and only the snapshots no kept run refers to', async () => {
    const history = new RunHistory(db, 2);
    const shared = graphDoc([node('a', 'text', { value: 'shared' })]);
    const alone = graphDoc([node('a', 'text', { value: 'alone' })]);
    await history.add(run(1), alone);
    await history.add(run(2), shared);
    await history.add(run(3), shared);
    expect((await history.list()).map((found) => found.startedAt)).toEqual([3, 2]);
    expect((await db.snapshots.toArray()).map((row) => row.doc)).toEqual([shared]);
    await history.add(run(4), alone);
    expect((await history.list()).map((found) => found.startedAt)).toEqual([4, 3]);
    expect(await db.snapshots.count()).toBe(2);
  });

  it('shows what a run made while the cache holds it, and marks nothing as used by looking', async () => {
    const history = new RunHistory(db);
    const doc = graphDoc(
      [node('a', 'text'), node('b', 'upper')],
      [{ id: 'e', from: { node: 'a', port: 'text' }, to: { node: 'b', port: 'text' } }],
    );
    const ref = (hash: string) => ({ $artifact: hash, mime: 'image/png' });
    for (const [key, hash] of [
      ['ka', 'h1'],
      ['kb', 'h2'],
    ]) {
      await db.results.put({
        key,
        kind: 'x',
        outputs: { image: ref(hash) },
        artifacts: [hash],
        durationMs: 1,
        cost: 0,
        createdAt: 5,
        lastUsed: 5,
      });
      await db.artifacts.put({ hash, mime: 'image/png', size: 1, createdAt: 5, lastUsed: 5 });
    }
    const id = await history.add(
      run(1, {
        nodes: [
          { id: 'a', kind: 'text', outcome: 'executed', key: 'ka' },
          { id: 'b', kind: 'upper', outcome: 'executed', key: 'kb' },
        ],
      }),
      doc,
    );
    const recorded = (await history.list()).find((found) => found.id === id)!;
    // Only what the last node made: the still that fed it is not the run's result.
    expect(await history.madeBy(recorded)).toEqual([ref('h2')]);
    expect((await db.results.get('kb'))!.lastUsed).toBe(5);
    await db.artifacts.delete('h2');
    expect(await history.madeBy(recorded)).toEqual([]);
  });

  it('bounds the graphs it keeps by size: ten runs of a heavy graph keep only the newest that fit, and saves still have room', async () => {
    // Each graph carries ~200 kB of prompt text; the history may hold 1 MB of graphs.
    const history = new RunHistory(db, 1000, 1_000_000);
    const heavy = (at: number) => graphDoc([node('a', 'text', { value: `${at}`.padEnd(200_000, 'x') })]);
    for (let at = 1; at <= 10; at++) await history.add(run(at), heavy(at));
    const { runs, bytes } = await history.usage();
    expect(bytes).toBeLessThanOrEqual(1_000_000);
    expect(runs).toBe(4);
    expect((await history.list()).map((found) => found.startedAt)).toEqual([10, 9, 8, 7]);
    // A graph larger than a quarter of the bound is not kept; its run is, without it.
    await history.add(run(11), graphDoc([node('a', 'text', { value: 'y'.repeat(400_000) })]));
    const [newest] = await history.list();
    expect([newest.startedAt, newest.snapshot]).toEqual([11, undefined]);
  });

  it('clears the runs older than a time, and the graphs only they ran', async () => {
    const history = new RunHistory(db);
    await history.add(run(1), graphDoc([node('a', 'text', { value: 'old' })]));
    await history.add(run(5), graphDoc([node('a', 'text', { value: 'new' })]));
    expect(await history.clearBefore(3)).toBe(1);
    expect((await history.list()).map((found) => found.startedAt)).toEqual([5]);
    expect(await db.snapshots.count()).toBe(1);
  });
});
