import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReelgraphDB } from './db';
import { QueueStore } from './queue-store';

let queue: QueueStore;
beforeEach(() => {
  queue = new QueueStore(new ReelgraphDB('test', { indexedDB: new IDBFactory(), IDBKeyRange }));
});

const add = (id: string) =>
  queue.add({
    id,
    graphId: `g-${id}`,
    graphName: id,
    version: 'v',
    estimate: 0,
    approvedUsd: 0,
    askAboveUsd: 0,
    addedAt: 1,
  });
const order = async () => (await queue.list()).map((run) => `${run.id}:${run.state}`);

describe('the run queue in storage', () => {
  it('adds at the back, waiting, and moves a run to any place', async () => {
    for (const id of ['a', 'b', 'c', 'd']) await add(id);
    expect(await order()).toEqual(['a:waiting', 'b:waiting', 'c:waiting', 'd:waiting']);
    await queue.move('d', 0);
    expect(await order()).toEqual(['d:waiting', 'a:waiting', 'b:waiting', 'c:waiting']);
    await queue.move('d', 2);
    expect(await order()).toEqual(['a:waiting', 'b:waiting', 'd:waiting', 'c:waiting']);
    await queue.move('a', 99);
    expect(await order()).toEqual(['b:waiting', 'd:waiting', 'c:waiting', 'a:waiting']);
    // A run added after a move still goes last.
    await add('e');
    expect((await order()).at(-1)).toBe('e:waiting');
  });

  it('puts a run left running by a tab that is gone back at the front, and drops one that was asked to stop', async () => {
    for (const id of ['a', 'b', 'c']) await add(id);
    await queue.update('b', { state: 'running', startedAt: 5 });
    await queue.update('c', { state: 'running', cancel: true });
    await queue.recover();
    expect(await order()).toEqual(['b:waiting', 'a:waiting']);
  });

  it('remembers whether it is paused', async () => {
    expect(await queue.paused()).toBe(false);
    await queue.setPaused(true);
    expect(await queue.paused()).toBe(true);
    await queue.setPaused(false);
    expect(await queue.paused()).toBe(false);
  });

  it('claims a waiting run once, marking one a gone tab left as resumed, and never one that is gone or asked to stop', async () => {
    await add('a');
    const first = await queue.claim('a');
    expect(first).toMatchObject({ state: 'running' });
    expect(first?.resumed).toBeUndefined();
    expect(await queue.claim('a')).toBeUndefined();
    await queue.recover();
    expect(await queue.claim('a')).toMatchObject({ state: 'running', resumed: true });
    await queue.remove('a');
    expect(await queue.claim('a')).toBeUndefined();
    await add('b');
    await queue.update('b', { cancel: true });
    expect(await queue.claim('b')).toBeUndefined();
    // Cancelled before it started: it leaves the queue, holding back nothing behind it.
    expect(await order()).toEqual([]);
  });

  it('records what a starting run draws on, and puts it back in its place, waiting, when it no longer fits', async () => {
    for (const id of ['a', 'b', 'c']) await add(id);
    await queue.claim('a');
    await queue.claim('b');
    const fits = (run: { resources?: string[] }, running: readonly { resources?: string[] }[]) =>
      running.every((other) => !other.resources?.some((pool) => run.resources?.includes(pool)));
    expect(await queue.confirmBeside('a', ['local-render'], fits)).toBe('fits');
    // It sees what the other recorded, and it shares a pool with it.
    expect(await queue.confirmBeside('b', ['cloud', 'local-render'], fits)).toBe('waits');
    expect(await order()).toEqual(['a:running', 'b:waiting', 'c:waiting']);
    expect((await queue.get('b'))?.resources).toEqual(['cloud', 'local-render']);
    expect((await queue.get('b'))?.startedAt).toBeUndefined();
    // Cancelled as it started, or gone: it is not run, and a cancelled one leaves the queue.
    await queue.claim('c');
    await queue.update('c', { cancel: true });
    expect(await queue.confirmBeside('c', [], fits)).toBe('gone');
    expect(await queue.confirmBeside('nobody', [], fits)).toBe('gone');
    expect(await order()).toEqual(['a:running', 'b:waiting']);
  });
});
