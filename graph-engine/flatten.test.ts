import { describe, expect, it } from 'vitest';
import { COMPONENT_KIND, type ComponentDef, type GraphDocument, type NodeDoc } from './document/schema';
import { flattenComponents } from './flatten';
import { openedAt } from './component-ports';
import { MemoryArtifactStore, MemoryResultStore } from './memory-stores';
import { estimateCost } from './estimate';
import { prepareRun, runGraph } from './run-graph';
import { edge, graphDoc, node, testRegistry, type ShotProviders } from './test-kit';
import { validateGraph } from './validate';

/** "Shout": the text upper-cased, then joined with itself as it came (`FOX!fox`); its separator is exposed. */
const shout = (separator = '!', version = 1): ComponentDef => ({
  id: 'shout',
  version,
  name: 'Shout',
  nodes: [node('u', 'upper'), node('j', 'join', { separator })],
  edges: [edge('u.text', 'j.parts')],
  inputs: [
    {
      name: 'text',
      to: [
        { node: 'u', port: 'text' },
        { node: 'j', port: 'parts' },
      ],
    },
  ],
  outputs: [{ name: 'text', from: { node: 'j', port: 'text' } }],
  params: [{ name: 'separator', label: 'Separator', node: 'j', param: 'separator' }],
});

function instance(id: string, component: Pick<ComponentDef, 'id' | 'version'>, more: object = {}): NodeDoc {
  return node(id, COMPONENT_KIND, { component: { id: component.id, version: component.version }, ...more });
}

function withComponents(doc: GraphDocument, components: ComponentDef[]): GraphDocument {
  return { ...doc, components };
}

/** Two instances of Shout, the second with its own separator, joined. */
const twoShouts = (definition = shout()) =>
  withComponents(
    graphDoc(
      [
        node('t', 'text', { value: 'fox' }),
        node('t2', 'text', { value: 'owl' }),
        instance('s1', definition),
        instance('s2', definition, { values: { separator: '?' } }),
        node('r', 'join'),
      ],
      [edge('t.text', 's1.text'), edge('t2.text', 's2.text'), edge('s1.text', 'r.parts'), edge('s2.text', 'r.parts')],
    ),
    [definition],
  );

function setup() {
  const results = new MemoryResultStore();
  const artifacts = new MemoryArtifactStore();
  const run = (doc: GraphDocument, targets?: string[]) =>
    runGraph({ doc, registry: testRegistry, results, artifacts, providers: undefined, targets });
  return { run, results };
}

describe('flattenComponents', () => {
  it('opens each instance into its inner nodes under path ids, and rewires the wires that crossed its border', () => {
    const flat = flattenComponents(twoShouts());
    expect(flat.issues).toEqual([]);
    expect(flat.nodes.map((each) => each.id)).toEqual(['t', 't2', 's1/u', 's1/j', 's2/u', 's2/j', 'r']);
    expect(flat.nodes.find((each) => each.id === 's2/j')?.params).toEqual({ separator: '?' });
    const wires = flat.edges.map((each) => `${each.from.node}.${each.from.port}>${each.to.node}.${each.to.port}`);
    expect(wires).toEqual([
      's1/u.text>s1/j.parts',
      's2/u.text>s2/j.parts',
      't.text>s1/u.text',
      't.text>s1/j.parts',
      't2.text>s2/u.text',
      't2.text>s2/j.parts',
      's1/j.text>r.parts',
      's2/j.text>r.parts',
    ]);
    expect(flat.outerOf.get('s2/u')).toBe('s2');
    expect(flat.inside.get('s1')).toEqual(['s1/u', 's1/j']);
    expect(flat.sources.get('s1:text')).toEqual({ node: 's1/j', port: 'text' });
  });

  it('adds what an instance sets on takes inside to what its component set, never replacing it', () => {
    const definition = shout();
    definition.nodes[0].takes = { combine: 'product', rerolls: { x: 1 }, dropped: ['a'] };
    const doc = withComponents(
      graphDoc([instance('s', definition, { inner: { u: { takes: { rerolls: { x: 1, y: 2 }, dropped: ['b'] } } } })]),
      [definition],
    );
    expect(flattenComponents(doc).nodes.find((each) => each.id === 's/u')?.takes).toEqual({
      combine: 'product',
      rerolls: { x: 2, y: 2 },
      dropped: ['a', 'b'],
    });
  });

  it('hands back a graph with no instances as it is', () => {
    const doc = graphDoc([node('t', 'text')]);
    const flat = flattenComponents(doc);
    expect(flat.nodes).toBe(doc.nodes);
    expect(flat.edges).toBe(doc.edges);
  });
});

