import { ComponentLibrary } from './component-library';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CachedResult } from '../../graph-engine';
import { graphDoc, node } from '../../graph-engine/test-kit';
import { DexieArtifactStore } from './artifact-store';
import { ReelgraphDB } from './db';
import { evictIfNeeded, evictLeastRecentlyUsed } from './eviction';
import { GraphRepo } from './graph-repo';
import { DexieResultStore } from './result-store';
import { StorageFullError } from './storage-errors';

let db: ReelgraphDB;
beforeEach(() => {
  db = new ReelgraphDB('test', { indexedDB: new IDBFactory(), IDBKeyRange });
});

const quotaError = () =>
  Object.assign(new Error('quota'), { name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') });
const bytes = (text: string, size = 10) => new Blob([text.padEnd(size, '.')], { type: 'image/png' });

function result(key: string, artifacts: string[], lastUsed: number, pinned = false): CachedResult {
  return { key, kind: 'still', outputs: {}, artifacts, durationMs: 1, cost: 0, createdAt: lastUsed, lastUsed, pinned };
}

describe('artifact store', () => {
  it('stores the same bytes once, under their SHA-256', async () => {
    const store = new DexieArtifactStore(db);
    const a = await store.put(bytes('same'));
    const b = await store.put(bytes('same'));
    expect(a.$artifact).toBe(b.$artifact);
    expect(a.$artifact).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.blobs.count()).toBe(1);
    expect(await (await store.get(a.$artifact))!.text()).toBe('same......');
  });

  it('makes room and retries once when the quota is hit, and says clearly when it still is', async () => {
    let rooms = 0;
    const store = new DexieArtifactStore(db, async () => void rooms++);
    const put = db.blobs.put.bind(db.blobs);
    let failures = 1;
    db.blobs.put = ((row: never) => (failures-- > 0 ? Promise.reject(quotaError()) : put(row))) as typeof db.blobs.put;
    await expect(store.put(bytes('first'))).resolves.toMatchObject({ size: 10 });
    expect(rooms).toBe(1);

    failures = 2;
    await expect(store.put(bytes('second'))).rejects.toBeInstanceOf(StorageFullError);
    expect(await db.artifacts.count()).toBe(1);
  });
});

describe('result store', () => {
  it('round-trips results and marks hits as recently used', async () => {
    const store = new DexieResultStore(db);
    await store.put(result('k1', [], 1));
    const [hit, miss] = await store.getMany(['k1', 'k2']);
    expect(hit?.key).toBe('k1');
    expect(miss).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await db.results.get('k1'))!.lastUsed).toBeGreaterThan(1);
  });

  it('does not count a result whose media was evicted as a hit', async () => {
    const store = new DexieResultStore(db);
    await store.put(result('k1', ['f'.repeat(64)], 1));
    expect(await store.getMany(['k1'])).toEqual([undefined]);
  });
});

describe('graphs', () => {
  it('saves, lists newest first, loads and deletes', async () => {
    const repo = new GraphRepo(db);
    const older = { ...graphDoc([node('a', 'prompt')]), id: 'g1', name: 'Older' };
    const newer = {
      ...graphDoc([]),
      id: 'g2',
      name: 'Newer',
      metadata: { ...older.metadata, updatedAt: '2026-11-25T00:00:00.000Z' },
    };
    await repo.save(older);
    await repo.save(newer);
    expect((await repo.list()).map((entry) => entry.name)).toEqual(['Newer', 'Older']);
    expect(await repo.load('g1')).toEqual(older);
    await repo.remove('g1');
    expect(await repo.load('g1')).toBeUndefined();
  });

  it('refuses to overwrite a graph another tab saved since this one read it', async () => {
    const repo = new GraphRepo(db);
    const read = { ...graphDoc([node('a', 'prompt')]), id: 'g1', name: 'Mine' };
    await repo.save(read);
    const otherTab = { ...read, name: 'Theirs', metadata: { ...read.metadata, updatedAt: '2026-11-24T11:00:00.000Z' } };
    expect(await repo.saveIfUnchanged(otherTab, read.metadata.updatedAt)).toBe('saved');
    const thisTab = {
      ...read,
      name: 'Mine, edited',
      metadata: { ...read.metadata, updatedAt: '2026-11-24T11:00:01.000Z' },
    };
    expect(await repo.saveIfUnchanged(thisTab, read.metadata.updatedAt)).toBe('conflict');
    expect((await repo.load('g1'))?.name).toBe('Theirs');
  });

  it('lists without reading any document', async () => {
    const repo = new GraphRepo(db);
    await repo.save({ ...graphDoc([node('a', 'prompt')]), id: 'g1', name: 'Mine' });
    db.graphDocs.toArray = (() => Promise.reject(new Error('the list read a document'))) as never;
    db.graphDocs.get = (() => Promise.reject(new Error('the list read a document'))) as never;
    expect(await repo.list()).toEqual([{ id: 'g1', name: 'Mine', updatedAt: expect.any(Number) }]);
  });

  it('moves the documents saved before version 4 out of the list, losing none', async () => {
    const indexedDB = new IDBFactory();
    // The database as the app left it at version 3: each graph's row held its document.
    const old = new Dexie('old', { indexedDB, IDBKeyRange });
    old.version(3).stores({
      graphs: 'id, updatedAt',
      artifacts: 'hash, lastUsed',
      blobs: 'hash',
      results: 'key, lastUsed, *artifacts',
      runs: '++id, graphId, startedAt',
      settings: 'key',
      jobs: 'key, state, submittedAt',
      spend: 'id, at, graphId',
    });
    const saved = { ...graphDoc([node('a', 'prompt')]), id: 'g1', name: 'Before the upgrade' };
    await old
      .table('graphs')
      .put({ id: 'g1', name: saved.name, updatedAt: Date.parse(saved.metadata.updatedAt), doc: saved });
    old.close();

    const upgraded = new ReelgraphDB('old', { indexedDB, IDBKeyRange });
    const repo = new GraphRepo(upgraded);
    expect(await repo.list()).toEqual([
      { id: 'g1', name: saved.name, updatedAt: Date.parse(saved.metadata.updatedAt) },
    ]);
    expect(await repo.load('g1')).toEqual(saved);
    expect(await upgraded.graphs.get('g1')).not.toHaveProperty('doc');
    // The conflict check reads the version the upgrade recorded.
    expect(await repo.saveIfUnchanged({ ...saved, name: 'Edited' }, saved.metadata.updatedAt)).toBe('saved');
    upgraded.close();
  });

  it('a quota error on save is reported and leaves the previous save intact', async () => {
    const repo = new GraphRepo(db);
    const doc = { ...graphDoc([node('a', 'prompt')]), id: 'g1', name: 'Mine' };
    await repo.save(doc);
    db.graphDocs.put = (() => Promise.reject(quotaError())) as unknown as typeof db.graphDocs.put;
    await expect(repo.save({ ...doc, name: 'Renamed', nodes: [] })).rejects.toThrow(
      /storage for Reelgraph is full.*saved graphs are intact/,
    );
    expect(await repo.load('g1')).toEqual(doc);
  });
});

