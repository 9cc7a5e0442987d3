import { describe, expect, it } from 'vitest';
import { edge, node, testRegistry } from '../test-kit';
import { componentChanges } from './component-changes';
import type { ComponentDef } from './schema';

const shout: ComponentDef = {
  id: 'shout',
  version: 1,
  name: 'Shout',
  nodes: [node('u', 'upper'), node('j', 'join', { separator: '!' })],
  edges: [edge('u.text', 'j.parts')],
  inputs: [{ name: 'text', to: [{ node: 'u', port: 'text' }] }],
  outputs: [{ name: 'text', from: { node: 'j', port: 'text' } }],
  params: [],
};

describe('componentChanges', () => {
  it('says nothing changed for another version with the same inside, moved nodes included', () => {
    const moved = { ...shout, version: 2, nodes: shout.nodes.map((each) => ({ ...each, position: { x: 5, y: 5 } })) };
    expect(componentChanges(shout, moved, testRegistry)).toEqual([]);
  });

  it('names nodes added and removed, settings from → to, ports and shown settings, and rewiring', () => {
    const after: ComponentDef = {
      ...shout,
      version: 2,
      nodes: [node('j', 'join', { separator: '?' }), node('t', 'text')],
      edges: [edge('t.text', 'j.parts')],
      inputs: [],
      params: [{ name: 'separator', node: 'j', param: 'separator' }],
    };
    expect(componentChanges(shout, after, testRegistry)).toEqual([
      'adds Text',
      'removes Upper',
      'Join · separator: "!" → "?"',
      'no input “text” any more',
      'a new setting on the node “separator”',
      'rewires the inside',
    ]);
  });
});
