// Dexie's live queries follow the global IndexedDB: each test has a database of its own on it.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../graph-engine';
import { ReelgraphDB } from '../storage/db';
import { QueueStore, type QueuedRun } from '../storage/queue-store';
import type { RunOutcome } from './run-outcome';
import { fakeLocks } from './fake-locks';
import { createRunQueue, type ExecuteQueued, type RunQueue } from './run-queue';

/** A run's end, held until the test lets it happen. */
interface Started {
  run: QueuedRun;
  signal: AbortSignal;
  finish(outcome: RunOutcome | 'held' | 'waiting'): void;
}

/** One tab: its own connection to the shared database, its own queue, and what it was asked to run. */
function tab(
  database: string,
  locks: LockManager | undefined,
  options: { ownOnly?: boolean; page?: EventTarget } = {},
) {
  const store = new QueueStore(new ReelgraphDB(database));
  const started: Started[] = [];
  const ended: string[] = [];
  const notices: string[] = [];
  const execute: ExecuteQueued = (run, signal) =>
    new Promise((resolve) => started.push({ run, signal, finish: resolve }));
  const queue = createRunQueue({
    store,
    locks,
    execute,
    onEnded: (run) => ended.push(run.id),
    notify: (_, message) => notices.push(message),
    ownOnly: options.ownOnly,
    page: options.page,
  });
  opened.push(queue);
  return { store, queue, started, ended, notices };
}

let databases = 0;
const freshDatabase = () => `queue-test-${++databases}`;

const opened: RunQueue[] = [];
afterEach(() => {
  for (const queue of opened.splice(0)) queue.dispose();
});

const summary = (status: RunSummary['status'] = 'done') => ({ status }) as RunSummary;
const ask = (graphId: string, resources = ['cloud']) => ({
  graphId,
  graphName: graphId,
  version: 'v1',
  estimate: 0,
  approvedUsd: 0,
  askAboveUsd: 0,
  resources,
});
/** Waits on the queue's own events (storage and its live query), with a bound only for a failure. */
const until = (check: () => unknown) => vi.waitFor(check, { timeout: 20_000, interval: 2 });

describe('the run queue, as two tabs on one database', { timeout: 30_000 }, () => {
  it('has one leader, which runs each run once, whichever tab queued it; the tab that asked hears it ended', async () => {
    const database = freshDatabase();
    const locks = fakeLocks();
    const first = tab(database, locks);
    const second = tab(database, locks);
    first.queue.start();
    second.queue.start();
    const outcome = second.queue.enqueue(ask('g1'));
    await until(() => expect(first.started).toHaveLength(1));
    expect(second.started).toHaveLength(0);
    first.started[0].finish(summary());
    // Run in the other tab: this one hears it ended, and follows it up.
    await expect(outcome).resolves.toBeUndefined();
    await until(() => expect(second.ended).toEqual([first.started[0].run.id]));
    expect(await first.store.list()).toEqual([]);
    expect(first.started).toHaveLength(1);
  });

  it('is taken over when the leader goes away: the run it left running is taken up first, marked resumed', async () => {
    const database = freshDatabase();
    const locks = fakeLocks();
    const first = tab(database, locks);
    const second = tab(database, locks);
    first.queue.start();
    second.queue.start();
    void first.queue.enqueue(ask('g1'));
    await until(() => expect(first.started).toHaveLength(1));
    void second.queue.enqueue(ask('g2', ['local-render']));
    first.queue.dispose();
    await until(() => expect(second.started.map((entry) => entry.run.graphId)).toContain('g1'));
    const resumed = second.started.find((entry) => entry.run.graphId === 'g1')!;
    expect(resumed.run.resumed).toBe(true);
    // It keeps when it first started: what it sent since counts as spent.
    expect(resumed.run.firstStartedAt).toBe(first.started[0].run.firstStartedAt);
  });

  it('tells the tab that queued a run why the budgets refused it in the tab that ran it', async () => {
    const database = freshDatabase();
    const locks = fakeLocks();
    const first = tab(database, locks);
    const second = tab(database, locks);
    first.queue.start();
    second.queue.start();
    const outcome = second.queue.enqueue({ ...ask('g1'), estimate: 3, approvedUsd: 3 });
    await until(() => expect(first.started).toHaveLength(1));
    const refusal = { status: 'over-budget' as const, estimate: 3, message: 'Run not started: over your daily cap.' };
    first.started[0].finish(refusal);
    await expect(outcome).resolves.toEqual(refusal);
  });

  it('queues a graph once when two tabs press Run on it at the same moment', async () => {
    const database = freshDatabase();
    const locks = fakeLocks();
    const first = tab(database, locks);
    const second = tab(database, locks);
    await first.queue.pause(true);
    first.queue.start();
    second.queue.start();
    const [a, b] = [first.queue.enqueue(ask('g1')), second.queue.enqueue(ask('g1'))];
    await until(async () => expect(await first.store.list()).toHaveLength(1));
    // One of the two presses hears at once that it is queued already, nothing added.
    await expect(Promise.race([a, b])).resolves.toBeUndefined();
    expect([...first.notices, ...second.notices]).toEqual(['“g1” is in the run queue already: see Queue.']);
    expect(await first.store.list()).toHaveLength(1);
  });

  it('stops a run running in another tab when asked there, and it leaves the queue', async () => {
    const database = freshDatabase();
    const locks = fakeLocks();
    const first = tab(database, locks);
    const second = tab(database, locks);
    first.queue.start();
    second.queue.start();
    void second.queue.enqueue(ask('g1'));
    await until(() => expect(first.started).toHaveLength(1));
    await second.queue.cancel(first.started[0].run.id);
    await until(() => expect(first.started[0].signal.aborted).toBe(true));
    first.started[0].finish(summary('cancelled'));
    await until(async () => expect(await second.store.list()).toEqual([]));
  });
});

