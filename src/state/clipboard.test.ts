import { describe, expect, it } from 'vitest';
import { edge, graphDoc, node } from '../../graph-engine/test-kit';
import { copyFragment, placeFragment, readFragment } from './clipboard';

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

  it('ignores text that is not a fragment, and invalid fragments', () => {
    expect(readFragment('hello')).toBeUndefined();
    expect(
      readFragment(JSON.stringify({ format: 'reelgraph.fragment', nodes: [{ id: 'x' }], edges: [] })),
    ).toBeUndefined();
    expect(copyFragment(doc, new Set())).toBeUndefined();
  });
});
