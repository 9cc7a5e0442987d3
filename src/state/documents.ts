import { parseDocument, type GraphDocument, type ParseResult } from '../../graph-engine';
import { TEMPLATES } from '../templates/gallery';
import { announceDeleted, flushSave, markBaseline, refreshGraphList } from './autosave';
import { commitEdit } from './commit';
import { touch, type Edit } from './edits';
import { EMPTY_HISTORY, redoStep, undoStep } from './history';
import { useGraphStore } from './graph-store';
import { notify } from './notify';
import { refreshFromCache } from './runs';
import { services } from './services';

/** Graphs: opening, importing, saving copies, deleting, and editing the open one (with undo). */

/** Opens the most recent graph, or the starter graph on first start. */
export async function bootstrap(): Promise<void> {
  void navigator.storage?.persist?.().catch(() => false);
  await refreshGraphList();
  const [latest] = useGraphStore.getState().graphs;
  if (latest) await openGraph(latest.id);
  else await newGraph('starter');
}

export async function openGraph(id: string): Promise<void> {
  await flushSave();
  const doc = await services().graphs.load(id);
  if (!doc) {
    notify('error', 'That graph is no longer saved in this browser.');
    return;
  }
  // Saved graphs went through the same parser when they came in; re-parse to apply migrations.
  const parsed = parseDocument(doc, services().registry);
  if (!parsed.ok) {
    notify('error', `This saved graph cannot be opened: ${parsed.errors[0].path}: ${parsed.errors[0].message}`);
    return;
  }
  await showDocument(parsed.doc);
}

/** Makes a new graph from a gallery template and opens it. */
export async function newGraph(templateId: string): Promise<void> {
  const template = TEMPLATES.find((candidate) => candidate.id === templateId);
  if (!template) throw new Error(`No template “${templateId}”`);
  await flushSave();
  const doc = template.build();
  await services().graphs.save(doc);
  await refreshGraphList();
  await showDocument(doc);
}

/**
 * Loads an untrusted graph (an import, a dropped file, the CLI) and opens it; changes nothing if it
 * is invalid. `asNew` gives it a fresh id, so importing never replaces a graph already saved here.
 */
export async function importGraph(input: unknown, options: { asNew?: boolean } = {}): Promise<ParseResult> {
  const parsed = parseDocument(input, services().registry);
  if (!parsed.ok) return parsed;
  await flushSave();
  if (options.asNew) parsed.doc.id = crypto.randomUUID();
  await services().graphs.save(parsed.doc);
  await refreshGraphList();
  await showDocument(parsed.doc);
  return parsed;
}

/** Opens a graph file's text as a new graph, or says plainly why it cannot (changing nothing). */
export async function openGraphFile(text: string, name: string): Promise<void> {
  const result = await importGraph(text, { asNew: true });
  if (result.ok) return;
  const count = result.errors.length;
  useGraphStore.setState({
    notice: {
      kind: 'error',
      message: `${name} was not opened: ${count === 1 ? 'it has a problem' : `it has ${count} problems`}. Nothing was changed.`,
      details: result.errors.slice(0, 20).map((error) => `${error.path}: ${error.message}`),
    },
  });
}

/** Saves a copy of the open graph under a new id and opens it. */
export async function duplicateGraph(): Promise<void> {
  await flushSave();
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  const copy = touch({ ...doc, id: crypto.randomUUID(), name: `${doc.name} (copy)` });
  await services().graphs.save(copy);
  await refreshGraphList();
  await showDocument(copy);
}

export async function deleteGraph(id: string): Promise<void> {
  announceDeleted(id);
  await services().graphs.remove(id);
  await refreshGraphList();
  if (useGraphStore.getState().doc?.id === id) {
    const [next] = useGraphStore.getState().graphs;
    if (next) await openGraph(next.id);
    else await newGraph('starter');
  }
}

/** Changes the current document through a named edit, recording it for undo; autosave picks it up. */
export function updateDoc(edit: Edit): void {
  const { doc, history } = useGraphStore.getState();
  if (!doc) return;
  const committed = commitEdit(doc, history, edit, Date.now());
  if (committed.doc !== doc) useGraphStore.setState(committed);
}

export function undo(): void {
  const { doc, history } = useGraphStore.getState();
  const result = doc && undoStep(history, doc);
  if (result)
    useGraphStore.setState({
      doc: result.doc,
      history: result.history,
      notice: { kind: 'info', message: `Undid: ${result.label}` },
    });
}

export function redo(): void {
  const { doc, history } = useGraphStore.getState();
  const result = doc && redoStep(history, doc);
  if (result)
    useGraphStore.setState({
      doc: result.doc,
      history: result.history,
      notice: { kind: 'info', message: `Redid: ${result.label}` },
    });
}

async function showDocument(doc: GraphDocument): Promise<void> {
  markBaseline(doc);
  useGraphStore.setState({
    doc,
    history: EMPTY_HISTORY,
    runState: {},
    outputs: {},
    stale: new Set(),
    lastRun: null,
    issues: [],
    savedAt: Date.parse(doc.metadata.updatedAt),
  });
  await refreshFromCache();
}
