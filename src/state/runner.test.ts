// Dexie's live queries follow the global IndexedDB: each test has a database of its own on it.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createStore } from 'zustand/vanilla';
import {
  createRegistry,
  defineNode,
  MemoryArtifactStore,
  MemoryResultStore,
  type GraphDocument,
} from '../../graph-engine';
import { candidatesKind, edge, graphDoc, node, shotKind, textKind } from '../../graph-engine/test-kit';
import { MemorySpendLedger, type SpendRow } from '../providers/cloud/spend-ledger';
import type { Services } from '../services';
import { ReelgraphDB } from '../storage/db';
import { QueueStore } from '../storage/queue-store';
import { RunHistory } from '../storage/run-history';
import { SpendLineage } from '../storage/spend-lineage';
import type { Budgets } from './budget-check';
import { initialGraphState, type GraphState } from './graph-store';
import { createRunQueue, type RunQueue } from './run-queue';
import { applyEdit, editTake } from './edits';
import { createRunner } from './runner';

/** A paid cloud step: what it costs, and a gate the test opens (so nothing races the clock). */
const gates: (() => void)[] = [];
const ran: string[] = [];
const paidKind = defineNode({
  kind: 'paid',
  version: 1,
  title: 'Paid',
  description: 'A test kind: a paid cloud call',
  inputs: {},
  outputs: { text: { type: 'text' } },
  params: z.object({ price: z.number().default(0.5), label: z.string().default('x') }),
  resource: () => 'cloud',
  estimateCost: (params) => params.price,
  run: async ({ params, recordCost, signal }) => {
    ran.push(params.label);
    await new Promise<void>((resolve, reject) => {
      gates.push(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    recordCost(params.price);
    return { text: params.label };
  },
});
const registry = createRegistry([textKind, paidKind, candidatesKind, shotKind]);

let databases = 0;
const opened: RunQueue[] = [];
afterEach(() => {
  for (const queue of opened.splice(0)) queue.dispose();
  gates.splice(0);
  ran.splice(0);
});

/** One page: its stores, its view, its queue and its runner, with budgets the test sets. */
function page(doc: GraphDocument, budgets: Budgets = {}, providers: unknown = {}) {
  const db = new ReelgraphDB(`runner-test-${++databases}`);
  const saved = new Map([[doc.id, doc]]);
  const spend = new MemorySpendLedger();
  const services = {
    registry,
    results: new MemoryResultStore(),
    artifacts: new MemoryArtifactStore(),
    providers,
    graphs: { load: async (id: string) => saved.get(id) },
    history: new RunHistory(db),
    queue: new QueueStore(db),
    spend,
    lineage: new SpendLineage(db),
    missingKey: async () => undefined,
    holdForRun: async () => () => {},
    tidyStorage: async () => {},
  } as unknown as Services;
  const view = createStore<GraphState>()(() => ({ ...initialGraphState(), doc }));
  const notices: string[] = [];
  const settings = { confirmAboveUsd: 100, budgets };
  const runner = createRunner({
    services: () => services,
    view,
    queue: () => queue,
    settings: () => settings,
    notify: (_, message) => notices.push(message),
    flushSave: async () => {},
  });
  const queue = createRunQueue({
    store: services.queue,
    execute: runner.executeQueued,
    onEnded: runner.afterQueued,
    notify: (_, message) => notices.push(message),
  });
  opened.push(queue);
  queue.start();
  /** Saves an edit, as autosave does, and shows it. */
  const edit = (next: GraphDocument) => {
    saved.set(next.id, next);
    view.setState({ doc: next });
  };
  return { runner, queue, store: services.queue, spend, view, notices, settings, edit };
}

const until = (check: () => unknown) => vi.waitFor(check, { timeout: 20_000, interval: 2 });
const paidGraph = (price = 0.5, label = 'a') => graphDoc([node('p', 'paid', { price, label })]);
const spent = (graphId: string, dollars: number, at = Date.now()): SpendRow => ({
  id: `row-${dollars}-${at}`,
  at,
  provider: 'kling',
  model: 'kling-v3-std',
  graphId,
  params: {},
  estimate: dollars,
  outcome: 'made',
});

describe('the runner', { timeout: 30_000 }, () => {
  it('runs a graph asked for once: a second press while the first is priced or queued queues nothing', async () => {
    const { runner, store } = page(paidGraph());
    const first = runner.runCurrent();
    const second = runner.runCurrent();
    await until(() => expect(ran).toEqual(['a']));
    gates[0]();
    expect((await first)?.status).toBe('done');
    // The second press, while the first was still being priced, queued nothing.
    expect(await second).toBeUndefined();
    expect(ran).toEqual(['a']);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a run over the caps before anything is sent, saying by how much', async () => {
    const { runner, spend, notices } = page(paidGraph(0.5), { dailyCapUsd: 1 });
    await spend.put(spent('graph-1', 0.75));
    const outcome = await runner.runCurrent();
    expect(outcome).toMatchObject({ status: 'over-budget', estimate: 0.5 });
    expect(notices.at(-1)).toMatch(/over your daily cap of \$1\.00 by \$0\.25\. Nothing was sent\./);
    expect(ran).toEqual([]);
  });

  it('at its turn, refuses a queued run the caps no longer allow (spend made while it waited), sending nothing', async () => {
    const { runner, queue, spend, store } = page(paidGraph(0.5), { dailyCapUsd: 1 });
    await queue.pause(true);
    const outcome = runner.runCurrent();
    await until(async () => expect(await store.list()).toHaveLength(1));
    // Another graph spent meanwhile.
    await spend.put(spent('other', 0.75));
    await queue.pause(false);
    expect(await outcome).toMatchObject({ status: 'over-budget' });
    expect(ran).toEqual([]);
  });

  it('holds a queued run that costs more at its turn than was accepted, sending nothing', async () => {
    const { runner, queue, store, edit, settings } = page(paidGraph(0.5));
    settings.confirmAboveUsd = 0;
    const approve = async () => true;
    await queue.pause(true);
    const outcome = runner.runCurrent(undefined, approve);
    await until(async () => expect(await store.list()).toHaveLength(1));
    edit(paidGraph(2));
    await queue.pause(false);
    expect(await outcome).toBeUndefined();
    const [held] = await store.list();
    expect([held.state, held.message]).toEqual([
      'held',
      'It now costs about $2.00, more than the $0.50 you accepted (the graph changed while it waited). Nothing was sent.',
    ]);
    expect(ran).toEqual([]);
  });

  it('prices a run taken up again for what it has yet to send, and meets the caps with it', async () => {
    const { runner, queue, spend, store } = page(paidGraph(0.5), { dailyCapUsd: 0.6 });
    await queue.pause(true);
    const outcome = runner.runCurrent();
    await until(async () => expect(await store.list()).toHaveLength(1));
    // As a tab that went away left it: started, its paid step sent ($0.50, still pending).
    const [left] = await store.list();
    await store.update(left.id, { resumed: true, firstStartedAt: Date.now() - 1000 });
    await spend.put({ ...spent('graph-1', 0.5, Date.now() - 500), outcome: 'pending' });
    await queue.pause(false);
    // It owes nothing more: within the cap although $0.50 + $0.50 would not be.
    await until(() => expect(ran).toEqual(['a']));
    gates[0]();
    expect((await outcome)?.status).toBe('done');
  });

  it('cancelled while its turn comes (during pricing), the run leaves the queue and nothing is sent', async () => {
    const { runner, queue, store, spend, view } = page(paidGraph(0.5), { dailyCapUsd: 10 });
    await queue.pause(true);
    const outcome = runner.runCurrent();
    await until(async () => expect(await store.list()).toHaveLength(1));
    // The spend history answers only when the test says: the run is cancelled while it is priced.
    let answer = () => {};
    const since = spend.since.bind(spend);
    spend.since = (from: number) => new Promise((resolve) => (answer = () => resolve(since(from))));
    await queue.pause(false);
    await until(() => expect(view.getState().running).toBe(true));
    runner.cancelRun();
    await until(async () => expect((await store.list())[0]?.cancel).toBe(true));
    answer();
    expect(await outcome).toBeUndefined();
    expect(ran).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('cancelled while it is priced, before it reaches the queue, it is never queued and nothing is sent', async () => {
    const { runner, store, notices } = page(paidGraph(0.5));
    let accept: (yes: boolean) => void = () => {};
    const asked = vi.fn(() => new Promise<boolean>((resolve) => (accept = resolve)));
    const outcome = runner.runCurrent(undefined, asked);
    await until(() => expect(asked).toHaveBeenCalled());
    runner.cancelRun();
    // Accepted by whoever was asked, after the stop: the stop stands.
    accept(true);
    expect(await outcome).toBeUndefined();
    expect(notices.at(-1)).toMatch(/stopped before it was queued\. Nothing was sent/);
    expect(await store.list()).toEqual([]);
    expect(ran).toEqual([]);
  });

  it('does not follow a cancelled run with a second press made while it ran', async () => {
    const { runner, store } = page(paidGraph(0.5));
    const first = runner.runCurrent();
    await until(() => expect(ran).toEqual(['a']));
    const second = runner.runCurrent();
    runner.cancelRun();
    expect((await first)?.status).toBe('cancelled');
    expect(await second).toBeUndefined();
    expect(await store.list()).toEqual([]);
    expect(ran).toEqual(['a']);
  });

  it('stopped because some takes failed, goes on with the others once those are dropped (as a pick continues it)', async () => {
    const providers = { refuse: new Set(['b(#1.0)']), ran: [] as string[] };
    const doc = graphDoc(
      [node('stills', 'candidates', { count: 1 }), node('shot', 'shot', { models: ['a', 'b'] })],
      [edge('stills.images', 'shot.image')],
    );
    const { runner, view, edit } = page(doc, {}, providers);
    expect((await runner.runCurrent())?.status).toBe('failed');
    expect(providers.ran).toEqual(['a(#1.0)', 'b(#1.0)']);
    const failed = view.getState().takes.shot!.find((take) => take.status === 'failed')!;
    // Dropped on the board: the run goes on by itself, and makes nothing again.
    edit(applyEdit(view.getState().doc!, editTake('shot', failed.id, 'drop')).doc);
    await runner.refreshFromCache();
    await until(() => expect(view.getState().lastRun?.status).toBe('done'));
    expect(providers.ran).toEqual(['a(#1.0)', 'b(#1.0)']);
  });
});
