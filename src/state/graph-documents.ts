import {
  appInputsOf,
  openedAt,
  parseDocument,
  PATH_SEPARATOR,
  type GraphDocument,
  type ParseResult,
} from '../../graph-engine';
import type { Services } from '../services';
import type { IntakeResult } from '../sharing/intake';
import type { IntakeRequest } from '../sharing/intake-read';
import type { RunRecord } from '../storage/run-history';
import { TEMPLATES } from '../templates/gallery';
import type { Edit } from './edits';
import { commitEdit } from './commit';
import { throughOpened, touch } from './edits';
import type { ViewedVersion, ViewStore } from './graph-store';
import { structuralProblems } from './structural-problems';
import { EMPTY_HISTORY, redoStep, undoStep } from './history';
import type { Runner } from './runner';
import type { Saver } from './saver';

export interface ImportOptions {
  /** A fresh id, so importing never replaces a graph already saved here. */
  asNew?: boolean;
  /** A bundle's media, each already checked against its hash: stored with the graph in one transaction. */
  media?: readonly { hash: string; blob: Blob }[];
  /** Opens on its app form when it shows inputs: a graph handed over (a file, a link, a bundle), or "Open as app". */
  asApp?: boolean;
  /** The graph it was made from here (a branch of a version): its per-graph cap counts what that one spent. */
  from?: string;
}

/** Said when something would change a version shown read-only. */
export const READ_ONLY = 'This version is shown read-only: Restore it or Branch from it to change it.';

/**
 * The graph being opened, kept across a reload until it has been drawn: a graph that froze or
 * crashed the tab on its last open is found here at the next start, and not reopened.
 */
const OPENING_KEY = 'reelgraph.opening';
/** Such a graph is not opened on its own again until the person opens it and it finishes. */
const NOT_REOPENED_KEY = 'reelgraph.not-reopened';

/** A small key-value store that outlives the page (`localStorage`, or a test's). */
export type Marks = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface DocumentsDeps {
  services: Pick<Services, 'graphs' | 'registry' | 'history' | 'db' | 'lineage'>;
  view: ViewStore;
  saver: Pick<Saver, 'flushSave' | 'markBaseline' | 'announceDeleted' | 'refreshGraphList'>;
  runner: Pick<Runner, 'refreshFromCache' | 'runViewFor' | 'waitingAt'>;
  notify(kind: 'error' | 'info', message: string): void;
  /** Reads a graph from outside in the intake worker (with its notice and Stop button). */
  read(request: IntakeRequest, name: string): Promise<IntakeResult>;
  marks: Marks;
  /** Resolves once the canvas has drawn what was just shown (two frames in a page). */
  drawn(): Promise<void>;
  /**
   * Judges a graph from a file or paste before it opens, asking where it cannot run as it is (its
   * problems said, retired models offered a swap): the graph to open, or undefined. Absent, a graph
   * with problems is not opened and any other opens as it is.
   */
  confirmOpen?(doc: GraphDocument, problems: readonly string[]): Promise<GraphDocument | undefined>;
}

export type Documents = ReturnType<typeof createDocuments>;

/** `name`, or `name (2)`, `name (3)`…: the first that none of `taken` is. */
export function distinctName(name: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  // Names are at most 200 characters: room is kept for the number.
  const base = name.replace(/ \(\d+\)$/, '').slice(0, 190);
  for (let at = 2; ; at++) if (!names.has(`${base} (${at})`)) return `${base} (${at})`;
}

/**
 * Graphs as one page has them: opening, importing, saving copies, deleting, and editing the open
 * one (with undo), over the page's view, saver and runner.
 */
