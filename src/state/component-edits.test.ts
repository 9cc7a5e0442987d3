import { describe, expect, it } from 'vitest';
import { flattenComponents, type GraphDocument, type InstanceParams } from '../../graph-engine';
import { edge, graphDoc, node } from '../../graph-engine/test-kit';
import { portsOfNode } from '../../nodes';
import {
  addNode,
  applyEdit,
  borderPort,
  connect,
  describeComponent,
  editTake,
  insideComponent,
  makeComponentOf,
  moveNodes,
  paramsEdit,
  removeNodes,
  setDefinitionParams,
  setInstanceValue,
  setParams,
  showOnComponent,
  throughOpened,
  type Edit,
} from './edits';

/** A prompt into a still, the still made a component and used twice. */
function twoUses(): { doc: GraphDocument; first: string; second: string; ref: { id: string; version: number } } {
  let doc = graphDoc(
    [node('a', 'prompt', { text: 'fox' }, 0), node('b', 'still', { count: 2 }, 300)],
    [edge('a.text', 'b.prompt', 'e1')],
  );
  const made = makeComponentOf(new Set(['b']));
  doc = applyEdit(doc, made).doc;
  const copy = { ...doc.nodes.find((each) => each.id === made.instance)!, id: 'copy' };
  doc = { ...doc, nodes: [...doc.nodes, copy], edges: [...doc.edges, edge('a.text', 'copy.prompt', 'e2')] };
  const [def] = doc.components!;
  return { doc, first: made.instance, second: 'copy', ref: { id: def.id, version: def.version } };
}

const apply = (doc: GraphDocument, ...edits: Edit[]) =>
  edits.reduce((each, change) => applyEdit(each, change).doc, doc);
const innerParams = (doc: GraphDocument, id: string) =>
  flattenComponents(doc).nodes.find((each) => each.id === id)!.params;

describe('editing a component', () => {
  it('changes every use of it with one edit to a setting inside', () => {
    const { doc, first, second, ref } = twoUses();
    const edited = apply(doc, setDefinitionParams(ref, 'b', { count: 3 }));
    expect(innerParams(edited, `${first}/b`).count).toBe(3);
    expect(innerParams(edited, `${second}/b`).count).toBe(3);
  });

  it('shows a setting on the component, so each use sets its own, and names a second one apart', () => {
    const { doc, first, second, ref } = twoUses();
    const shown = apply(
      doc,
      showOnComponent(ref, 'b', 'count', true, 'Still · Count'),
      showOnComponent(ref, 'b', 'count', true, 'Still · Count'),
      setInstanceValue(second, 'count', 4),
    );
    expect(shown.components![0].params).toEqual([{ name: 'count', label: 'Still · Count', node: 'b', param: 'count' }]);
    expect(innerParams(shown, `${first}/b`).count).toBe(2);
    expect(innerParams(shown, `${second}/b`).count).toBe(4);
    // No longer shown: every use runs the component's own value again; what the copy had set is kept.
    const hidden = apply(shown, showOnComponent(ref, 'b', 'count', false, ''));
    expect(innerParams(hidden, `${second}/b`).count).toBe(2);
    expect(hidden.nodes.find((each) => each.id === second)!.params.values).toEqual({ count: 4 });
  });

  it('applies an edit made on an opened instance to its component, by the ids the canvas shows, letting go of what names a removed node', () => {
    const { doc, first, second } = twoUses();
    const moved = apply(doc, insideComponent(first, moveNodes(new Map([[`${first}/b`, { x: 7, y: 9 }]]))));
    expect(moved.components![0].nodes[0].position).toEqual({ x: 7, y: 9 });
    const added = apply(moved, insideComponent(first, addNode(node('c', 'pick', {}, 300))));
    expect(added.components![0].nodes.map((each) => each.id)).toEqual(['b', 'c']);
    const wired = apply(
      added,
      insideComponent(first, connect(edge(`${first}/b.images`, `${first}/c.candidates`, 'w'))),
    );
    expect(wired.components![0].edges).toEqual([edge('b.images', 'c.candidates', 'w')]);
    // Both uses run the new inside.
    expect(flattenComponents(wired).nodes.map((each) => each.id)).toContain(`${second}/c`);
    const removed = apply(wired, insideComponent(first, removeNodes(new Set([`${first}/b`]))));
    expect(removed.components![0]).toMatchObject({
      nodes: [expect.objectContaining({ id: 'c' })],
      edges: [],
      inputs: [],
    });
  });

  it('names and describes a component for every use of it', () => {
    const { doc, ref } = twoUses();
    const described = apply(doc, describeComponent(ref, { name: 'Look', description: 'A slow push-in' }));
    expect(described.components![0]).toMatchObject({ name: 'Look', description: 'A slow push-in' });
    expect(apply(described, describeComponent(ref, { description: ' ' })).components![0].description).toBeUndefined();
  });
});

