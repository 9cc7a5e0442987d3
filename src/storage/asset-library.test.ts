import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { graphDoc, node } from '../../graph-engine/test-kit';
import { AssetLibrary } from './asset-library';
import { ReelgraphDB } from './db';
import { RunHistory } from './run-history';

let db: ReelgraphDB;
beforeEach(() => {
  db = new ReelgraphDB('test', { indexedDB: new IDBFactory(), IDBKeyRange });
});

const ref = (hash: string, mime = 'image/png') => ({ $artifact: hash, mime });

async function cached(key: string, hashes: string[], mime = 'image/png') {
  await db.results.put({
    key,
    kind: 'still',
    outputs: { images: hashes.map((hash) => ref(hash, mime)) },
    artifacts: hashes,
    durationMs: 1,
    cost: 0,
    createdAt: 1,
    lastUsed: 1,
  });
  for (const hash of hashes) {
    await db.artifacts.put({ hash, mime, size: 1, createdAt: 1, lastUsed: 1 });
    await db.blobs.put({ hash, blob: new Blob(['x']) });
  }
}

const ran = (history: RunHistory, startedAt: number, graphName: string, key: string) =>
  history.add(
    {
      graphId: graphName,
      graphName,
      startedAt,
      durationMs: 1,
      status: 'done',
      executed: 1,
      reused: 0,
      cost: 0,
      nodes: [{ id: 'still', kind: 'still', outcome: 'executed', key }],
    },
    graphDoc([node('still', 'still')]),
  );

describe('the asset library', () => {
  it('lists what runs made that the cache holds, each once under its newest run, and reads without touching', async () => {
    const history = new RunHistory(db);
    const library = new AssetLibrary(db);
    await cached('k1', ['a', 'b']);
    await cached('k2', ['b', 'c']);
    await ran(history, 1, 'Old', 'k1');
    await ran(history, 2, 'New', 'k2');
    await ran(history, 3, 'Gone', 'evicted');
    const listed = await library.list();
    expect(listed.map((asset) => [asset.ref.$artifact, asset.run?.graphName, asset.resultKey])).toEqual([
      ['b', 'New', 'k2'],
      ['c', 'New', 'k2'],
      ['a', 'Old', 'k1'],
    ]);
    expect((await db.results.get('k1'))!.lastUsed).toBe(1);
  });

  it('lists what no kept run made after what runs made, and the most stars a take board gave each', async () => {
    const history = new RunHistory(db);
    const library = new AssetLibrary(db);
    await cached('k1', ['a']);
    await cached('older', ['b']);
    await cached('newer', ['c', 'a']);
    await db.results.update('older', { createdAt: 1 });
    await db.results.update('newer', { createdAt: 5 });
    await ran(history, 1, 'Drafts', 'k1');
    const pick = (ratings: Record<string, number>) =>
      graphDoc([
        node('pick', 'pick', {
          ratings: Object.fromEntries(Object.entries(ratings).map(([hash, stars]) => [hash.repeat(64), stars])),
        }),
      ]);
    await db.graphDocs.put({ id: 'g1', doc: pick({ c: 2 }) });
    await db.graphDocs.put({ id: 'g2', doc: pick({ c: 4 }) });
    await cached('rated', ['c'.repeat(64)]);
    await db.results.update('rated', { createdAt: 3 });
    const listed = await library.list();
    expect(
      listed.map((asset) => [asset.ref.$artifact.slice(0, 1), asset.run?.graphName, asset.kind, asset.stars]),
    ).toEqual([
      ['a', 'Drafts', 'still', undefined],
      ['c', undefined, 'still', undefined],
      ['c', undefined, 'still', 4],
      ['b', undefined, 'still', undefined],
    ]);
  });

  it('lists a take passed on by a node that was given it (a Clip) under the run that made it', async () => {
    const history = new RunHistory(db);
    const library = new AssetLibrary(db);
    await cached('made', ['take'], 'video/mp4');
    await cached('passed', ['take'], 'video/mp4');
    await ran(history, 1, 'Shot one', 'made');
    await history.add(
      {
        graphId: 'two',
        graphName: 'Shot two',
        startedAt: 2,
        durationMs: 1,
        status: 'done',
        executed: 1,
        reused: 0,
        cost: 0,
        nodes: [{ id: 'clip', kind: 'clip', outcome: 'executed', key: 'passed' }],
      },
      graphDoc([node('clip', 'clip', { file: ref('take', 'video/mp4') })]),
    );
    expect((await library.list()).map((asset) => [asset.run?.graphName, asset.nodeId])).toEqual([
      ['Shot one', 'still'],
    ]);
    // Once the run that made it is gone from the history, the run that passed it on is all there is.
    await db.runs.where('graphId').equals('Shot one').delete();
    expect((await library.list()).map((asset) => [asset.run?.graphName, asset.nodeId])).toEqual([['Shot two', 'clip']]);
  });

  it('says which graphs a still matters to, and keeps the bytes a saved graph or a paid job holds', async () => {
    const history = new RunHistory(db);
    const library = new AssetLibrary(db);
    await cached('k1', ['held']);
    await cached('k2', ['paid']);
    await cached('k3', ['free']);
    for (const [at, key] of [['k1'], ['k2'], ['k3']].entries()) await ran(history, at, 'Shots', key[0]);
    const doc = graphDoc([node('photo', 'still', { mode: 'upload', file: ref('held') })]);
    await db.graphDocs.put({ id: doc.id, doc });
    await db.graphs.put({ id: doc.id, name: 'My photo', updatedAt: 1, version: 'v' });
    await db.jobs.put({
      key: 'job',
      provider: 'kling',
      model: 'kling-v3-std',
      handle: { taskId: 't' } as never,
      state: 'done',
      kept: ['paid'],
      submittedAt: 1,
    });
    expect(await library.uses('held')).toEqual({
      holding: ['My photo'],
      madeBy: ['Shots'],
      paid: false,
      cost: 0,
      pinned: false,
    });
    expect(await library.uses('paid')).toMatchObject({ holding: [], madeBy: ['Shots'], paid: true });
    for (const hash of ['held', 'paid', 'free']) expect(await library.remove(hash)).toEqual({ removed: 1, spared: 0 });
    expect(await db.results.count()).toBe(0);
    expect((await db.artifacts.toCollection().primaryKeys()).sort()).toEqual(['held', 'paid']);
    expect(await library.list()).toEqual([]);
  });

  it('never deletes a pinned result, nor what a run in progress uses', async () => {
    const library = new AssetLibrary(db);
    await cached('pinned', ['a']);
    await db.results.update('pinned', { pinned: true });
    await cached('busy', ['b']);
    await cached('recent', ['c']);
    await db.results.update('recent', { lastUsed: 50 });
    expect(await library.remove('a')).toEqual({ removed: 0, spared: 1 });
    expect(await library.remove('b', { keys: new Set(['busy']) })).toEqual({ removed: 0, spared: 1 });
    expect(await library.remove('c', { since: 40 })).toEqual({ removed: 0, spared: 1 });
    expect((await db.results.toCollection().primaryKeys()).sort()).toEqual(['busy', 'pinned', 'recent']);
    expect(await db.blobs.count()).toBe(3);
  });
});
