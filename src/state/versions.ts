import { parseDocument, type GraphDocument } from '../../graph-engine';
import { openParsed, updateDoc } from './documents';
import { restoreFrom } from './edits';
import { useGraphStore } from './graph-store';
import { notify } from './notify';
import { services } from './services';

/** How many of a graph's runs the Versions panel lists, as the graph was before each (History keeps them). */
const RUNS_LISTED = 30;

/** A version of the open graph: one saved with a note, or the graph as a run ran it. */
export interface VersionEntry {
  key: string;
  at: number;
  kind: 'saved' | 'run';
  note: string;
  doc: GraphDocument;
  /** A saved version's id (to delete it). */
  id?: number;
}

/** The open graph's versions, newest first: those saved with a note, and the graph as each of its last runs ran it. */
export async function versionsOf(graphId: string): Promise<VersionEntry[]> {
  const { versions, history } = services();
  const saved: VersionEntry[] = (await versions.of(graphId)).map((row) => ({
    key: `saved:${row.id}`,
    at: row.at,
    kind: 'saved',
    note: row.note,
    doc: row.doc,
    id: row.id,
  }));
  const runs = (await history.list()).filter((run) => run.graphId === graphId && run.snapshot).slice(0, RUNS_LISTED);
  const ran: VersionEntry[] = [];
  for (const run of runs) {
    const doc = await history.snapshot(run.snapshot!);
    if (doc) ran.push({ key: `run:${run.id}`, at: run.startedAt, kind: 'run', note: `As run (${run.status})`, doc });
  }
  return [...saved, ...ran].sort((a, b) => b.at - a.at);
}

/** Keeps the open graph as it is now, with a note. */
export async function saveVersion(note: string): Promise<void> {
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  await services().versions.save(doc, note);
  notify('info', `Saved a version of “${doc.name}”${note.trim() ? `: ${note.trim()}` : ''}.`);
}

/** A version read as any graph from storage is: one saved by an older build is migrated first. */
function read(entry: VersionEntry): GraphDocument | undefined {
  const parsed = parseDocument(entry.doc, services().registry);
  if (parsed.ok) return parsed.doc;
  notify('error', `That version could not be read: ${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}`);
  return undefined;
}

/** Puts a version's nodes, wires, components and app back into the open graph, as one undoable edit. */
export function restoreVersion(entry: VersionEntry): void {
  const doc = read(entry);
  if (doc) updateDoc(restoreFrom(doc, new Date(entry.at).toLocaleString()));
}

/** Opens a version as a new graph of its own (the open graph stays as it is). */
export async function branchFrom(entry: VersionEntry): Promise<void> {
  const doc = read(entry);
  if (!doc) return;
  const when = new Date(entry.at).toLocaleString();
  await openParsed({ ...doc, name: `${doc.name} (from ${when})`.slice(0, 200) }, { asNew: true });
}
