import type { GraphDocument } from '../../graph-engine';
import type { GraphRepo } from '../storage/graph-repo';
import type { ViewStore } from './graph-store';

/** What tabs tell each other about a graph: it was saved, or deleted. */
export interface GraphNews {
  graphId: string;
  deleted?: boolean;
}

/** The channel tabs on one origin share (a `BroadcastChannel`, or a test's). */
export interface NewsChannel {
  postMessage(news: GraphNews): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<GraphNews>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<GraphNews>) => void): void;
}

export interface SaverDeps {
  graphs(): Pick<GraphRepo, 'save' | 'saveIfUnchanged' | 'list'>;
  view: ViewStore;
  channel?: NewsChannel;
  /** How long after the last change the graph is written (typing does not write on every key). */
  delayMs?: number;
  /** After a save: a checkpoint of the graph now and then, for Versions (its failure never fails the save). */
  checkpoint?(doc: GraphDocument): Promise<unknown>;
}

export type Saver = ReturnType<typeof createSaver>;

/**
 * Saving the open graph, as one page does it: shortly after each edit, never over a version another
 * tab saved since this one read it (ours becomes a copy), and never a graph deleted here or elsewhere.
 * Its state lives in the instance, so two in one test are two tabs on one database.
 */
export function createSaver({ graphs, view, channel, delayMs = 300, checkpoint }: SaverDeps) {
  /** The version of each graph this tab last read or wrote: a save over any other version is a conflict. */
  const baseline = new Map<string, string>();
  /** Graphs deleted here or in another tab: never saved again, so a delete is not undone by an autosave. */
  const deleted = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: GraphDocument | null = null;
  let saving: Promise<void> = Promise.resolve();
  /** The last save of the open graph failed (a full disk): leaving the page now would lose edits. */
  let failed = false;

  const notice = (message: string) => view.setState({ notice: { kind: 'error', message } });

  function heard(event: MessageEvent<GraphNews>) {
    if (event.data.deleted) {
      forget(event.data.graphId);
      void refreshGraphList();
    }
    if (view.getState().doc?.id !== event.data.graphId) return;
    if (event.data.deleted) return void tellDeleted();
    notice(
      'This graph was just changed in another tab. Edits here will be saved as a separate copy, so neither tab’s work is lost.',
    );
  }
  channel?.addEventListener('message', heard);

  function forget(graphId: string) {
    deleted.add(graphId);
    if (pending?.id === graphId) pending = null;
  }

  function tellDeleted() {
    const doc = view.getState().doc;
    if (!doc) return;
    view.setState({
      notice: {
        kind: 'error',
        message: `“${doc.name}” was deleted in another tab, so changes here are no longer saved.`,
        action: { label: 'Keep it as a new graph', run: () => void keepAsNew(doc.id) },
      },
    });
  }

  /** The graph shown here was deleted elsewhere: save what this tab has under a new id, and go on with it. */
  async function keepAsNew(graphId: string) {
    const current = view.getState().doc;
    if (current?.id !== graphId) return;
    const copy: GraphDocument = { ...current, id: crypto.randomUUID() };
    await graphs().save(copy);
    markBaseline(copy);
    view.setState({ doc: copy, savedAt: Date.now(), notice: null });
    await refreshGraphList();
  }

  /** Says a graph is being deleted here: this tab and every other one stop saving it. */
  function announceDeleted(graphId: string): void {
    forget(graphId);
    channel?.postMessage({ graphId, deleted: true });
  }

  /** Records the version of a graph this tab has open (on open, and after each save). */
  function markBaseline(doc: GraphDocument): void {
    baseline.set(doc.id, doc.metadata.updatedAt);
  }

  /** Saves the current graph shortly after the last change. Returns a function that stops it. */
  function start(): () => void {
    return view.subscribe((state, previous) => {
      if (!state.doc || state.doc === previous.doc) return;
      // A version shown read-only is never saved (it shows under an id of its own besides).
      if (state.viewing) return;
      if (previous.doc === null || previous.doc.id !== state.doc.id) return;
      if (deleted.has(state.doc.id)) return;
      pending = state.doc;
      clearTimeout(timer);
      timer = setTimeout(() => void flushSave(), delayMs);
    });
  }

  /** Writes any pending change now (before switching graphs, running, or unloading). */
  function flushSave(): Promise<void> {
    clearTimeout(timer);
    const doc = pending;
    pending = null;
    if (!doc) return saving;
    saving = saving.then(async () => {
      try {
        if (deleted.has(doc.id)) return;
        const outcome = await graphs().saveIfUnchanged(doc, baseline.get(doc.id));
        if (outcome === 'conflict') await saveAsCopy(doc);
        else if (outcome === 'deleted') {
          forget(doc.id);
          if (view.getState().doc?.id === doc.id) tellDeleted();
        } else {
          markBaseline(doc);
          channel?.postMessage({ graphId: doc.id });
          view.setState({ savedAt: Date.now() });
          await Promise.resolve()
            .then(() => checkpoint?.(doc))
            .catch(() => undefined);
        }
        failed = false;
        await refreshGraphList();
      } catch (error) {
        failed = true;
        notice(error instanceof Error ? error.message : String(error));
      }
    });
    return saving;
  }

  async function refreshGraphList(): Promise<void> {
    view.setState({ graphs: await graphs().list() });
  }

  /** Another tab saved this graph since we read it: keep both, by saving ours as a copy and opening it. */
  async function saveAsCopy(doc: GraphDocument): Promise<void> {
    const copy: GraphDocument = { ...doc, id: crypto.randomUUID(), name: `${doc.name} (edited in two tabs)` };
    await graphs().save(copy);
    markBaseline(copy);
    const current = view.getState().doc;
    view.setState({
      doc: current?.id === doc.id ? { ...current, id: copy.id, name: copy.name } : current,
      savedAt: Date.now(),
      notice: {
        kind: 'error',
        message: `“${doc.name}” was changed in another tab, so your edits here were saved as “${copy.name}”. Nothing was overwritten.`,
      },
    });
  }

  return {
    start,
    flushSave,
    markBaseline,
    announceDeleted,
    refreshGraphList,
    /** Whether the last save failed, so leaving the page would lose what it held. */
    lastSaveFailed: () => failed,
    /** Stops listening to other tabs and drops any pending write (the page is gone). */
    dispose(): void {
      clearTimeout(timer);
      channel?.removeEventListener('message', heard);
    },
  };
}
