import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ReelgraphDB } from './db';
import { SpendLineage } from './spend-lineage';

describe('which graph a copy was made from', () => {
  it('follows copies of copies back, each bounded by the earliest copy after it, and stops at a loop', async () => {
    const lineage = new SpendLineage(new ReelgraphDB('lineage', { indexedDB: new IDBFactory(), IDBKeyRange }));
    await lineage.record('b', 'a', 100);
    await lineage.record('c', 'b', 200);
    expect(await lineage.scope('c')).toEqual({
      graphId: 'c',
      carried: [
        { graphId: 'b', before: 200 },
        // What `a` spent after `b` was copied from it is not `c`'s.
        { graphId: 'a', before: 100 },
      ],
    });
    expect(await lineage.scope('a')).toEqual({ graphId: 'a', carried: [] });
    await lineage.record('a', 'c', 300);
    expect((await lineage.scope('c')).carried?.map((entry) => entry.graphId)).toEqual(['b', 'a']);
  });
});
