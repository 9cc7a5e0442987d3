import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, MemoryResultStore } from '../memory-stores';
import { runGraph } from '../run-graph';
import { edge, graphDoc, node, testRegistry } from '../test-kit';
import { validateGraph } from '../validate';
import { componentPortsOf } from '../component-ports';
import { makeComponent } from './make-component';
import { COMPONENT_KIND, type GraphDocument } from './schema';

/** fox → upper → join(with fox again) → join: the middle two become a component. */
const graph = () =>
  graphDoc(
    [
      node('t', 'text', { value: 'fox' }, 0),
      node('u', 'upper', {}, 300),
      node('j', 'join', { separator: '!' }, 600),
      node('r', 'join', {}, 900),
    ],
    [edge('t.text', 'u.text'), edge('u.text', 'j.parts'), edge('t.text', 'j.parts'), edge('j.text', 'r.parts')],
  );

const ids = { component: 'c1', instance: 'i1' };

describe('makeComponent', () => {
  it('puts the chosen nodes inside, one border port per wire source that crossed, and an instance in their place', () => {
    const made = makeComponent(graph(), new Set(['u', 'j']), ids, testRegistry)!;
    const [definition] = made.components!;
    expect(definition).toMatchObject({
      id: 'c1',
      version: 1,
      name: 'Upper → Join',
      edges: [edge('u.text', 'j.parts')],
      // fox fed both inner nodes: one port, both targets.
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
      params: [],
    });
    expect(definition.nodes.map((inner) => [inner.id, inner.position.x])).toEqual([
      ['u', 0],
      ['j', 300],
    ]);
    expect(made.nodes.map((each) => each.id)).toEqual(['t', 'r', 'i1']);
    expect(made.nodes[2]).toMatchObject({ kind: COMPONENT_KIND, position: { x: 300, y: 0 } });
    expect(made.edges).toEqual([
      { id: 't.text->u.text', from: { node: 't', port: 'text' }, to: { node: 'i1', port: 'text' } },
      { id: 'j.text->r.parts', from: { node: 'i1', port: 'text' }, to: { node: 'r', port: 'parts' } },
    ]);
    expect(componentPortsOf(definition, testRegistry, made.components!)).toEqual({
      inputs: { text: { accepts: ['text'], label: 'text' } },
      outputs: { text: { type: 'text', label: 'text' } },
    });
  });

  it('makes a graph that computes what it did: a run after making the component finds everything cached', async () => {
    const results = new MemoryResultStore();
    const run = (doc: GraphDocument) =>
      runGraph({ doc, registry: testRegistry, results, artifacts: new MemoryArtifactStore(), providers: undefined });
    const before = graph();
    expect((await run(before)).outputs.get('r')).toEqual({ text: 'FOX!fox' });
    const after = { ...before, ...makeComponent(before, new Set(['u', 'j']), ids, testRegistry) };
    expect(validateGraph(after, testRegistry).issues).toEqual([]);
    const summary = await run(after);
    expect(summary.executed).toEqual([]);
    expect(summary.outputs.get('r')).toEqual({ text: 'FOX!fox' });
  });

  it('makes the outputs of a node inside that fed nothing (where the graph ended) the component’s own', () => {
    const made = makeComponent(graph(), new Set(['j', 'r']), ids, testRegistry)!;
    expect(made.components![0].outputs).toEqual([{ name: 'text', from: { node: 'r', port: 'text' } }]);
  });

  it('takes nodes out of their groups, and makes nothing of nothing', () => {
    const grouped = {
      ...graph(),
      groups: [
        { id: 'g', label: 'Look', nodes: ['u', 'j'] },
        { id: 'h', label: 'All', nodes: ['t', 'u'] },
      ],
    };
    expect(makeComponent(grouped, new Set(['u', 'j']), ids, testRegistry)!.groups).toEqual([
      { id: 'h', label: 'All', nodes: ['t'] },
    ]);
    expect(makeComponent(grouped, new Set(['missing']), ids, testRegistry)).toBeUndefined();
  });

  it('makes a component of one that holds an instance, and the outer one runs the inner', async () => {
    const once = { ...graph(), ...makeComponent(graph(), new Set(['u', 'j']), ids, testRegistry) };
    const twice = {
      ...once,
      ...makeComponent(once, new Set(['i1', 'r']), { component: 'c2', instance: 'i2' }, testRegistry),
    };
    expect(twice.nodes.map((each) => each.id)).toEqual(['t', 'i2']);
    // Named by what it holds: the inner component by its name.
    const inner = once.components!.find((def) => def.id !== 'c2')!;
    expect(twice.components!.find((def) => def.id === 'c2')!.name).toBe(
      `${inner.name} → ${testRegistry.get('join')!.title}`,
    );
    const summary = await runGraph({
      doc: twice,
      registry: testRegistry,
      results: new MemoryResultStore(),
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
    });
    expect(summary.outputs.get('i2/r')).toEqual({ text: 'FOX!fox' });
    expect(summary.executed).toContain('i2/i1/j');
  });

  it('keeps the take settings of the nodes made into it with this use of it, as they run', () => {
    const before = graph();
    before.nodes[2] = { ...before.nodes[2], takes: { dropped: ['t1'], rerolls: { t2: 1 } } };
    const made = { ...before, ...makeComponent(before, new Set(['u', 'j']), ids, testRegistry) };
    const definition = made.components![0];
    expect(definition.nodes.every((each) => each.takes === undefined)).toBe(true);
    const instance = made.nodes.find((each) => each.id === 'i1')!;
    expect(instance.params.inner).toEqual({ j: { takes: { dropped: ['t1'], rerolls: { t2: 1 } } } });
    // Run as before: the node inside has the same take settings it had outside.
    const flat = validateGraph(made, testRegistry).flat.nodes.find((each) => each.id === 'i1/j')!;
    expect(flat.takes).toEqual({ dropped: ['t1'], rerolls: { t2: 1 } });
  });
});
