import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { GraphDocument } from './document/schema';
import { MemoryArtifactStore, MemoryResultStore } from './memory-stores';
import { createRegistry, defineNode } from './node-def';
import type { RunEvent } from './run-events';
import { runGraph, type RunOptions } from './run-graph';
import { validateGraph } from './validate';
import { reduceRunState, type RunState } from './run-state';
import {
  edge,
  graphDoc,
  node,
  sleep,
  testRegistry,
  textKind,
  joinKind,
  upperKind,
  candidatesKind,
  chooseKind,
  clipKind,
} from './test-kit';

function setup(overrides: Partial<RunOptions<unknown>> = {}) {
  const results = new MemoryResultStore();
  const artifacts = new MemoryArtifactStore();
  const events: RunEvent[] = [];
  const run = (doc: GraphDocument, more: Partial<RunOptions<unknown>> = {}) =>
    runGraph({
      doc,
      registry: testRegistry,
      results,
      artifacts,
      providers: undefined,
      onEvent: (event) => events.push(event),
      ...overrides,
      ...more,
    });
  const statusOf = () => events.reduce<RunState>(reduceRunState, {});
  return { results, artifacts, events, run, statusOf };
}

const pipeline = (choice?: number) =>
  graphDoc(
    [
      node('t', 'text', { value: 'fox' }),
      node('s', 'candidates', { count: 3 }),
      node('p', 'choose', choice === undefined ? {} : { choice }),
      node('c', 'clip'),
    ],
    [edge('t.text', 's.prompt'), edge('s.images', 'p.candidates'), edge('p.chosen', 'c.image')],
  );

