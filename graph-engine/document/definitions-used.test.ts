import { describe, expect, it } from 'vitest';
import { componentDef, node } from '../test-kit';
import { COMPONENT_KIND, type NodeDoc } from './schema';
import { definitionsUsedBy, retargeted, withDefinitions } from './definitions-used';

const instance = (id: string, uses: { id: string; version: number }): NodeDoc => ({
  id,
  kind: COMPONENT_KIND,
  kindVersion: 1,
  position: { x: 0, y: 0 },
  params: { component: uses },
});
const look = (zoom: number, version = 1) =>
  componentDef('look', [node('camera', 'upper', { zoom })], { version, name: 'Look' });
const outer = componentDef('outer', [instance('i', { id: 'look', version: 1 })], { name: 'Outer' });

describe('definitions brought into a graph', () => {
  it('lists what nodes use, nested ones too, once each', () => {
    expect(
      definitionsUsedBy([instance('a', { id: 'outer', version: 1 })], [outer, look(2)]).map((def) => def.id),
    ).toEqual(['outer', 'look']);
  });

  it('adds what the graph lacks, and not twice what it holds the same', () => {
    const { components, renamed } = withDefinitions([look(2)], [look(2), look(3, 2)]);
    expect(components?.map((def) => `${def.id}@${def.version}`)).toEqual(['look@1', 'look@2']);
    expect(renamed.size).toBe(0);
  });

  it('brings in a different copy under the same id and version under an id of its own, its uses retargeted', () => {
    // The graph's look@1 was edited (zoom 5); the pasted outer holds the look@1 it was made with (zoom 2).
    const { components, renamed } = withDefinitions([look(5)], [outer, look(2)]);
    expect(renamed).toEqual(new Map([['look@1', 'look-2']]));
    expect(components?.map((def) => `${def.id}@${def.version}`)).toEqual(['look@1', 'outer@1', 'look-2@1']);
    expect(components![0].nodes[0].params.zoom).toBe(5);
    expect(components![2].nodes[0].params.zoom).toBe(2);
    expect(components![1].nodes[0].params.component).toEqual({ id: 'look-2', version: 1 });
    const pasted = retargeted([instance('p', { id: 'look', version: 1 }), node('x', 'upper')], renamed);
    expect(pasted[0].params.component).toEqual({ id: 'look-2', version: 1 });
    expect(pasted[1]).toEqual(node('x', 'upper'));
  });

  it('brings the same different copy in once, however often it is pasted', () => {
    const once = withDefinitions([look(5)], [look(2)]).components!;
    const { components, renamed } = withDefinitions(once, [look(2)]);
    expect(components?.map((def) => `${def.id}@${def.version}`)).toEqual(['look@1', 'look-2@1']);
    expect(renamed).toEqual(new Map([['look@1', 'look-2']]));
  });
});
