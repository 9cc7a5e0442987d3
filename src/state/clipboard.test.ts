import { describe, expect, it } from 'vitest';
import { edge, graphDoc, node } from '../../graph-engine/test-kit';
import { validateGraph } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { copyFragment, placeFragment, readFragment } from './clipboard';
import { addNodes, applyEdit, makeComponentOf } from './edits';

describe('clipboard fragments', () => {
  const doc = graphDoc(
    [node('a', 'prompt', { text: 'fox' }, 0), node('b', 'still', {}, 300), node('c', 'pick', {}, 600)],
    [edge('a.text', 'b.prompt'), edge('b.images', 'c.candidates')],
  );

  it('copies the selected nodes with only the connections among them', () => {
    const fragment = readFragment(copyFragment(doc, new Set(['a', 'b']))!)!;
    expect(fragment.nodes.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(fragment.edges).toHaveLength(1);
  });

  it('pastes with fresh ids, moved, and rewired to the copies', () => {
    let counter = 0;
    const placed = placeFragment(
      readFragment(copyFragment(doc, new Set(['a', 'b']))!)!,
      { x: 40, y: 40 },
      () => `n${counter++}`,
    );
    expect(placed.nodes.map((entry) => [entry.id, entry.position.x])).toEqual([
      ['prompt-n0', 40],
      ['still-n1', 340],
    ]);
    expect(placed.edges[0]).toMatchObject({
      from: { node: 'prompt-n0', port: 'text' },
      to: { node: 'still-n1', port: 'prompt' },
    });
    expect(placed.nodes[0].params).toEqual({ text: 'fox' });
  });

  it('carries the components the copied nodes use, nested ones too, and pastes them into a graph that lacks them', () => {
    const withComponent = applyEdit(doc, makeComponentOf(new Set(['a', 'b']))).doc;
    const outer = applyEdit(
      withComponent,
      makeComponentOf(new Set(withComponent.nodes.filter((each) => each.kind === 'component').map((each) => each.id))),
    ).doc;
    const instance = outer.nodes.find((each) => each.kind === 'component')!;
    const fragment = readFragment(copyFragment(outer, new Set([instance.id]))!)!;
    expect(fragment.components?.map((def) => def.nodes.length).sort()).toEqual([1, 2]);
    const placed = placeFragment(fragment, { x: 0, y: 0 }, () => 'n');
    const pasted = applyEdit(graphDoc([]), addNodes(placed.nodes, placed.edges, 'Paste', placed.components)).doc;
    expect(pasted.components).toHaveLength(2);
    expect(validateGraph(pasted, nodeRegistry).issues.map((issue) => issue.code)).not.toContain('unknown-component');
    // Pasted again, the graph keeps the one copy of each it holds.
    expect(applyEdit(pasted, addNodes(placed.nodes, [], 'Paste', placed.components)).doc.components).toHaveLength(2);
  });

  it('ignores text that is not a fragment, and invalid fragments', () => {
    expect(readFragment('hello')).toBeUndefined();
    expect(
      readFragment(JSON.stringify({ format: 'reelgraph.fragment', nodes: [{ id: 'x' }], edges: [] })),
    ).toBeUndefined();
    expect(copyFragment(doc, new Set())).toBeUndefined();
  });
});