describe('running a graph with components', () => {
  it('runs the inner nodes, each instance with its own values', async () => {
    const { run } = setup();
    const summary = await run(twoShouts());
    expect(summary.status).toBe('done');
    expect(summary.outputs.get('r')).toEqual({ text: 'FOX!fox OWL?owl' });
    expect(summary.executed).toEqual(expect.arrayContaining(['s1/u', 's1/j', 's2/u', 's2/j']));
  });

  it('keys an inner node as it would be keyed outside the component: the same nodes side by side are already cached', async () => {
    const { run } = setup();
    const byHand = graphDoc(
      [node('t', 'text', { value: 'fox' }), node('u', 'upper'), node('j', 'join', { separator: '!' })],
      [edge('u.text', 'j.parts'), edge('t.text', 'u.text'), edge('t.text', 'j.parts')],
    );
    expect((await run(byHand)).outputs.get('j')).toEqual({ text: 'FOX!fox' });
    const once = withComponents(
      graphDoc([node('t', 'text', { value: 'fox' }), instance('s', shout())], [edge('t.text', 's.text')]),
      [shout()],
    );
    const summary = await run(once);
    expect(summary.executed).toEqual([]);
    expect(summary.outputs.get('s/j')).toEqual({ text: 'FOX!fox' });
  });

  it('after an edit to one inner node, runs only that node and what it feeds; the rest stay cached', async () => {
    const { run } = setup();
    await run(twoShouts());
    // The definition's separator changes: s1 uses it, s2 sets its own, and no upper-casing changed.
    const summary = await run(twoShouts(shout('+')));
    expect(summary.executed.sort()).toEqual(['r', 's1/j']);
    expect(summary.outputs.get('r')).toEqual({ text: 'FOX+fox OWL?owl' });
  });

  it('opens a component inside a component, its exposed param set from the outer one', async () => {
    const twice: ComponentDef = {
      id: 'twice',
      version: 1,
      name: 'Twice',
      nodes: [instance('inner', shout()), node('x', 'upper')],
      edges: [edge('inner.text', 'x.text')],
      inputs: [{ name: 'in', to: [{ node: 'inner', port: 'text' }] }],
      outputs: [{ name: 'out', from: { node: 'x', port: 'text' } }],
      params: [{ name: 'sep', node: 'inner', param: 'separator' }],
    };
    const doc = withComponents(
      graphDoc(
        [node('t', 'text', { value: 'fox' }), instance('w', twice, { values: { sep: '~' } }), node('r', 'join')],
        [edge('t.text', 'w.in'), edge('w.out', 'r.parts')],
      ),
      [twice, shout()],
    );
    const flat = flattenComponents(doc);
    expect(flat.nodes.map((each) => each.id)).toEqual(['t', 'w/inner/u', 'w/inner/j', 'w/x', 'r']);
    expect(flat.outerOf.get('w/inner/j')).toBe('w');
    // The nested instance is known by its path too: its progress and takes are what lies under it.
    expect(flat.inside.get('w')).toEqual(['w/inner/u', 'w/inner/j', 'w/x']);
    expect(flat.inside.get('w/inner')).toEqual(['w/inner/u', 'w/inner/j']);
    expect(openedAt(doc, 'w/inner')?.map((step) => [step.id, step.definition.id])).toEqual([
      ['w', 'twice'],
      ['w/inner', 'shout'],
    ]);
    expect(openedAt(doc, 'w/x')).toBeUndefined();
    expect(openedAt(doc, 'nowhere')).toBeUndefined();
    const summary = await setup().run(doc);
    expect(summary.outputs.get('r')).toEqual({ text: 'FOX~FOX' });
  });

  it('refuses a cycle of definitions, naming the chain, and runs what does not depend on it', async () => {
    const a: ComponentDef = {
      id: 'a',
      version: 1,
      name: 'A',
      nodes: [instance('b', { id: 'b', version: 1 })],
      edges: [],
      inputs: [],
      outputs: [],
      params: [],
    };
    const b: ComponentDef = { ...a, id: 'b', name: 'B', nodes: [instance('again', a)] };
    const doc = withComponents(
      graphDoc(
        [instance('top', a), node('t', 'text', { value: 'fine' }), node('r', 'join')],
        [edge('top.out', 'r.parts'), edge('t.text', 'r.parts')],
      ),
      [a, b],
    );
    const validation = validateGraph(doc, testRegistry);
    expect(validation.issues).toContainEqual(
      expect.objectContaining({
        code: 'component-cycle',
        nodeId: 'top/b/again',
        message: 'the component "A" → "B" → "A" holds itself; a component cannot contain itself',
      }),
    );
    // A wire from an output the component does not have stops what it fed.
    expect(validation.issues).toContainEqual(
      expect.objectContaining({
        code: 'unknown-port',
        nodeId: 'r',
        port: 'parts',
        message: 'the component "A" has no output "out"',
      }),
    );
    expect(validation.runnable.has('r')).toBe(false);
    expect(validation.runnable.has('t')).toBe(true);
  });

  it('stops a whole instance a wire arrives at on an input its component does not have', () => {
    const doc = twoShouts();
    const extra = { ...doc, edges: [...doc.edges, edge('t.text', 's1.gone', 'stray')] };
    const validation = validateGraph(extra, testRegistry);
    expect(validation.issues).toEqual([
      expect.objectContaining({
        code: 'unknown-port',
        nodeId: 's1',
        port: 'gone',
        message: 'the component "Shout" has no input "gone"',
      }),
    ]);
    expect(validation.runnable.has('s1/u')).toBe(false);
    expect(validation.runnable.has('s2/u')).toBe(true);
  });

  it('says which definition an instance is missing, and blocks only what lies below it', async () => {
    const doc = twoShouts();
    const missing = {
      ...doc,
      nodes: doc.nodes.map((each) => (each.id === 's1' ? instance('s1', shout('!', 7)) : each)),
    };
    const validation = validateGraph(missing, testRegistry);
    expect(validation.issues).toEqual([
      {
        code: 'unknown-component',
        nodeId: 's1',
        message: 'uses the component "shout" version 7, which this graph does not hold',
      },
    ]);
    expect(validation.runnable.has('s2/j')).toBe(true);
    expect(validation.runnable.has('r')).toBe(false);
  });

  it('runs an instance asked for by its id: everything inside it and what it needs, nothing else', async () => {
    const summary = await setup().run(twoShouts(), ['s1']);
    expect(summary.executed.sort()).toEqual(['s1/j', 's1/u', 't']);
  });

  it('splits a node inside into takes over a list that arrives at the border, and drops a take for one instance only', async () => {
    const film: ComponentDef = {
      id: 'film',
      version: 1,
      name: 'Film',
      nodes: [node('shot', 'shot'), node('g', 'grade')],
      edges: [edge('shot.video', 'g.video')],
      inputs: [{ name: 'stills', to: [{ node: 'shot', port: 'image' }] }],
      outputs: [{ name: 'videos', from: { node: 'g', port: 'video' } }],
      params: [],
    };
    const doc = (more: object = {}) =>
      withComponents(
        graphDoc(
          [node('kept', 'list', { items: ['one', 'two'] }), instance('f', film, more)],
          [edge('kept.images', 'f.stills')],
        ),
        [film],
      );
    const { run } = setup();
    const first = await run(doc());
    expect(first.takes.get('f/shot')).toHaveLength(2);
    expect(first.outputs.get('f/g')).toEqual({ video: ['graded m(one)#0', 'graded m(two)#0'] });

    const second = first.takes.get('f/shot')![1].id;
    const dropped = await run(doc({ inner: { shot: { takes: { dropped: [second] } } } }));
    expect(dropped.executed).toEqual(['f/shot', 'f/g']);
    expect(dropped.outputs.get('f/g')).toEqual({ video: ['graded m(one)#0'] });
  });

  it('makes, and pays for, once what two uses of a component fed alike would each make', async () => {
    const film: ComponentDef = {
      id: 'film',
      version: 1,
      name: 'Film',
      nodes: [node('shot', 'shot', { price: 0.5 })],
      edges: [],
      inputs: [{ name: 'still', to: [{ node: 'shot', port: 'image' }] }],
      outputs: [{ name: 'video', from: { node: 'shot', port: 'video' } }],
      params: [],
    };
    const doc = withComponents(
      graphDoc(
        [
          node('kept', 'list', { items: ['one'] }),
          node('c', 'choose', { choice: 0 }),
          instance('a', film),
          instance('b', film),
        ],
        [edge('kept.images', 'c.candidates'), edge('c.chosen', 'a.still'), edge('c.chosen', 'b.still')],
      ),
      [film],
    );
    const providers: ShotProviders = { ran: [], delayMs: 5 };
    // Priced as it is paid for: once.
    const prepared = await prepareRun({ doc, registry: testRegistry, results: new MemoryResultStore() });
    expect(estimateCost(prepared, testRegistry, providers).total).toBe(0.5);
    const summary = await runGraph({
      doc,
      registry: testRegistry,
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers,
    });
    expect(summary.status).toBe('done');
    expect(providers.ran).toEqual(['m(one)']);
    expect(summary.cost).toBe(0.5);
    expect(summary.outputs.get('a/shot')).toEqual(summary.outputs.get('b/shot'));
  });
});