describe('eviction', () => {
  async function seed() {
    const artifacts = new DexieArtifactStore(db);
    const results = new DexieResultStore(db);
    const [old, recent, pinned, upload, orphan] = await Promise.all(
      ['old', 'recent', 'pinned', 'upload', 'orphan'].map((name) => artifacts.put(bytes(name, 100))),
    );
    await results.put(result('old', [old.$artifact], 1));
    await results.put(result('recent', [recent.$artifact], 3));
    await results.put(result('pinned', [pinned.$artifact], 0, true));
    await new GraphRepo(db).save({ ...graphDoc([node('s', 'still', { mode: 'upload', file: upload })]), id: 'g' });
    return { old, recent, pinned, upload, orphan };
  }

  it('frees unreferenced media first, then least recently used results', async () => {
    const media = await seed();
    const first = await evictLeastRecentlyUsed(db, 100);
    expect(first).toEqual({ results: 0, artifacts: 1, bytes: 100, spared: 0 });
    expect(await db.artifacts.get(media.orphan.$artifact)).toBeUndefined();

    const second = await evictLeastRecentlyUsed(db, 100);
    expect(second).toEqual({ results: 1, artifacts: 1, bytes: 100, spared: 0 });
    expect(await db.results.get('old')).toBeUndefined();
    expect(await db.results.get('recent')).toBeDefined();
  });

  it('never evicts pinned results or uploads a saved graph uses', async () => {
    const media = await seed();
    await evictLeastRecentlyUsed(db, Infinity);
    expect(await db.results.toCollection().primaryKeys()).toEqual(['pinned']);
    expect(await db.blobs.get(media.pinned.$artifact)).toBeDefined();
    expect(await db.blobs.get(media.upload.$artifact)).toBeDefined();
    expect(await db.artifacts.count()).toBe(2);
  });

  it('never evicts a photo inside a component kept in the library', async () => {
    const photo = await new DexieArtifactStore(db).put(bytes('photo', 100));
    const definition = {
      id: 'look',
      version: 1,
      name: 'Look',
      nodes: [node('s', 'still', { mode: 'upload', file: photo })],
      edges: [],
      inputs: [],
      outputs: [],
      params: [],
    };
    await new ComponentLibrary(db).save(definition, []);
    await evictLeastRecentlyUsed(db, Infinity);
    expect(await db.blobs.get(photo.$artifact)).toBeDefined();
  });

  it('says what a clear would remove, deleting nothing, and the clear then removes exactly that', async () => {
    await seed();
    const before = [await db.results.count(), await db.artifacts.count(), await db.blobs.count()];
    const dry = await evictLeastRecentlyUsed(db, Infinity, undefined, true);
    expect(dry).toEqual({ results: 2, artifacts: 3, bytes: 300, spared: 0 });
    expect([await db.results.count(), await db.artifacts.count(), await db.blobs.count()]).toEqual(before);
    expect(await evictLeastRecentlyUsed(db, Infinity)).toEqual(dry);
  });

  it('acts only when usage is near the limit', async () => {
    await seed();
    expect(await evictIfNeeded(db, { usage: 500, quota: 1000 })).toEqual({
      results: 0,
      artifacts: 0,
      bytes: 0,
      spared: 0,
    });
    const report = await evictIfNeeded(db, { usage: 900, quota: 1000 });
    expect(report.bytes).toBeGreaterThanOrEqual(300);
  });
});
