import { describe, expect, it } from 'vitest';
import { componentDef, edge, graphDoc, node, testRegistry } from '../test-kit';
import { graphChanges } from './graph-changes';

const look = (version: number) => componentDef('look', [node('u', 'upper')], { version, name: 'Look' });

describe('what changed between two versions of a graph', () => {
  it('says it in words: name, nodes, settings, wires, components and app inputs', () => {
    const before = {
      ...graphDoc([node('t', 'text', { value: 'fox' }), node('u', 'upper')], [edge('t.text', 'u.text')]),
      components: [look(1)],
    };
    const after = {
      ...graphDoc([node('t', 'text', { value: 'owl' }, 500), node('j', 'join', {}, 300)], [edge('t.text', 'j.parts')]),
      name: 'Owls',
      components: [look(2)],
      app: { inputs: [{ name: 'value', label: 'Subject', node: 't', param: 'value' }], outputs: [] },
    };
    expect(graphChanges(before, after, testRegistry)).toEqual([
      `renamed “${before.name}” → “Owls”`,
      `adds ${testRegistry.get('join')!.title}`,
      `removes ${testRegistry.get('upper')!.title}`,
      `${testRegistry.get('text')!.title} · value: "fox" → "owl"`,
      '1 wire added',
      '1 wire removed',
      '“Look”: version 1 → 2',
      'shows “Subject” in the app',
    ]);
    // Moving nodes is no change.
    expect(
      graphChanges(
        before,
        { ...before, nodes: before.nodes.map((each) => ({ ...each, position: { x: 9, y: 9 } })) },
        testRegistry,
      ),
    ).toEqual([]);
  });
});
