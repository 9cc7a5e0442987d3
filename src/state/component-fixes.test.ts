import { describe, expect, it } from 'vitest';
import { flattenComponents, type ComponentDef, type GraphDocument } from '../../graph-engine';
import { componentDef, graphDoc, node } from '../../graph-engine/test-kit';
import type { LibraryComponent } from '../storage/component-library';
import { componentFixes, withComponentFixes, type ComponentSource } from './component-fixes';

const look = (version: number, zoom: number): ComponentDef =>
  componentDef('look', [node('camera', 'camera', { zoom })], { version, name: 'Look' });
const row = (def: ComponentDef): LibraryComponent => ({
  id: def.id,
  version: def.version,
  name: def.name,
  savedAt: 0,
  definition: def,
  uses: [],
});
/** A library holding versions 1 and 3 of “Look”. */
const library: ComponentSource = {
  at: (id, version) =>
    Promise.resolve(
      id === 'look' ? [row(look(1, 2)), row(look(3, 6))].find((each) => each.version === version) : undefined,
    ),
  newest: (id) => Promise.resolve(id === 'look' ? row(look(3, 6)) : undefined),
};
const using = (version: number, held: ComponentDef[]): GraphDocument => ({
  ...graphDoc([
    node('a', 'component', { component: { id: 'look', version } }),
    node('b', 'component', { component: { id: 'look', version } }),
  ]),
  components: held,
});

describe('components a graph from outside needs, given from the library', () => {
  it('offers the library’s newer version of a component the graph holds, and updates every instance of it', async () => {
    const doc = using(1, [look(1, 2)]);
    const fixes = await componentFixes(doc, library);
    expect(fixes).toEqual([expect.objectContaining({ id: 'look', version: 1, missing: false })]);
    expect(fixes[0].library.version).toBe(3);
    const fixed = withComponentFixes(doc, fixes);
    expect(fixed.nodes.map((each) => each.params.component)).toEqual([
      { id: 'look', version: 3 },
      { id: 'look', version: 3 },
    ]);
    expect(fixed.components).toEqual([look(3, 6)]);
  });

  it('gives a definition the graph lacks, at the version its instances name where the library holds it', async () => {
    const doc = using(1, []);
    const [fix] = await componentFixes(doc, library);
    expect(fix).toMatchObject({ missing: true, library: { version: 1 } });
    const fixed = withComponentFixes(doc, [fix]);
    expect(fixed.components).toEqual([look(1, 2)]);
    expect(flattenComponents(fixed).nodes.map((each) => each.id)).toEqual(['a/camera', 'b/camera']);
  });

  it('offers nothing for a component the graph holds at the newest version, or the library never had', async () => {
    expect(await componentFixes(using(3, [look(3, 6)]), library)).toEqual([]);
    const other = { ...using(1, []), nodes: [node('c', 'component', { component: { id: 'other', version: 1 } })] };
    expect(await componentFixes(other, library)).toEqual([]);
  });
});
