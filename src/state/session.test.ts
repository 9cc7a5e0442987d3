// Dexie follows the global IndexedDB: sessions on one database name are tabs of one browser.
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
import { graphDoc, node } from '../../graph-engine/test-kit';
import { MemorySpendLedger } from '../providers/cloud/spend-ledger';
import type { Services } from '../services';
import { ReelgraphDB } from '../storage/db';
import { GraphRepo } from '../storage/graph-repo';
import { QueueStore } from '../storage/queue-store';
import { RunHistory } from '../storage/run-history';
import { SpendLineage } from '../storage/spend-lineage';
import { renameGraph, setParams, setViewport } from './edits';
import { fakeLocks } from './fake-locks';
import { initialGraphState, type GraphState } from './graph-store';
import { createSession, type Session } from './session';

/** A free local step that says which session ran it. */
const ran: { label: string; by: string }[] = [];
let runningIn = '';
const countedKind = defineNode({
  kind: 'counted',
  version: 1,
  title: 'Counted',
  description: 'A test kind: a local step, counted',
  inputs: {},
  outputs: { text: { type: 'text' } },
  params: z.object({ label: z.string().default('x') }),
  run: async ({ params }) => {
    ran.push({ label: params.label, by: runningIn });
    return { text: params.label };
  },
});
const registry = createRegistry([countedKind]);

let databases = 0;
const open: { session: Session; channel: BroadcastChannel }[] = [];
afterEach(() => {
  for (const { session, channel } of open.splice(0)) {
    session.dispose();
    channel.close();
  }
  ran.splice(0);
});

/** A browser: one database name, one set of Web Locks, one channel name, shared by its tabs. */
function browser() {
  const name = `session-test-${++databases}`;
  const locks = fakeLocks();
  /** One tab of it: its own connection, view, marks and session. */
  const tab = (label: string, marks = new Map<string, string>()) => {
    const db = new ReelgraphDB(name);
    const graphs = new GraphRepo(db);
    const services = {
      db,
      registry,
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers: {},
      graphs,
      history: new RunHistory(db),
      queue: new QueueStore(db),
      spend: new MemorySpendLedger(),
      lineage: new SpendLineage(db),
      missingKey: async () => undefined,
      holdForRun: async () => () => {},
      tidyStorage: async () => {},
    } as unknown as Services;
    const view = createStore<GraphState>()(initialGraphState);
    const channel = new BroadcastChannel(name);
    const session = createSession({
      services,
      view,
      settings: () => ({ confirmAboveUsd: 100, budgets: {} }),
      locks,
      channel,
      read: async () => ({ ok: false, unreadable: 'not read in this test' }),
      marks: {
        getItem: (key) => marks.get(key) ?? null,
        setItem: (key, value) => void marks.set(key, value),
        removeItem: (key) => void marks.delete(key),
      },
      drawn: async () => {},
    });
    // Whatever this tab's runner executes is said to have run here.
    const execute = session.runner.executeQueued;
    Object.assign(session.runner, {
      executeQueued: (...args: Parameters<typeof execute>) => ((runningIn = label), execute(...args)),
    });
    open.push({ session, channel });
    return { session, view, graphs, marks };
  };
  return { tab };
}

const until = (check: () => unknown) => vi.waitFor(check, { timeout: 20_000, interval: 2 });
const notice = (view: { getState(): GraphState }) => view.getState().notice?.message ?? '';
const countedGraph = (label = 'a'): GraphDocument => ({ ...graphDoc([node('c', 'counted', { label })]), id: 'g1' });