describe('the run queue, in one tab', { timeout: 30_000 }, () => {
  it('runs in order, side by side only where runs share no pool and no graph', async () => {
    const one = tab(freshDatabase(), fakeLocks());
    await one.queue.pause(true);
    one.queue.start();
    void one.queue.enqueue(ask('cloud-a', ['cloud']));
    void one.queue.enqueue(ask('local-b', ['local-render']));
    void one.queue.enqueue(ask('cloud-c', ['cloud']));
    await until(async () => expect(await one.store.list()).toHaveLength(3));
    await one.queue.pause(false);
    await until(() => expect(one.started.map((entry) => entry.run.graphId)).toEqual(['cloud-a', 'local-b']));
    one.started[0].finish(summary());
    await until(() => expect(one.started.map((entry) => entry.run.graphId)).toEqual(['cloud-a', 'local-b', 'cloud-c']));
  });

  it('puts a run that no longer fits back in its place without ending it, and its caller waits on', async () => {
    const one = tab(freshDatabase(), fakeLocks());
    one.queue.start();
    let heard: RunOutcome | 'nothing' = 'nothing';
    void one.queue.enqueue(ask('g1')).then((outcome) => (heard = outcome));
    await until(() => expect(one.started).toHaveLength(1));
    // The runner found it no longer fits beside the runs under way: back to waiting, in one transaction, nothing sent.
    await one.store.update(one.started[0].run.id, { state: 'waiting', startedAt: undefined });
    one.started[0].finish('waiting');
    await until(() => expect(one.started).toHaveLength(2));
    expect(heard).toBe('nothing');
    expect(one.ended).toEqual([]);
    one.started[1].finish(summary());
    await until(() => expect(heard).toEqual(summary()));
    await until(() => expect(one.ended).toHaveLength(1));
  });

  it('holds a run for the person, telling its caller, and starts it again only once accepted', async () => {
    const one = tab(freshDatabase(), fakeLocks());
    one.queue.start();
    const outcome = one.queue.enqueue({ ...ask('g1'), estimate: 2 });
    await until(() => expect(one.started).toHaveLength(1));
    one.started[0].finish('held');
    await expect(outcome).resolves.toBeUndefined();
    const [held] = await one.store.list();
    expect(held.state).toBe('held');
    await one.queue.acceptHeld(held);
    await until(() => expect(one.started).toHaveLength(2));
    expect(one.started[1].run.approvedUsd).toBe(2);
  });

  it('removes a waiting run cancelled before its turn, and starts nothing while paused', async () => {
    const one = tab(freshDatabase(), fakeLocks());
    await one.queue.pause(true);
    one.queue.start();
    const outcome = one.queue.enqueue(ask('g1'));
    await until(async () => expect(await one.store.list()).toHaveLength(1));
    const [run] = await one.store.list();
    await one.queue.cancel(run.id);
    await expect(outcome).resolves.toBeUndefined();
    await one.queue.pause(false);
    expect(one.started).toEqual([]);
  });

  it('leaves a run the page cut short as it went away running, for the next leader, and starts nothing more', async () => {
    const page = new EventTarget();
    const one = tab(freshDatabase(), fakeLocks(), { page });
    one.queue.start();
    void one.queue.enqueue(ask('g1'));
    await until(() => expect(one.started).toHaveLength(1));
    page.dispatchEvent(new Event('pagehide'));
    void one.queue.enqueue(ask('g2', ['local-render']));
    one.started[0].finish(summary('cancelled'));
    await until(async () => expect((await one.store.list()).map((run) => run.state)).toEqual(['running', 'waiting']));
    expect(one.started).toHaveLength(1);
    expect(one.ended).toEqual([]);
    expect(one.queue.leaving()).toBe(true);
  });

  it('as a host that runs only its own runs (the CLI), neither takes up nor waits behind what another left, until adopted', async () => {
    const database = freshDatabase();
    const locks = fakeLocks();
    const killed = tab(database, locks);
    killed.queue.start();
    void killed.queue.enqueue(ask('left'));
    await until(() => expect(killed.started).toHaveLength(1));
    killed.queue.dispose();
    const cli = tab(database, locks, { ownOnly: true });
    cli.queue.start();
    const mine = cli.queue.enqueue(ask('mine'));
    await until(() => expect(cli.started.map((entry) => entry.run.graphId)).toEqual(['mine']));
    cli.started[0].finish(summary());
    await expect(mine).resolves.toEqual(summary());
    const [left] = await cli.queue.unfinished();
    expect([left.graphId, left.state]).toEqual(['left', 'running']);
    const resumed = cli.queue.adopt(left.id, 0.5);
    await until(() => expect(cli.started).toHaveLength(2));
    expect(cli.started[1].run).toMatchObject({ graphId: 'left', resumed: true, approvedUsd: 0.5, askAboveUsd: 0 });
    cli.started[1].finish(summary());
    await expect(resumed).resolves.toEqual(summary());
  });
});
