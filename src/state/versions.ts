import { parseDocument, type GraphDocument } from '../../graph-engine';
import { openGraph, openParsed, updateDoc, viewVersion } from './documents';
import { READ_ONLY } from './graph-documents';
import { restoreFrom } from './edits';
import { useGraphStore } from './graph-store';
import { notify } from './notify';
import { services } from './services';

/** How many of a graph's runs the Versions panel lists, as the graph was before each (History keeps them). */
const RUNS_LISTED = 30;

/** A version of the open graph: one saved with a note, a checkpoint taken while editing, or the graph as a run ran it. */
export interface VersionEntry {
  key: string;
  graphId: string;
  at: number;
  kind: 'saved' | 'checkpoint' | 'run';
  note: string;
  /** Read as any graph from storage is (one saved by an older build migrated), so what changed is said truly. */
  doc: GraphDocument;
  /** A saved version's id (to delete it). */
  id?: number;
}

/**
 * The open graph's versions, newest first: those saved with a note, and the graph as each of its
 * last runs ran it (each graph read once, however many runs ran it). One that cannot be read is left out.
 */
export async function versionsOf(graphId: string): Promise<VersionEntry[]> {
  const { versions, history, registry } = services();
  const readable = (doc: GraphDocument) => {
    const parsed = parseDocument(doc, registry);
    return parsed.ok ? parsed.doc : undefined;
  };
  const entries: VersionEntry[] = [];
  for (const row of await versions.of(graphId)) {
    const doc = readable(row.doc);
    if (doc)
      entries.push({
        key: `saved:${row.id}`,
        graphId,
        at: row.at,
        kind: row.auto ? 'checkpoint' : 'saved',
        note: row.note,
        doc,
        id: row.id,
      });
  }
  const runs = (await history.ofGraph(graphId)).filter((run) => run.snapshot).slice(0, RUNS_LISTED);
  const docs = new Map<string, GraphDocument | undefined>();
  for (const run of runs) {
    const hash = run.snapshot!;
    if (!docs.has(hash)) {
      const snapshot = await history.snapshot(hash);
      docs.set(hash, snapshot && readable(snapshot));
    }
    const doc = docs.get(hash);
    if (doc)
      entries.push({
        key: `run:${run.id}`,
        graphId,
        at: run.startedAt,
        kind: 'run',
        note: `As run (${run.status})`,
        doc,
      });
  }
  return entries.sort((a, b) => b.at - a.at);
}

/** Deletes a saved version (its media become evictable once nothing else keeps them). */
export async function deleteVersion(entry: VersionEntry): Promise<void> {
  if (entry.id !== undefined) await services().versions.remove(entry.id);
}

/** Keeps the open graph as it is now, with a note. */
export async function saveVersion(note: string): Promise<void> {
  const { doc, viewing } = useGraphStore.getState();
  if (!doc) return;
  // A version shown is one already: saving it would keep a row under no graph.
  if (viewing) return notify('info', READ_ONLY);
  await services().versions.save(doc, note);
  notify('info', `Saved a version of “${doc.name}”${note.trim() ? `: ${note.trim()}` : ''}.`);
}

/** Puts a version's nodes, wires, components and app back into the open graph, as one undoable edit. */
export function restoreVersion(entry: VersionEntry): void {
  updateDoc(restoreFrom(entry.doc, new Date(entry.at).toLocaleString()));
}

/** Opens a version as a new graph of its own (the open graph stays as it is). */
export async function branchFrom(entry: VersionEntry): Promise<void> {
  const { doc } = entry;
  const when = new Date(entry.at).toLocaleString();
  await openParsed({ ...doc, name: `${doc.name} (from ${when})`.slice(0, 200) }, { asNew: true, from: entry.graphId });
}

/** What a version is called where it is listed and shown: its note, or what it is. */
export const versionLabel = (entry: VersionEntry): string =>
  entry.kind === 'saved' ? entry.note || 'Saved version' : entry.note;

/** Shows a version on the canvas read-only, with what the cache still holds for it. */
export function viewReadOnly(entry: VersionEntry): Promise<void> {
  return viewVersion(entry.doc, { graphId: entry.graphId, label: versionLabel(entry), entry });
}

/** Leaves a version shown read-only: back to the graph it is of, restoring it there first when asked. */
export async function leaveViewed(restore = false): Promise<void> {
  const { viewing } = useGraphStore.getState();
  if (!viewing) return;
  await openGraph(viewing.graphId);
  if (restore && useGraphStore.getState().doc?.id === viewing.graphId) restoreVersion(viewing.entry);
}