describe('runGraph', () => {
  it('runs in topological order, passing outputs downstream', async () => {
    const { run } = setup();
    const summary = await run(pipeline(2));
    expect(summary.status).toBe('done');
    expect(summary.executed).toEqual(['t', 's', 'p', 'c']);
    expect(summary.outputs.get('c')).toEqual({ video: 'clip(fox#1.2,5s)' });
  });

  it('executes nothing the second time, and only what changed below an edit', async () => {
    const { run } = setup();
    await run(pipeline(0));
    const again = await run(pipeline(0));
    expect(again.executed).toEqual([]);
    expect(again.reused).toEqual(['c']);
    expect(again.outputs.get('c')).toEqual({ video: 'clip(fox#1.0,5s)' });

    const picked = await run(pipeline(1));
    expect(picked.executed).toEqual(['p', 'c']);
    expect(picked.reused).toEqual(['s']);
  });

  it('runs only a target and what it needs', async () => {
    const { run } = setup();
    const summary = await run(pipeline(0), { targets: ['s'] });
    expect(summary.executed).toEqual(['t', 's']);
  });

  it('passes a multiple input in edge order, and a single image as a list of one', async () => {
    const { run } = setup();
    const doc = graphDoc(
      [
        node('a', 'text', { value: 'x' }),
        node('b', 'text', { value: 'y' }),
        node('j', 'join', { separator: '+' }),
        node('s', 'candidates', { count: 1 }),
        node('p', 'choose', { choice: 0 }),
        node('q', 'choose', { choice: 0 }),
      ],
      [
        edge('b.text', 'j.parts'),
        edge('a.text', 'j.parts'),
        edge('s.images', 'p.candidates'),
        edge('p.chosen', 'q.candidates'),
      ],
    );
    const summary = await run(doc);
    expect(summary.outputs.get('j')).toEqual({ text: 'y+x' });
    expect(summary.outputs.get('q')).toEqual({ chosen: '#1.0' });
  });

  it('tells each executor which graph it runs in (what it spends is charged there), where the graph has an id', async () => {
    const seen: unknown[] = [];
    const telling = defineNode({
      kind: 'telling',
      version: 1,
      title: 'Telling',
      description: 'A test kind that notes its graph',
      inputs: {},
      outputs: { text: { type: 'text' } },
      params: z.object({}),
      run: async ({ graph }) => (seen.push(graph), { text: 'x' }),
    });
    const registry = createRegistry([telling]);
    const base = { registry, artifacts: new MemoryArtifactStore(), providers: undefined };
    await runGraph({ ...base, results: new MemoryResultStore(), doc: graphDoc([node('t', 'telling')]) });
    await runGraph({ ...base, results: new MemoryResultStore(), doc: { nodes: [node('t', 'telling')], edges: [] } });
    expect(seen).toEqual([{ id: 'graph-1', name: 'Test graph' }, undefined]);
  });

  it('runs independent branches in parallel', async () => {
    // Each branch waits until all three have started: run one at a time, they would never finish.
    let started = 0;
    let allStarted!: () => void;
    const together = new Promise<void>((resolve) => (allStarted = resolve));
    const barrier = defineNode({
      ...textKind,
      run: async () => {
        if (++started === 3) allStarted();
        await together;
        return { text: 'x' };
      },
    });
    // Three different texts: nodes that agree would be one piece of work, made once.
    const doc = graphDoc(['a', 'b', 'c'].map((id) => node(id, 'text', { value: id })));
    const summary = await runGraph({
      doc,
      registry: createRegistry([barrier]),
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
    });
    expect(summary.executed.sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps at most N jobs in flight per resource', async () => {
    let inFlight = 0;
    let most = 0;
    const tracked = defineNode({
      ...textKind,
      kind: 'tracked',
      params: z.object({ provider: z.string(), n: z.string() }),
      resource: (params: { provider: string }) => params.provider,
      run: async ({ signal }) => {
        most = Math.max(most, ++inFlight);
        await sleep(20, signal);
        inFlight--;
        return { text: '' };
      },
    });
    const registry = createRegistry([tracked]);
    const doc = graphDoc(
      Array.from({ length: 6 }, (_, at) => node(`n${at}`, 'tracked', { provider: 'kling', seed: at })),
    );
    for (const entry of doc.nodes) entry.params = { provider: 'kling', n: entry.id };
    await runGraph({
      doc,
      registry,
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
      limits: { kling: 2 },
    });
    expect(most).toBe(2);
  });

  it('reports progress, and folds events into one status per node', async () => {
    const reporting = defineNode({
      ...textKind,
      run: async ({ progress }) => {
        progress(0.5);
        progress(2);
        return { text: 'ok' };
      },
    });
    const events: RunEvent[] = [];
    await runGraph({
      doc: graphDoc([node('a', 'text')]),
      registry: createRegistry([reporting]),
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
      onEvent: (event) => events.push(event),
    });
    expect(events.map((event) => event.type)).toEqual([
      'runPlanned',
      'nodeQueued',
      'nodeStarted',
      'nodeProgressed',
      'nodeProgressed',
      'nodeDone',
    ]);
    expect(events.filter((event) => event.type === 'nodeProgressed').map((event) => event.fraction)).toEqual([0.5, 1]);
    expect(events.reduce<RunState>(reduceRunState, {}).a).toMatchObject({ status: 'done', cost: 0 });
  });

  it('stops only what depends on a failure; the rest finishes and is cached', async () => {
    const { run, statusOf, results } = setup();
    const doc = graphDoc(
      [
        node('a', 'text', { value: 'a' }),
        node('bad', 'upper', { fail: true }),
        node('below', 'upper'),
        node('b', 'text', { value: 'b' }),
        node('ok', 'upper'),
      ],
      [edge('a.text', 'bad.text'), edge('bad.text', 'below.text'), edge('b.text', 'ok.text')],
    );
    const summary = await run(doc);
    expect(summary.status).toBe('failed');
    expect(summary.failed).toEqual(['bad']);
    expect(statusOf()).toMatchObject({
      bad: { status: 'failed', message: 'asked to fail', port: 'text' },
      below: { status: 'blocked', by: 'bad', reason: 'failed' },
      ok: { status: 'done' },
    });
    expect(results.entries.size).toBe(3);
  });

  it('blocks only the branch below an invalid node', async () => {
    const { run, statusOf } = setup();
    const doc = graphDoc(
      [node('u', 'upper'), node('below', 'upper'), node('t', 'text', { value: 'x' })],
      [edge('u.text', 'below.text')],
    );
    const summary = await run(doc);
    expect(summary.status).toBe('failed');
    expect(summary.executed).toEqual(['t']);
    expect(statusOf()).toMatchObject({
      u: { status: 'invalid' },
      below: { status: 'blocked', by: 'u', reason: 'invalid' },
    });
  });

  it('fails a node that leaves out a declared output', async () => {
    const forgetful = defineNode({ ...textKind, run: async () => ({}) });
    const summary = await runGraph({
      doc: graphDoc([node('a', 'text')]),
      registry: createRegistry([forgetful]),
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
    });
    expect(summary.failed).toEqual(['a']);
  });

  it('suspends at a node waiting for a person and resumes without re-running upstream', async () => {
    const { run, statusOf } = setup();
    const waiting = await run(pipeline());
    expect(waiting.status).toBe('waiting');
    expect(waiting.waiting).toEqual(['p']);
    expect(statusOf()).toMatchObject({
      p: { status: 'waiting', message: 'waiting for your pick' },
      c: { status: 'blocked', reason: 'waiting' },
    });

    const resumed = await run(pipeline(2));
    expect(resumed.status).toBe('done');
    expect(resumed.executed).toEqual(['p', 'c']);
  });

  it('cancels: the signal reaches running executors and nothing partial is cached', async () => {
    const seen: string[] = [];
    const slow = defineNode({
      ...textKind,
      run: async ({ signal, nodeId }) => {
        try {
          await sleep(10_000, signal);
        } catch (error) {
          seen.push(nodeId);
          throw error;
        }
        return { text: 'late' };
      },
    });
    const registry = createRegistry([slow, upperKind]);
    const results = new MemoryResultStore();
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const doc = graphDoc(
      [node('a', 'text', { value: 'a' }), node('b', 'text', { value: 'b' }), node('u', 'upper')],
      [edge('a.text', 'u.text')],
    );
    // Cancel once both independent executors are running: an event, not a guess at the time.
    const onEvent = (event: RunEvent) => {
      events.push(event);
      if (events.filter((seen) => seen.type === 'nodeStarted').length === 2) controller.abort();
    };
    const summary = await runGraph({
      doc,
      registry,
      results,
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
      signal: controller.signal,
      onEvent,
    });
    expect(summary.status).toBe('cancelled');
    expect(seen.sort()).toEqual(['a', 'b']);
    expect(results.entries.size).toBe(0);
    expect(events.reduce<RunState>(reduceRunState, {})).toMatchObject({
      a: { status: 'cancelled' },
      b: { status: 'cancelled' },
      u: { status: 'cancelled' },
    });
  });

  it('keeps going when the cache cannot store a result, and says so', async () => {
    const results = new MemoryResultStore();
    results.put = async () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const events: RunEvent[] = [];
    const summary = await runGraph({
      doc: pipeline(0),
      registry: testRegistry,
      results,
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
      onEvent: (event) => events.push(event),
    });
    expect(summary.status).toBe('done');
    expect(events.filter((event) => event.type === 'resultNotStored')).toHaveLength(4);
  });

  it('stores artifacts once by content and records which a result references', async () => {
    const artifacts = new MemoryArtifactStore();
    const results = new MemoryResultStore();
    const makesBlob = defineNode({
      ...textKind,
      outputs: { image: { type: 'image' } },
      run: async ({ artifacts: store }) => ({
        image: await store.put(new Blob(['same bytes'], { type: 'image/png' })),
      }),
    });
    const doc = graphDoc([node('a', 'text', { value: '1' }), node('b', 'text', { value: '2' })]);
    await runGraph({ doc, registry: createRegistry([makesBlob]), results, artifacts, providers: undefined });
    expect(artifacts.blobs.size).toBe(1);
    const [hash] = artifacts.blobs.keys();
    for (const result of results.entries.values()) expect(result.artifacts).toEqual([hash]);
  });

  it('reads ports through portsOf: a kind whose inputs follow its params is validated, gathered and run by them', async () => {
    // "Fill" takes one text input per name in its params, like a component's border ports.
    const fillKind = defineNode({
      kind: 'fill',
      version: 1,
      title: 'Fill',
      description: 'A test kind: named blanks',
      inputs: {},
      outputs: {},
      params: z.object({ blanks: z.array(z.string()).default([]) }),
      ports: (params) => ({
        inputs: Object.fromEntries(params.blanks.map((blank) => [blank, { accepts: ['text'] as const, label: blank }])),
        outputs: { text: { type: 'text' } },
      }),
      run: async ({ params, inputs }) => ({ text: params.blanks.map((blank) => String(inputs[blank])).join('+') }),
    });
    const registry = createRegistry([textKind, upperKind, fillKind]);
    const doc = (blanks: string[]) =>
      graphDoc(
        [
          node('a', 'text', { value: 'fox' }),
          node('b', 'text', { value: 'dawn' }),
          node('f', 'fill', { blanks }),
          node('u', 'upper'),
        ],
        [edge('a.text', 'f.who'), edge('b.text', 'f.when'), edge('f.text', 'u.text')],
      );
    const { run } = setup({ registry });
    const summary = await run(doc(['who', 'when']));
    expect(summary.status).toBe('done');
    expect(summary.outputs.get('u')).toEqual({ text: 'FOX+DAWN' });
    const narrowed = validateGraph(doc(['who']), registry);
    expect(narrowed.issues).toEqual([
      expect.objectContaining({ code: 'unknown-port', nodeId: 'f', port: 'when', message: 'Fill has no input "when"' }),
    ]);
    expect(validateGraph(doc(['who', 'when', 'where']), registry).issues).toEqual([
      expect.objectContaining({ code: 'missing-input', nodeId: 'f', port: 'where' }),
    ]);
  });

  it('unused kinds stay importable', () => {
    expect([joinKind, candidatesKind, chooseKind, clipKind].every((def) => def.version === 1)).toBe(true);
  });

  it('spreads a list into a multiple input of its item type, in edge order', async () => {
    const { results, artifacts } = setup();
    const doc = graphDoc(
      [
        node('many', 'candidates', { count: 2 }),
        node('one', 'candidates', { count: 1, seed: 7 }),
        node('p', 'choose', { choice: 0 }),
        node('r', 'reel'),
      ],
      [edge('many.images', 'r.shots'), edge('one.images', 'p.candidates'), edge('p.chosen', 'r.shots')],
    );
    const summary = await runGraph({ doc, registry: testRegistry, results, artifacts, providers: {} });
    expect(summary.issues).toEqual([]);
    expect(summary.outputs.get('r')).toEqual({ text: '#1.0|#1.1|#7.0' });
  });
});