export function createDocuments(deps: DocumentsDeps) {
  const { services, view, notify, marks, drawn } = deps;
  const { flushSave, markBaseline, announceDeleted, refreshGraphList } = deps.saver;
  const { refreshFromCache, runViewFor, waitingAt } = deps.runner;
  const readFromOutside = deps.read;

  /** Opens the most recent graph (unless its last open never finished), or the starter graph on first start. */
  async function bootstrap(): Promise<void> {
    void globalThis.navigator?.storage?.persist?.().catch(() => false);
    await refreshGraphList();
    const unfinished = marks.getItem(OPENING_KEY);
    marks.removeItem(OPENING_KEY);
    if (unfinished) marks.setItem(NOT_REOPENED_KEY, unfinished);
    const avoided = marks.getItem(NOT_REOPENED_KEY);
    const graphs = view.getState().graphs;
    const latest = graphs.find((graph) => graph.id !== avoided);
    if (latest) await openGraph(latest.id);
    else await newGraph('starter');
    const skipped = graphs.find((graph) => graph.id === unfinished);
    if (skipped)
      notify(
        'error',
        `“${skipped.name}” did not finish opening last time, so it was not opened again on its own. Open it from the graph list when you want it.`,
      );
  }

  /** Shows a document, marked as opening until it has been drawn (see OPENING_KEY). */
  async function showMarked(doc: GraphDocument): Promise<void> {
    marks.setItem(OPENING_KEY, doc.id);
    await showDocument(doc);
    // Two frames: the canvas has drawn the graph, or the page froze and the mark stays.
    await drawn();
    if (marks.getItem(OPENING_KEY) === doc.id) marks.removeItem(OPENING_KEY);
    if (marks.getItem(NOT_REOPENED_KEY) === doc.id) marks.removeItem(NOT_REOPENED_KEY);
  }

  /** Runs a document action; a failure (a full disk, a save the browser refused) is told, never swallowed. */
  async function told(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      notify('error', `${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function openGraph(id: string): Promise<void> {
    await flushSave();
    const doc = await services.graphs.load(id);
    if (!doc) {
      notify('error', 'That graph is no longer saved in this browser.');
      return;
    }
    // Saved graphs went through the same parser when they came in; re-parse to apply migrations.
    const parsed = parseDocument(doc, services.registry);
    if (!parsed.ok) {
      notify('error', `This saved graph cannot be opened: ${parsed.errors[0].path}: ${parsed.errors[0].message}`);
      return;
    }
    await showMarked(parsed.doc);
  }

  /** Makes a new graph from a gallery template and opens it. */
  /**
   * Shows a version of a graph read-only, with what the cache holds for it: under an id of its own,
   * so nothing shown is ever saved over the graph (edits and runs are refused while it shows).
   */
  async function viewVersion(version: GraphDocument, viewing: ViewedVersion): Promise<void> {
    await flushSave();
    // Read-only from its first frame: marked in the same state change that shows it.
    await showDocument({ ...version, id: `viewing-${crypto.randomUUID()}` }, viewing);
  }

  /** Makes a new graph from a built-in template; `asApp` opens it on its form when it shows inputs. */
  async function newGraph(templateId: string, options: Pick<ImportOptions, 'asApp'> = {}): Promise<void> {
    const template = TEMPLATES.find((candidate) => candidate.id === templateId);
    if (!template) throw new Error(`No template “${templateId}”`);
    await flushSave();
    const doc = template.build();
    await services.graphs.save(doc);
    await refreshGraphList();
    await showDocument(doc);
    if (options.asApp && appInputsOf(doc).length > 0) view.setState({ appView: true });
  }

  /**
   * Reads an untrusted graph's text (the automation surface, the headless runner) in the intake
   * worker and opens it under its own id; changes nothing if it is invalid.
   */
  async function importGraph(text: string): Promise<ParseResult> {
    const read = await readFromOutside({ kind: 'text', text }, 'the graph');
    if (!read.ok)
      return {
        ok: false,
        errors:
          'errors' in read
            ? read.errors
            : [{ path: '(top level)', message: 'stopped' in read ? 'reading it was stopped' : read.unreadable }],
      };
    await openParsed(read.parsed.doc);
    return read.parsed;
  }

  /** Saves and opens a graph that has been parsed. */
  async function openParsed(parsedDoc: GraphDocument, options: ImportOptions = {}): Promise<void> {
    await flushSave();
    const doc = { ...parsedDoc, metadata: { ...parsedDoc.metadata } };
    const now = new Date().toISOString();
    if (options.asNew) {
      // A new graph here: saved now (it heads the graph list), under a name no other graph has.
      doc.id = crypto.randomUUID();
      // Read from storage, not this tab's list: another tab may have added a graph since.
      doc.name = distinctName(
        doc.name,
        (await services.graphs.list()).map((graph) => graph.name),
      );
      doc.metadata.updatedAt = now;
    }
    // The graph list is newest first: a file dated in the future must not stay on top (and reopen) for good.
    if (!(doc.metadata.updatedAt <= now)) doc.metadata.updatedAt = now;
    // Recorded first, as a duplicate's is: branching never resets a per-graph cap.
    if (options.from && options.asNew) await services.lineage.record(doc.id, options.from);
    await services.graphs.saveWithMedia(doc, options.media ?? []);
    await refreshGraphList();
    await showMarked(doc);
    // An app opens on its form; its graph is a click away.
    if (options.asApp && appInputsOf(doc).length > 0) view.setState({ appView: true });
  }

  /** Tells why a graph was not opened (changing nothing). */
  function refusedGraph(name: string, errors: readonly { path: string; message: string }[]): void {
    const count = errors.length;
    view.setState({
      notice: {
        kind: 'error',
        message: `${name} was not opened: ${count === 1 ? 'it has a problem' : `it has ${count} problems`}. Nothing was changed.`,
        details: errors.slice(0, 20).map((error) => `${error.path}: ${error.message}`),
      },
    });
  }

  /** Opens a graph file's text (or pasted JSON) as a new graph, or says plainly why it cannot (changing nothing). */
  function openGraphFile(text: string, name: string): Promise<void> {
    return openGraphFrom({ kind: 'text', text }, name);
  }

  /** Opens a graph from outside (text, or a pasted share link read under the link caps) as a new graph, read in the intake worker. */
  function openGraphFrom(request: IntakeRequest, name: string): Promise<void> {
    return told(`${name} was not opened`, async () => {
      const read = await readFromOutside(request, name);
      if (!read.ok) return toldWhyNot(name, read);
      // A graph that cannot run as it is opens (its unknown nodes kept, its problems marked) only when
      // the person says so; one naming retired models asks too, offering their successors.
      const problems = structuralProblems(read.parsed.doc, services.registry);
      const chosen = deps.confirmOpen
        ? await deps.confirmOpen(read.parsed.doc, problems)
        : problems.length === 0
          ? read.parsed.doc
          : undefined;
      if (!chosen) {
        notify('info', `${name} was not opened. Nothing was changed.`);
        return;
      }
      await openParsed(chosen, { asNew: true, asApp: true });
    });
  }

  /** Says why a graph from outside was not opened: its problems, why it could not be read, or that the person stopped it. */
  function toldWhyNot(name: string, read: Exclude<IntakeResult, { ok: true }>): void {
    if ('errors' in read) refusedGraph(name, read.errors);
    else if ('stopped' in read) notify('info', `${name} was not opened: you stopped it. Nothing was changed.`);
    else notify('error', `${name} was not opened: ${read.unreadable}. Nothing was changed.`);
  }

  /**
   * Opens the graph exactly as a run ran it: the saved graph itself while it is still that version,
   * else a copy of the run's snapshot (the saved graph is never changed). What is still cached shows.
   */
  function openAsRan(run: RunRecord): Promise<void> {
    return told('That run’s graph was not opened', async () => {
      const snapshot = run.snapshot ? await services.history.snapshot(run.snapshot) : undefined;
      if (!snapshot) {
        notify('info', 'This run was recorded before the history kept each run’s graph: there is nothing to open.');
        return;
      }
      await flushSave();
      const saved = await services.db.graphs.get(run.graphId);
      if (saved?.version === snapshot.metadata.updatedAt) return openGraph(run.graphId);
      const parsed = parseDocument(snapshot, services.registry);
      if (!parsed.ok) return refusedGraph('That run’s graph', parsed.errors);
      const when = new Date(run.startedAt).toLocaleString();
      await openParsed(touch({ ...parsed.doc, name: `${parsed.doc.name} (as run ${when})`.slice(0, 200) }), {
        asNew: true,
      });
    });
  }

  /** Saves a copy of the open graph under a new id and opens it. */
  function duplicateGraph(): Promise<void> {
    return told('The graph was not duplicated', async () => {
      await flushSave();
      const { doc, viewing } = view.getState();
      if (!doc) return;
      if (viewing) return notify('info', READ_ONLY);
      const names = (await services.graphs.list()).map((graph) => graph.name);
      const copy = touch({ ...doc, id: crypto.randomUUID(), name: distinctName(`${doc.name} (copy)`, names) });
      // Recorded first: a copy's per-graph cap counts what the original spent, so duplicating never resets it.
      await services.lineage.record(copy.id, doc.id);
      await services.graphs.save(copy);
      await refreshGraphList();
      await showDocument(copy);
    });
  }

  function deleteGraph(id: string): Promise<void> {
    return told('The graph was not deleted', async () => {
      announceDeleted(id);
      await services.graphs.remove(id);
      await refreshGraphList();
      if (view.getState().doc?.id === id) {
        const [next] = view.getState().graphs;
        if (next) await openGraph(next.id);
        else await newGraph('starter');
      }
    });
  }

  /** Changes the current document through a named edit, recording it for undo; autosave picks it up. */
  function updateDoc(edit: Edit): void {
    const { doc, history, inside, viewing } = view.getState();
    if (!doc) return;
    // A version shown read-only changes by nothing but where it is looked at.
    if (viewing && edit.undoable !== false) {
      notify('info', READ_ONLY);
      return;
    }
    // On an opened component, the canvas shows (and edits) its inside.
    const committed = commitEdit(doc, history, throughOpened(doc, inside, edit), Date.now());
    if (committed.doc !== doc) view.setState({ ...committed, inside: stillOpened(committed.doc, inside) });
  }

  /** Steps back (undo) or forward (redo) through the open graph's edits, saying which. */
  function step(take: typeof undoStep, said: string): void {
    const { doc, history } = view.getState();
    const result = doc && take(history, doc);
    if (result)
      view.setState({
        doc: result.doc,
        history: result.history,
        inside: stillOpened(result.doc, view.getState().inside),
        notice: { kind: 'info', message: `${said}: ${result.label}` },
      });
  }
  const undo = () => step(undoStep, 'Undid');
  const redo = () => step(redoStep, 'Redid');

  async function showDocument(doc: GraphDocument, viewing: ViewedVersion | null = null): Promise<void> {
    markBaseline(doc);
    view.setState({
      doc,
      history: EMPTY_HISTORY,
      runState: {},
      outputs: {},
      stale: new Set(),
      lastRun: null,
      issues: [],
      savedAt: Date.parse(doc.metadata.updatedAt),
      waitingFor: null,
      appView: false,
      viewing,
      // A run of it that stopped at a Pick shows there, and one this tab is running shows as it goes.
      ...waitingAt(doc.id),
      ...runViewFor(doc.id),
    });
    await refreshFromCache();
  }

  return {
    bootstrap,
    openGraph,
    viewVersion,
    newGraph,
    importGraph,
    openParsed,
    refusedGraph,
    openGraphFile,
    openGraphFrom,
    toldWhyNot,
    openAsRan,
    duplicateGraph,
    deleteGraph,
    updateDoc,
    undo,
    redo,
  };
}

/**
 * The opened component's path, cut back to what the graph still holds after an edit, undo or redo
 * (a component deleted, or made undone, closes to the one around it, or to the graph).
 */
function stillOpened(doc: GraphDocument, inside: string | null): string | null {
  if (inside === null) return null;
  const steps = inside.split(PATH_SEPARATOR);
  for (let count = steps.length; count > 0; count--) {
    const path = steps.slice(0, count).join(PATH_SEPARATOR);
    if (openedAt(doc, path)) return path;
  }
  return null;
}
