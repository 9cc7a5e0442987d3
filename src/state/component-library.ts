import { create } from 'zustand';
import {
  COMPONENT_KIND,
  componentFile,
  definitionOf,
  definitionsUsedBy,
  readComponentFile,
  type NodeDoc,
} from '../../graph-engine';
import { safeFileName, saveFile } from '../storage/save-file';
import type { LibraryComponent } from '../storage/component-library';
import { updateDoc } from './actions';
import { placeComponent, savedAsVersion, updateInstance } from './edits';
import { freeSpot, type Box } from './free-spot';
import { useGraphStore } from './graph-store';
import { notify } from './notify';
import { services } from './services';
import { firstStillMade } from './still-made';

/** The newest version of each component in the library, as the palette and the nodes show it. */
export const useComponentLibrary = create<{ newest: readonly LibraryComponent[] }>(() => ({ newest: [] }));

/** Reads the library again (on start, after a save). */
export async function refreshComponentLibrary(): Promise<void> {
  useComponentLibrary.setState({ newest: await services().components.list() });
}

/**
 * Keeps an instance's component in the library, with the components it uses: a new version if
 * it changed since the last save. The graph's copy takes that version number.
 */
export async function saveComponentToLibrary(instanceId: string): Promise<LibraryComponent | undefined> {
  const { doc } = useGraphStore.getState();
  const node = doc?.nodes.find((candidate) => candidate.id === instanceId);
  const definition = node && definitionOf(node, doc?.components ?? []);
  if (!doc || !definition) return undefined;
  const uses = definitionsUsedBy(definition.nodes, doc.components ?? []);
  const saved = await services().components.save(definition, uses, firstStillMade(instanceId));
  updateDoc(savedAsVersion({ id: definition.id, version: definition.version }, saved.version));
  await refreshComponentLibrary();
  notify('info', `Saved “${saved.name}” to your library as version ${saved.version}.`);
  return saved;
}

/** Adds an instance of a library component in free space within `where`, the part of the canvas in view. */
export function placeFromLibrary(row: LibraryComponent, where: Box): void {
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  const instance: NodeDoc = {
    id: `component-${crypto.randomUUID().slice(0, 8)}`,
    kind: COMPONENT_KIND,
    kindVersion: 1,
    position: { x: 0, y: 0 },
    params: { component: { id: row.id, version: row.version } },
  };
  const middle = { x: (where.left + where.right) / 2 - 150, y: (where.top + where.bottom) / 2 - 120 };
  const position = freeSpot(doc, instance, middle, where);
  updateDoc(placeComponent({ ...instance, position }, [row.definition, ...row.uses], row.name));
}

/** Moves an instance to the newest version of its component in the library. */
export function updateFromLibrary(instanceId: string, row: LibraryComponent): void {
  updateDoc(updateInstance(instanceId, [row.definition, ...row.uses], row.version));
}

/** Saves an instance's component (with those it uses) as a .reelgraph-component.json file to hand to someone. */
export function exportComponentFile(instanceId: string): void {
  const { doc } = useGraphStore.getState();
  const node = doc?.nodes.find((candidate) => candidate.id === instanceId);
  const definition = node && definitionOf(node, doc?.components ?? []);
  if (!doc || !definition) return;
  const file = componentFile(definition, definitionsUsedBy(definition.nodes, doc.components ?? []));
  const name = safeFileName(definition.name, 'component');
  saveFile(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), `${name}.reelgraph-component.json`);
}

/** Keeps a component file in the library (a new version where it differs from what the library holds), and says so. */
export async function importComponentFile(text: string, name: string): Promise<void> {
  const read = readComponentFile(text, services().registry);
  if (!read.ok) {
    const [first] = read.errors;
    notify('error', `${name} was not added to your library: ${first.path} ${first.message}. Nothing was changed.`);
    return;
  }
  const saved = await services().components.save(read.component, read.uses);
  await refreshComponentLibrary();
  notify('info', `“${saved.name}” is in your library as version ${saved.version}: add it from the palette.`);
}
