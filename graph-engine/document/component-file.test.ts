import { describe, expect, it } from 'vitest';
import { node, testRegistry } from '../test-kit';
import { componentFile, isComponentFile, readComponentFile } from './component-file';
import type { ComponentDef } from './schema';

const look: ComponentDef = {
  id: 'look',
  version: 3,
  name: 'Look',
  nodes: [node('u', 'upper')],
  edges: [],
  inputs: [{ name: 'text', to: [{ node: 'u', port: 'text' }] }],
  outputs: [{ name: 'text', from: { node: 'u', port: 'text' } }],
  params: [],
};

describe('component files', () => {
  it('reads back what it wrote, with the components it uses', () => {
    const text = JSON.stringify(componentFile(look, [{ ...look, id: 'inner', version: 1 }]));
    expect(isComponentFile(text)).toBe(true);
    expect(readComponentFile(text, testRegistry)).toEqual({
      ok: true,
      component: look,
      uses: [{ ...look, id: 'inner', version: 1 }],
    });
  });

  it('reads a file saved before this schema version, upgraded as a graph would be', () => {
    const text = JSON.stringify({ ...componentFile(look, []), schemaVersion: 1 });
    expect(readComponentFile(text, testRegistry)).toMatchObject({ ok: true, component: look });
  });

  it('refuses what is not a component file, and a component that is not whole, saying where', () => {
    expect(isComponentFile('{"format":"reelgraph.graph"}')).toBe(false);
    expect(readComponentFile('{"format":"reelgraph.graph"}', testRegistry)).toMatchObject({
      ok: false,
      errors: [{ path: 'format', message: 'this is not a Reelgraph component file' }],
    });
    expect(readComponentFile('{"format":', testRegistry)).toMatchObject({ ok: false });
    const broken = { ...look, outputs: [{ name: 'text', from: { node: 'gone', port: 'text' } }] };
    expect(readComponentFile(JSON.stringify(componentFile(broken, [])), testRegistry)).toMatchObject({
      ok: false,
      errors: [{ path: 'components[0].outputs[0].from.node', message: 'names "gone", which is not a node inside' }],
    });
  });
});