describe('a component opened inside another', () => {
  /** The still's component made a component of its own: `outer` holds an instance of the first. */
  function nested() {
    const { doc, first, ref } = twoUses();
    const made = makeComponentOf(new Set([first]));
    return { doc: applyEdit(doc, made).doc, outer: made.instance, first, ref };
  }

  it('edits the inner component through the outer one, by the path ids the canvas shows', () => {
    const { doc, outer, first, ref } = nested();
    const path = `${outer}/${first}`;
    const edited = apply(doc, throughOpened(doc, path, setParams(`${path}/b`, { count: 5 })));
    const inner = edited.components!.find((def) => def.id === ref.id)!;
    expect(inner.nodes.find((each) => each.id === 'b')!.params.count).toBe(5);
    // Every use of it sees the change: the one inside the outer component, and the graph's other use.
    expect(innerParams(edited, `${path}/b`).count).toBe(5);
    expect(innerParams(edited, 'copy/b').count).toBe(5);
  });

  it('keeps a choice among what a node was given (a pick, a dropped take) with this use, not the component', () => {
    const { doc, outer, first } = nested();
    const path = `${outer}/${first}`;
    const picked = apply(
      doc,
      throughOpened(doc, path, paramsEdit(`${path}/b`, 'pick', { picks: [{ index: 1 }] })),
      throughOpened(doc, path, editTake(`${path}/b`, 't1', 'drop')),
    );
    expect(picked.components).toEqual(doc.components);
    const instance = picked.nodes.find((each) => each.id === outer)!;
    expect((instance.params as InstanceParams).inner).toEqual({
      [`${first}/b`]: { params: { picks: [{ index: 1 }] }, takes: { dropped: ['t1'] } },
    });
    // A setting, not a choice, edits the component even through paramsEdit.
    const set = apply(doc, throughOpened(doc, path, paramsEdit(`${path}/b`, 'still', { count: 3 })));
    expect(set.components).not.toEqual(doc.components);
    // A path that leads nowhere edits the graph as drawn.
    expect(apply(doc, throughOpened(doc, 'gone', setParams(`${path}/b`, { count: 9 }))).components).toEqual(
      doc.components,
    );
  });
});

describe('a component border made from inside', () => {
  it('takes an inner input from outside and hands an inner output out, once each; and takes them back', () => {
    const { doc, first, ref } = twoUses();
    const before = doc.components![0];
    expect(before.outputs.map((port) => port.name)).toEqual(['images']);
    const opened = apply(
      doc,
      borderPort(ref, 'input', { node: 'b', port: 'reference' }, true, 'Still · reference'),
      borderPort(ref, 'input', { node: 'b', port: 'reference' }, true, 'Still · reference'),
      borderPort(ref, 'output', { node: 'b', port: 'images' }, true, 'Still · images'),
    );
    const def = opened.components![0];
    expect(def.inputs.map((port) => port.name)).toEqual([...before.inputs.map((port) => port.name), 'reference']);
    expect(def.outputs).toEqual(before.outputs);
    // Each use has the port to wire now.
    const instance = opened.nodes.find((each) => each.id === first)!;
    expect(Object.keys(portsOfNode(instance, opened.components).inputs)).toContain('reference');
    const closed = apply(
      opened,
      borderPort(ref, 'input', { node: 'b', port: 'reference' }, false, ''),
      borderPort(ref, 'output', { node: 'b', port: 'images' }, false, ''),
    );
    expect(closed.components![0].inputs).toEqual(before.inputs);
    expect(closed.components![0].outputs).toEqual([]);
  });
});
