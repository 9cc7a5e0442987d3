import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CachedResult } from '../../graph-engine';
import { graphDoc, node } from '../../graph-engine/test-kit';
import { DexieArtifactStore } from './artifact-store';
import { ReelgraphDB } from './db';
import { evictLeastRecentlyUsed } from './eviction';
import { GraphRepo } from './graph-repo';
import { InUse } from './in-use';
import { DexieResultStore } from './result-store';
import { announceRun, earliestRunStart, evictingAlone, type RunLocks } from './run-locks';

/**
 * Storage under pressure: near the quota, eviction must never take what a run in progress made
 * or reads, nor a clip a provider was paid for; a graph's save makes room rather than fail; a
 * graph deleted in one tab is not brought back by another; every save error says what happened.
 */

let db: ReelgraphDB;
let inUse: InUse;
let artifacts: DexieArtifactStore;
let results: DexieResultStore;
let rooms: number;

beforeEach(() => {
  db = new ReelgraphDB('test', { indexedDB: new IDBFactory(), IDBKeyRange });
  inUse = new InUse();
  rooms = 0;
  const makeRoom = async () => {
    rooms++;
    await evictLeastRecentlyUsed(db, Infinity, inUse);
  };
  artifacts = new DexieArtifactStore(db, makeRoom, inUse);
  results = new DexieResultStore(db, makeRoom, inUse);
});

