import type { GraphDocument } from '../../graph-engine';
import { services } from '../services';
import { useGraphStore } from './graph-store';

const DELAY_MS = 300;
let timer: ReturnType<typeof setTimeout> | undefined;
let pending: GraphDocument | null = null;
let saving: Promise<void> = Promise.resolve();

/** Saves the current graph shortly after the last change; typing does not write on every key. */
export function startAutosave(): () => void {
  return useGraphStore.subscribe((state, previous) => {
    if (!state.doc || state.doc === previous.doc) return;
    if (previous.doc === null || previous.doc.id !== state.doc.id) return;
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
      await services.graphs.save(doc);
      useGraphStore.setState({ savedAt: Date.now() });
      await refreshGraphList();
    } catch (error) {
      useGraphStore.setState({ notice: { kind: 'error', message: error instanceof Error ? error.message : String(error) } });
    }
  });
  return saving;
}

export async function refreshGraphList(): Promise<void> {
  useGraphStore.setState({ graphs: await services.graphs.list() });
}
