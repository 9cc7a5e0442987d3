import { create } from 'zustand';
import { parseDocument } from '../../graph-engine';
import type { LibraryTemplate } from '../storage/template-library';
import { notify, openParsed } from './actions';
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
  const { doc } = useGraphStore.getState();
  if (!doc) return undefined;
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