const quotaError = () =>
  Object.assign(new Error('quota'), { name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') });
const bytes = (text: string) => new Blob([text.padEnd(100, '.')], { type: 'image/png' });
const result = (key: string, hashes: string[], lastUsed = 1): CachedResult => ({
  key,
  kind: 'still',
  outputs: {},
  artifacts: hashes,
  durationMs: 1,
  cost: 0,
  createdAt: lastUsed,
  lastUsed,
});

/**
 * The Web Locks of one origin, as every tab sees them: a lock is held while its callback's promise
 * runs, an exclusive one alone (a shared one waits for it, and it for every holder).
 */
function fakeLockManager(): RunLocks {
  const held: { name: string; mode: 'shared' | 'exclusive' }[] = [];
  const waiting: (() => void)[] = [];
  const free = (name: string, mode: 'shared' | 'exclusive') =>
    !held.some((lock) => lock.name === name && (mode === 'exclusive' || lock.mode === 'exclusive'));
  return {
    async request(name, { mode }, callback) {
      while (!free(name, mode)) await new Promise<void>((wake) => waiting.push(wake));
      const lock = { name, mode };
      held.push(lock);
      try {
        return await callback();
      } finally {
        held.splice(held.indexOf(lock), 1);
        waiting.splice(0).forEach((wake) => wake());
      }
    },
    query: async () => ({ held: held.map(({ name }) => ({ name })) }),
  };
}

/** The next `count` result writes fail as a full disk does (and any batch of writes while they do). */
function failResultWrites(count: number) {
  const put = db.results.put.bind(db.results);
  const bulkPut = db.results.bulkPut.bind(db.results);
  db.results.put = ((...args: Parameters<typeof put>) =>
    count-- > 0 ? Promise.reject(quotaError()) : put(...args)) as typeof put;
  db.results.bulkPut = ((...args: Parameters<typeof bulkPut>) =>
    count > 0 ? Promise.reject(quotaError()) : bulkPut(...args)) as typeof bulkPut;
}

describe('eviction near the quota', () => {
  it('keeps the media a run just made, before its result is written, and what the run reused', async () => {
    // From an earlier run: a result this run reuses, and one it does not.
    const reused = await artifacts.put(bytes('reused'));
    const stale = await artifacts.put(bytes('stale'));
    await results.put(result('reused', [reused.$artifact]));
    await results.put(result('stale', [stale.$artifact]));

    const release = inUse.begin();
    expect(await results.getMany(['reused'])).toHaveLength(1);
    const still = await artifacts.put(bytes('the still this run made'));
    // The run's result write meets a full disk: room is made, and the write goes through.
    failResultWrites(1);
    await results.put(result('made', [still.$artifact], 2));
    expect(rooms).toBe(1);
    expect(await artifacts.get(still.$artifact)).toBeDefined();
    expect(await db.results.get('reused')).toBeDefined();
    expect(await artifacts.get(reused.$artifact)).toBeDefined();
    // What no run holds went to make that room.
    expect(await db.results.get('stale')).toBeUndefined();
    expect(await db.blobs.get(stale.$artifact)).toBeUndefined();
    release();

    // Once the run is over, its results are cached results like any other.
    await evictLeastRecentlyUsed(db, Infinity, inUse);
    expect(await db.results.count()).toBe(0);
  });

  it('without the hold, the same quota hit deletes the run’s new media (the failure this prevents)', async () => {
    const still = await artifacts.put(bytes('the still this run made'));
    await evictLeastRecentlyUsed(db, Infinity);
    expect(await db.blobs.get(still.$artifact)).toBeUndefined();
  });

  it('keeps what a run in another tab has used or made since it began, and lets it go when that run ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(1_000);
      const reused = await artifacts.put(bytes('reused by the other tab'));
      const stale = await artifacts.put(bytes('stale'));
      await results.put(result('reused', [reused.$artifact], 1_000));
      await results.put(result('stale', [stale.$artifact], 1_000));

      // The other tab: its own stores on the same database, and its run announced to every tab.
      const locks = fakeLockManager();
      vi.setSystemTime(2_000);
      const endRun = await announceRun(Date.now(), locks);
      const elsewhere = { artifacts: new DexieArtifactStore(db), results: new DexieResultStore(db) };
      vi.setSystemTime(3_000);
      expect(await elsewhere.results.getMany(['reused'])).toHaveLength(1);
      const made = await elsewhere.artifacts.put(bytes('made there, its result not yet written'));

      // This tab clears its cache (its own run hold is empty): the other tab's run keeps its things.
      const report = await evictingAlone((since) => {
        expect(since).toBe(2_000);
        return evictLeastRecentlyUsed(db, Infinity, { ...inUse, since });
      }, locks);
      expect(report).toMatchObject({ results: 1, artifacts: 1, spared: 1 });
      expect(await db.results.get('stale')).toBeUndefined();
      expect(await db.results.get('reused')).toBeDefined();
      expect(await artifacts.get(reused.$artifact)).toBeDefined();
      expect(await artifacts.get(made.$artifact)).toBeDefined();

      // Once it has ended (or its tab closed), nothing is spared for it.
      endRun();
      await vi.waitFor(async () => expect(await earliestRunStart(locks)).toBeUndefined());
      await evictingAlone((since) => evictLeastRecentlyUsed(db, Infinity, { since }), locks);
      expect([await db.results.count(), await db.blobs.count()]).toEqual([0, 0]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('announces no run while an eviction is under way: the run waits, and the eviction never misses it', async () => {
    const locks = fakeLockManager();
    const order: string[] = [];
    let finish = () => {};
    const eviction = evictingAlone(async (since) => {
      order.push(`evicting, runs since ${since}`);
      await new Promise<void>((resolve) => (finish = resolve));
      order.push('evicted');
    }, locks);
    const announced = announceRun(5, locks).then((end) => (order.push('run announced'), end));
    await vi.waitFor(() => expect(order).toEqual(['evicting, runs since undefined']));
    finish();
    const endRun = await announced;
    await eviction;
    expect(order).toEqual(['evicting, runs since undefined', 'evicted', 'run announced']);
    await evictingAlone(async (since) => void order.push(`evicting, runs since ${since}`), locks);
    expect(order.at(-1)).toBe('evicting, runs since 5');
    endRun();
  });

  it('never evicts a clip a provider was paid for while its job is kept', async () => {
    const clip = await artifacts.put(new Blob(['paid clip bytes'], { type: 'video/mp4' }));
    await db.jobs.put({
      key: 'job',
      provider: 'kling',
      model: 'kling-v3',
      handle: { id: 't' },
      state: 'done',
      kept: [clip.$artifact],
      submittedAt: 1,
    });
    await evictLeastRecentlyUsed(db, Infinity);
    expect(await artifacts.get(clip.$artifact)).toBeDefined();
  });
});

describe('saving graphs', () => {
  const doc = { ...graphDoc([node('a', 'prompt')]), id: 'g1', name: 'Mine' };

  it('makes room in the cache when a save meets a full disk', async () => {
    let made = 0;
    const repo = new GraphRepo(db, async () => void made++);
    let failures = 1;
    const put = db.graphDocs.put.bind(db.graphDocs);
    db.graphDocs.put = ((...args: Parameters<typeof put>) =>
      failures-- > 0 ? Promise.reject(quotaError()) : put(...args)) as typeof put;
    await repo.save(doc);
    expect(made).toBe(1);
    expect((await repo.load('g1'))?.name).toBe('Mine');
  });

  it('does not bring back a graph deleted in another tab', async () => {
    const repo = new GraphRepo(db);
    await repo.save(doc);
    await repo.remove('g1');
    const edited = { ...doc, name: 'Mine, edited after the delete' };
    expect(await repo.saveIfUnchanged(edited, doc.metadata.updatedAt)).toBe('deleted');
    expect(await repo.load('g1')).toBeUndefined();
  });

  it('stores a bundle’s graph and its media together, or neither', async () => {
    const repo = new GraphRepo(db);
    const media = [{ hash: 'a'.repeat(64), blob: bytes('photo') }];
    db.graphDocs.put = (() => Promise.reject(new Error('refused'))) as unknown as typeof db.graphDocs.put;
    await expect(repo.saveWithMedia(doc, media)).rejects.toThrow(/could not be saved/);
    expect([await db.blobs.count(), await db.artifacts.count()]).toEqual([0, 0]);
  });

  it('says what could not be saved, and why, when the data cannot be stored', async () => {
    const repo = new GraphRepo(db);
    db.graphDocs.put = (() =>
      Promise.reject(new DOMException('could not be cloned', 'DataCloneError'))) as unknown as typeof db.graphDocs.put;
    await expect(repo.save(doc)).rejects.toThrow(
      'The graph “Mine” could not be saved (its data is nested too deeply to store). The previous save is intact.',
    );
  });
});
