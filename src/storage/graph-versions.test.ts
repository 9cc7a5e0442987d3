import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { graphDoc, node } from '../../graph-engine/test-kit';
import { ReelgraphDB } from './db';
import { AssetLibrary } from './asset-library';
import { GraphRepo } from './graph-repo';
import { CHECKPOINTS_PER_GRAPH, GraphVersions } from './graph-versions';

let db: ReelgraphDB;
let versions: GraphVersions;
beforeEach(() => {
  db = new ReelgraphDB('test', { indexedDB: new IDBFactory(), IDBKeyRange });
  versions = new GraphVersions(db);
});

describe('saved versions of a graph', () => {
  it('keeps each with its note, newest first, per graph; and forgets them with their graph', async () => {
    const doc = { ...graphDoc([node('t', 'text', { value: 'fox' })]), id: 'g' };
    await versions.save(doc, '  first  ', 1_000);
    await versions.save({ ...doc, name: 'Owls' }, 'second', 2_000);
    await versions.save({ ...doc, id: 'other' }, 'elsewhere', 3_000);
    const kept = await versions.of('g');
    expect(kept.map((row) => [row.note, row.doc.name])).toEqual([
      ['second', 'Owls'],
      ['first', doc.name],
    ]);
    await versions.remove(kept[0].id!);
    expect((await versions.of('g')).map((row) => row.note)).toEqual(['first']);
    await new GraphRepo(db, async () => {}).remove('g');
    expect(await versions.of('g')).toEqual([]);
    expect((await versions.of('other')).map((row) => row.note)).toEqual(['elsewhere']);
  });

  it('holds its media: the Library says so, and its Delete leaves the bytes', async () => {
    const hash = 'a'.repeat(64);
    const photo = { $artifact: hash, mime: 'image/png', size: 4 };
    await db.artifacts.put({ hash, mime: 'image/png', size: 4, lastUsed: 0 } as never);
    await versions.save({ ...graphDoc([node('s', 'still', { mode: 'upload', file: photo })]), id: 'g' }, 'with photo');
    const library = new AssetLibrary(db);
    expect((await library.uses(hash)).holding).toEqual([expect.stringContaining('version “with photo”')]);
    await library.remove(hash);
    expect(await db.artifacts.get(hash)).toBeDefined();
    // A checkpoint holds nothing against a person's Delete.
    await versions.remove((await versions.of('g'))[0].id!);
    await versions.checkpoint({ ...graphDoc([node('s', 'still', { mode: 'upload', file: photo })]), id: 'g' });
    expect((await library.uses(hash)).holding).toEqual([]);
  });

  it('takes a checkpoint while editing at most every ten minutes, only of a change, and keeps the newest within the budget', async () => {
    const doc = (value: string) => ({ ...graphDoc([node('t', 'text', { value })]), id: 'g' });
    const minutes = (count: number) => count * 60_000;
    expect(await versions.checkpoint(doc('a'), minutes(0))).toBe(true);
    // Five minutes on: too soon. Ten on, unchanged: nothing to keep.
    expect(await versions.checkpoint(doc('b'), minutes(5))).toBe(false);
    expect(await versions.checkpoint(doc('a'), minutes(10))).toBe(false);
    expect(await versions.checkpoint(doc('b'), minutes(10))).toBe(true);
    // A saved version stays whatever the checkpoints do.
    await versions.save(doc('c'), 'named', minutes(11));
    for (let at = 2; at < 2 + CHECKPOINTS_PER_GRAPH + 3; at++)
      expect(await versions.checkpoint(doc(`v${at}`), minutes(10 * at))).toBe(true);
    const kept = await versions.of('g');
    expect(kept.filter((row) => row.auto)).toHaveLength(CHECKPOINTS_PER_GRAPH);
    expect(kept.filter((row) => !row.auto).map((row) => row.note)).toEqual(['named']);
    // The oldest went: the newest checkpoint is the last taken.
    expect(kept[0].doc.nodes[0].params.value).toBe(`v${CHECKPOINTS_PER_GRAPH + 4}`);
  });
});
