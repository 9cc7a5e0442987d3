import { create } from 'zustand';
import { parseDocument, type NodeDoc } from '../../graph-engine';
import { NODE_WIDTH } from '../templates/layout';
import type { LibraryTemplate } from '../storage/template-library';
import { notify, openParsed, updateDoc } from './actions';
import { FRAGMENT_FORMAT, placeFragment } from './clipboard';
import { addNodes } from './edits';
import { READ_ONLY } from './graph-documents';
import { useGraphStore } from './graph-store';
import { services } from './services';
import { askIfNeeded } from './sharing';
import { firstStillMade } from './still-made';
import { structuralProblems } from './structural-problems';

/** The newest version of each template in the library, as the gallery shows them. */
export const useTemplateLibrary = create<{ newest: readonly LibraryTemplate[] }>(() => ({ newest: [] }));

/** Reads the library's templates again (when the gallery opens, after a save or a removal). */
export async function refreshTemplateLibrary(): Promise<void> {
  useTemplateLibrary.setState({ newest: await services().templates.list() });
}

/**
 * Keeps the open graph in the library as a template, named and described as the person says, with
 * the first still it made as its picture: the next version of it when it changed since the last save.
 */
export async function saveGraphAsTemplate(about: {
  name: string;
  description?: string;
}): Promise<LibraryTemplate | undefined> {
  const { doc, viewing } = useGraphStore.getState();
  if (!doc) return undefined;
  if (viewing) {
    notify('info', READ_ONLY);
    return undefined;
  }
  const name = about.name.trim() || doc.name || 'Untitled template';
  const description = about.description?.trim();
  const saved = await services().templates.save(doc, {
    name,
    ...(description ? { description } : {}),
    ...(firstStillMade() ? { thumbnail: firstStillMade() } : {}),
  });
  await refreshTemplateLibrary();
  notify(
    'info',
    `Saved “${saved.name}” to your library as a template, version ${saved.version}: find it in Templates.`,
  );
  return saved;
}

/**
 * Makes a new graph from a template in the library (the template itself never changes), read as any
 * stored graph is (one saved by an older build is migrated) and asked about first when it cannot run
 * as it is or names retired models. `asApp` opens it on its form when it shows inputs.
 */
export async function openTemplate(row: LibraryTemplate, options: { asApp?: boolean } = {}): Promise<void> {
  const { registry } = services();
  const parsed = parseDocument(row.doc, registry);
  if (!parsed.ok) {
    const [first] = parsed.errors;
    notify('error', `The template “${row.name}” was not opened: ${first.path} ${first.message}. Nothing was changed.`);
    return;
  }
  const doc = { ...parsed.doc, name: row.name };
  const chosen = await askIfNeeded(doc, structuralProblems(doc, registry));
  if (!chosen) return notify('info', `The template “${row.name}” was not opened. Nothing was changed.`);
  await openParsed(chosen, { asNew: true, ...options });
}

/** Takes a template out of the library, every version of it; graphs made from it keep what they are. */
export async function removeTemplate(row: LibraryTemplate): Promise<void> {
  await services().templates.remove(row.id);
  await refreshTemplateLibrary();
  notify('info', `Removed the template “${row.name}” from your library. Graphs made from it are unchanged.`);
}

/** Where a template's nodes go in a graph: to the right of everything in it, level with its top, so they cover nothing. */
export function besideGraph(
  graph: readonly Pick<NodeDoc, 'position'>[],
  template: readonly Pick<NodeDoc, 'position'>[],
): { x: number; y: number } {
  if (template.length === 0) return { x: 0, y: 0 };
  const left = Math.min(...template.map((node) => node.position.x));
  const top = Math.min(...template.map((node) => node.position.y));
  if (graph.length === 0) return { x: -left, y: -top };
  const right = Math.max(...graph.map((node) => node.position.x + NODE_WIDTH));
  return { x: right + NODE_WIDTH / 2 - left, y: Math.min(...graph.map((node) => node.position.y)) - top };
}

/**
 * Adds a template's nodes and wires (with the components they use) to the open graph, beside what
 * is there, as one undoable edit, under fresh ids. Returns the new nodes' ids, or none when it cannot be read.
 */
export function insertTemplate(row: LibraryTemplate): string[] {
  const { doc } = useGraphStore.getState();
  if (!doc) return [];
  const parsed = parseDocument(row.doc, services().registry);
  if (!parsed.ok) {
    const [first] = parsed.errors;
    notify('error', `The template “${row.name}” was not added: ${first.path} ${first.message}. Nothing was changed.`);
    return [];
  }
  const { nodes, edges, components } = parsed.doc;
  const placed = placeFragment(
    { format: FRAGMENT_FORMAT, nodes, edges, components },
    besideGraph(doc.nodes, nodes),
    () => crypto.randomUUID().slice(0, 8),
  );
  updateDoc(addNodes(placed.nodes, placed.edges, `Add “${row.name}”`, placed.components));
  return placed.nodes.map((node) => node.id);
}