describe('a session', { timeout: 30_000 }, () => {
  it('opens the newest graph, or the starter on a first start, and saves edits shortly after', async () => {
    const first = browser().tab('one');
    await first.session.documents.bootstrap();
    const starter = first.view.getState().doc!;
    expect(starter.nodes.length).toBeGreaterThan(0);
    first.session.start();
    first.session.documents.updateDoc(renameGraph('My look'));
    await first.session.saver.flushSave();
    expect((await first.graphs.load(starter.id))?.name).toBe('My look');
  });

  it('two tabs editing one graph: the later save becomes a copy, neither tab’s work is lost, and the other tab is told', async () => {
    const { tab } = browser();
    const one = tab('one');
    const two = tab('two');
    await one.graphs.save(countedGraph());
    for (const { session } of [one, two]) {
      await session.documents.openGraph('g1');
      session.start();
    }
    one.session.documents.updateDoc(renameGraph('Edited in one'));
    await one.session.saver.flushSave();
    // Tab two hears that the graph changed under it.
    await until(() => expect(notice(two.view)).toMatch(/just changed in another tab/));
    two.session.documents.updateDoc(renameGraph('Edited in two'));
    await two.session.saver.flushSave();
    expect((await one.graphs.load('g1'))?.name).toBe('Edited in one');
    const copy = two.view.getState().doc!;
    expect(copy.id).not.toBe('g1');
    expect(copy.name).toBe('Edited in two (edited in two tabs)');
    expect((await two.graphs.load(copy.id))?.name).toBe(copy.name);
    expect(notice(two.view)).toMatch(/saved as “Edited in two \(edited in two tabs\)”\. Nothing was overwritten/);
  });

  it('a graph deleted in one tab is never saved again by the other, which can keep its edits as a new graph', async () => {
    const { tab } = browser();
    const one = tab('one');
    const two = tab('two');
    await one.graphs.save(countedGraph());
    await one.graphs.save({ ...countedGraph(), id: 'g2', name: 'Another' });
    for (const { session } of [one, two]) {
      await session.documents.openGraph('g1');
      session.start();
    }
    await one.session.documents.deleteGraph('g1');
    await until(() => expect(notice(two.view)).toMatch(/was deleted in another tab/));
    two.session.documents.updateDoc(setParams('c', { label: 'kept' }));
    await two.session.saver.flushSave();
    expect(await two.graphs.load('g1')).toBeUndefined();
    two.view.getState().notice!.action!.run();
    await until(() => expect(two.view.getState().doc?.id).not.toBe('g1'));
    const kept = await two.graphs.load(two.view.getState().doc!.id);
    expect(kept?.nodes[0].params).toMatchObject({ label: 'kept' });
  });

  it('shows a version read-only: no edit, run or save touches the graph, and going back opens the graph as it was', async () => {
    const one = browser().tab('one');
    await one.graphs.save(countedGraph('now'));
    await one.session.documents.openGraph('g1');
    one.session.start();
    const old = { ...countedGraph('before'), name: 'As it was' };
    const entry = { key: 'saved:1', graphId: 'g1', at: 0, kind: 'saved' as const, note: 'First', doc: old };
    await one.session.documents.viewVersion(old, { graphId: 'g1', label: 'First', entry });
    const shown = one.view.getState().doc!;
    expect(shown.id).not.toBe('g1');
    expect(shown.nodes[0].params).toEqual({ label: 'before' });
    one.session.documents.updateDoc(renameGraph('Changed while looking'));
    expect(one.view.getState().doc).toBe(shown);
    expect(notice(one.view)).toMatch(/shown read-only/);
    expect(await one.session.runner.runCurrent()).toBeUndefined();
    expect(ran).toEqual([]);
    // Only where it is looked at changes; nothing of it is saved, under any id.
    one.session.documents.updateDoc(setViewport({ x: 5, y: 5, zoom: 2 }));
    await one.session.saver.flushSave();
    expect((await one.graphs.list()).map((graph) => graph.id)).toEqual(['g1']);
    await one.session.documents.openGraph('g1');
    expect(one.view.getState()).toMatchObject({
      viewing: null,
      doc: { id: 'g1', nodes: [{ params: { label: 'now' } }] },
    });
  });

  it('duplicates a graph under a name no other graph has', async () => {
    const one = browser().tab('one');
    await one.graphs.save({ ...countedGraph(), name: 'Look' });
    await one.session.documents.openGraph('g1');
    one.session.start();
    await one.session.documents.duplicateGraph();
    await one.session.documents.openGraph('g1');
    await one.session.documents.duplicateGraph();
    expect((await one.graphs.list()).map((graph) => graph.name).sort()).toEqual([
      'Look',
      'Look (copy)',
      'Look (copy) (2)',
    ]);
  });

  it('a graph whose last open never finished is not reopened on its own, and the person is told', async () => {
    const { tab } = browser();
    const marks = new Map([['reelgraph.opening', 'g1']]);
    const one = tab('one', marks);
    await one.graphs.save({ ...countedGraph(), name: 'Froze' });
    await one.graphs.save({ ...countedGraph(), id: 'g2', name: 'Fine', metadata: { ...countedGraph().metadata } });
    await one.session.documents.bootstrap();
    expect(one.view.getState().doc?.id).toBe('g2');
    expect(notice(one.view)).toMatch(/“Froze” did not finish opening last time/);
    // Opened by the person and drawn, it is trusted again.
    await one.session.documents.openGraph('g1');
    expect(marks.size).toBe(0);
  });

  it('two tabs share one queue: the first leads and runs each run once, the other takes over when the first closes', async () => {
    const { tab } = browser();
    const one = tab('one');
    const two = tab('two');
    await one.graphs.save(countedGraph('a'));
    one.session.start();
    await two.session.documents.openGraph('g1');
    two.session.start();
    // Run by the leader: this tab hears that it ended, with nothing ran here to report.
    expect(await two.session.runner.runCurrent()).toBeUndefined();
    expect(ran).toEqual([{ label: 'a', by: 'one' }]);
    expect(await one.session.services.queue.list()).toEqual([]);

    one.session.dispose();
    two.session.documents.updateDoc(setParams('c', { label: 'b' }));
    await two.session.saver.flushSave();
    expect((await two.session.runner.runCurrent())?.status).toBe('done');
    expect(ran).toEqual([
      { label: 'a', by: 'one' },
      { label: 'b', by: 'two' },
    ]);
  });
});
