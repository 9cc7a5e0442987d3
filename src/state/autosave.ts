import type { GraphDocument } from '../../graph-engine';
import { services } from './services';
import { useGraphStore } from './graph-store';

const DELAY_MS = 300;
/** The version of each graph this tab last read or wrote: a save over any other version is a conflict. */
const baseline = new Map<string, string>();
/** Graphs deleted here or in another tab: never saved again, so a delete is not undone by an autosave. */
const deleted = new Set<string>();
const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('reelgraph.graphs');
channel?.addEventListener('message', (event: MessageEvent<{ graphId: string; deleted?: boolean }>) => {
  if (event.data.deleted) {
    forget(event.data.graphId);
    void refreshGraphList();
  }
  if (useGraphStore.getState().doc?.id !== event.data.graphId) return;
  if (event.data.deleted) return void tellDeleted();
  useGraphStore.setState({
    notice: {
      kind: 'error',
      message:
        'This graph was just changed in another tab. Edits here will be saved as a separate copy, so neither tab’s work is lost.',
    },
  });
});

function forget(graphId: string) {
  deleted.add(graphId);
  if (pending?.id === graphId) pending = null;
}

function tellDeleted() {
  const doc = useGraphStore.getState().doc;
  if (!doc) return;
  useGraphStore.setState({
    notice: {
      kind: 'error',
      message: `“${doc.name}” was deleted in another tab, so changes here are no longer saved.`,
      action: { label: 'Keep it as a new graph', run: () => void keepAsNew(doc.id) },
    },
  });
}

/** The graph shown here was deleted elsewhere: save what this tab has under a new id, and go on with it. */
async function keepAsNew(graphId: string) {
  const current = useGraphStore.getState().doc;
  if (current?.id !== graphId) return;
  const copy: GraphDocument = { ...current, id: crypto.randomUUID() };
  await services().graphs.save(copy);
  markBaseline(copy);
  useGraphStore.setState({ doc: copy, savedAt: Date.now(), notice: null });
  await refreshGraphList();
}

/** Says a graph is being deleted here: this tab and every other one stop saving it. */
export function announceDeleted(graphId: string): void {
  forget(graphId);
  channel?.postMessage({ graphId, deleted: true });
}

/** Records the version of a graph this tab has open (on open, and after each save). */
export function markBaseline(doc: GraphDocument): void {
  baseline.set(doc.id, doc.metadata.updatedAt);
}
let timer: ReturnType<typeof setTimeout> | undefined;
let pending: GraphDocument | null = null;
let saving: Promise<void> = Promise.resolve();
/** The last save of the open graph failed (a full disk): leaving the page now would lose edits. */
let failed = false;

/** Whether the last save failed, so leaving the page would lose what it held. */
export const lastSaveFailed = () => failed;

/** Saves the current graph shortly after the last change; typing does not write on every key. */
export function startAutosave(): () => void {
  return useGraphStore.subscribe((state, previous) => {
    if (!state.doc || state.doc === previous.doc) return;
    if (previous.doc === null || previous.doc.id !== state.doc.id) return;
    if (deleted.has(state.doc.id)) return;
    pending = state.doc;
    clearTimeout(timer);
    timer = setTimeout(() => void flushSave(), DELAY_MS);
  });
}

/** Writes any pending change now (before switching graphs, running, or unloading). */
export function flushSave(): Promise<void> {
  clearTimeout(timer);
  const doc = pending;
  pending = null;
  if (!doc) return saving;
  saving = saving.then(async () => {
    try {
      if (deleted.has(doc.id)) return;
      const outcome = await services().graphs.saveIfUnchanged(doc, baseline.get(doc.id));
      if (outcome === 'conflict') await saveAsCopy(doc);
      else if (outcome === 'deleted') {
        forget(doc.id);
        if (useGraphStore.getState().doc?.id === doc.id) tellDeleted();
      } else {
        markBaseline(doc);
        channel?.postMessage({ graphId: doc.id });
        useGraphStore.setState({ savedAt: Date.now() });
      }
      failed = false;
      await refreshGraphList();
    } catch (error) {
      failed = true;
      useGraphStore.setState({
        notice: { kind: 'error', message: error instanceof Error ? error.message : String(error) },
      });
    }
  });
  return saving;
}

export async function refreshGraphList(): Promise<void> {
  useGraphStore.setState({ graphs: await services().graphs.list() });
}

/** Another tab saved this graph since we read it: keep both, by saving ours as a copy and opening it. */
async function saveAsCopy(doc: GraphDocument): Promise<void> {
  const copy: GraphDocument = { ...doc, id: crypto.randomUUID(), name: `${doc.name} (edited in two tabs)` };
  await services().graphs.save(copy);
  markBaseline(copy);
  const current = useGraphStore.getState().doc;
  useGraphStore.setState({
    doc: current?.id === doc.id ? { ...current, id: copy.id, name: copy.name } : current,
    savedAt: Date.now(),
    notice: {
      kind: 'error',
      message: `“${doc.name}” was changed in another tab, so your edits here were saved as “${copy.name}”. Nothing was overwritten.`,
    },
  });
}
