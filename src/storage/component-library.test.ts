import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ComponentDef } from '../../graph-engine';
import { node } from '../../graph-engine/test-kit';
import { ComponentLibrary } from './component-library';
import { ReelgraphDB } from './db';

let library: ComponentLibrary;
beforeEach(() => {
  library = new ComponentLibrary(new ReelgraphDB('test', { indexedDB: new IDBFactory(), IDBKeyRange }));
});

const look = (zoom: number, x = 0): ComponentDef => ({
  id: 'look',
  version: 1,
  name: 'Look',
  nodes: [node('camera', 'camera', { zoom }, x)],
  edges: [],
  inputs: [],
  outputs: [{ name: 'camera', from: { node: 'camera', port: 'camera' } }],
  params: [],
});

describe('the component library', () => {
  it('keeps the first save at its version, and makes each changed save the next version', async () => {
    expect((await library.save(look(2), [])).version).toBe(1);
    const second = await library.save(look(4), []);
    expect(second).toMatchObject({ version: 2, name: 'Look', definition: { version: 2 } });
    expect((await library.newest('look'))?.definition.nodes[0].params).toEqual({ zoom: 4 });
  });

  it('keeps a still the component made as its picture', async () => {
    const still = { $artifact: 'a'.repeat(64), mime: 'image/png', size: 1 };
    expect((await library.save(look(2), [], still)).thumbnail).toEqual(still);
    expect((await library.list())[0].thumbnail).toEqual(still);
  });

  it('makes no new version of what did not change (a node only moved counts as no change)', async () => {
    await library.save(look(2), []);
    expect((await library.save(look(2, 300), [])).version).toBe(1);
  });

  it('makes a new version when only a component it uses inside changed', async () => {
    await library.save(look(2), [{ ...look(1), id: 'inner' }]);
    expect((await library.save(look(2), [{ ...look(5), id: 'inner' }])).version).toBe(2);
  });

  it('lists the newest version of each component, by name', async () => {
    await library.save(look(2), []);
    await library.save(look(3), []);
    await library.save({ ...look(1), id: 'another', name: 'Another' }, []);
    expect((await library.list()).map((row) => [row.name, row.version])).toEqual([
      ['Another', 1],
      ['Look', 2],
    ]);
  });
});
