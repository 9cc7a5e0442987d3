import { create } from 'zustand';
import type { ComponentFix } from './component-fixes';
import type { VersionEntry } from './versions';
import type { MissingKey, RetiredModel } from './open-preflight';
import type { CostEstimate, GraphDocument, GraphIssue, RunState, TakeRecord } from '../../graph-engine';
import type { QueuedRun } from '../storage/queue-store';
import { EMPTY_HISTORY, type History } from './history';

export interface GraphListEntry {
  id: string;
  name: string;
  updatedAt: number;
}

export interface LastRun {
  status: string;
  executed: number;
  reused: number;
  cost: number;
  durationMs: number;
  /** Takes run and found made, where any node of the run split into takes. */
  takes?: { executed: number; reused: number };
}

export interface Notice {
  kind: 'error' | 'info';
  message: string;
  /** A list under the message, e.g. every problem an import found (where, and what). */
  details?: string[];
  /** What the person can do about it, one click away. */
  action?: { label: string; run(): void };
  /** How far along a long task the notice tells of is (files of a bundle read). */
  progress?: { value: number; max: number };
}

/** The editor's state. Components select the slice they show, never the whole store. */
export interface GraphState {
  doc: GraphDocument | null;
  /** Undo and redo for the open graph (edits only: not selection, viewport or runs). */
  history: History;
  graphs: GraphListEntry[];
  /** Per-node run status: the last run's events, or what the cache holds for the current params. */
  runState: RunState;
  /** Outputs by node id, from the last run or the cache, for previews (a node with failed takes: what the others made). */
  outputs: Readonly<Record<string, Record<string, unknown>>>;
  /** The takes of each node that splits into them: where each sits, how it ended, what it made. */
  takes: Readonly<Record<string, readonly TakeRecord[]>>;
  issues: GraphIssue[];
  /** Nodes whose last outputs (still shown) no longer match their inputs and params: they would run again. */
  stale: ReadonlySet<string>;
  /** Cache keys of results the person pinned: never evicted. */
  pinned: ReadonlySet<string>;
  /** Whether this tab is running the open graph now (its queued run has its turn). */
  running: boolean;
  /** The run queue every tab shares, in the order it runs, and whether it is paused. */
  queue: readonly QueuedRun[];
  queuePaused: boolean;
  lastRun: LastRun | null;
  /** The Picks the last run stopped at, waiting for the person: choosing there continues that run. */
  waitingFor: readonly string[] | null;
  notice: Notice | null;
  /** The last time the current graph reached IndexedDB (ms since epoch). */
  savedAt: number | null;
  /** What running the whole graph now would cost (cached nodes cost nothing). */
  estimate: CostEstimate | null;
  /** Whether the Library panel stands where the inspector does. */
  libraryOpen: boolean;
  /** The node whose clips or stills the full-screen compare view shows. */
  compare: string | null;
  /** The component instance opened on the canvas: its inside is drawn and edited, for every use of it. */
  inside: string | null;
  /** Bumped when a run's record reaches the history: History and Versions read it again. */
  historyChanged: number;
  /** The graph shown as an app: the form of the inputs it shows, Run, its takes and what it hands back; no canvas. */
  appView: boolean;
  /**
   * A version of a graph shown read-only (from Versions): the canvas draws it with what the cache
   * holds for it, and nothing changes it, runs it or saves it until the person restores it,
   * branches from it or goes back.
   */
  viewing: ViewedVersion | null;
  /** A run waiting for the person to accept its cost. */
  spendRequest: {
    estimate: CostEstimate;
    /** Models the run names that have no key: not priced, not offered, said. */
    missing: readonly { nodeId: string; model: string; why: string }[];
    answer(accepted: boolean): void;
  } | null;
  /** A graph from a share link, read but not opened until the person says so. */
  openRequest: OpenRequest | null;
}

/**
 * What a graph from outside is and needs, shown before it is opened: every shared link (a link can
 * come from any website), and a file or paste whose graph cannot run as it is (a cycle, a kind this
 * app does not have).
 */
export interface OpenRequest {
  /** Each question its own: its choices start afresh. */
  id: number;
  /** A share link, or a file or paste. */
  from: 'link' | 'file';
  name: string;
  /** What stops it running as it is, each naming its node: said before it opens. */
  problems: readonly string[];
  nodes: number;
  kinds: string[];
  /** Cloud models its nodes name: running it may spend money with these. */
  models: string[];
  /** Photos and sounds it refers to that this browser does not hold (a link never carries them): each offered to be cleared. */
  missingMedia: readonly string[];
  /** Models it names that this app does not know: their nodes need another. */
  unknownModels: readonly string[];
  /** Retired models it names, with what does their job now: each offered as a swap. */
  retired: readonly RetiredModel[];
  /** Providers whose key it needs that this browser lacks: the offline parts run anyway. */
  keys: readonly MissingKey[];
  /** Components the library here can give it (a definition it lacks) or update: each offered. */
  components: readonly ComponentFix[];
  /** Open it (with the retired models to swap, `from` → `to`, and the components to take from the library), or not. */
  answer(
    open: boolean,
    chosen?: {
      swaps: ReadonlyMap<string, string>;
      components: readonly ComponentFix[];
      /** Media to take off their nodes, which then ask for the person's own. */
      cleared: readonly string[];
    },
  ): void;
}

/** The version shown read-only: which graph it is of, and how the Versions panel names it. */
export interface ViewedVersion {
  graphId: string;
  label: string;
  /** The version itself, as the panel listed it: restoring or branching takes it from here. */
  entry: VersionEntry;
}

/** The state of a page with nothing open yet (a test builds its own store from it). */
export const initialGraphState = (): GraphState => ({
  doc: null,
  history: EMPTY_HISTORY,
  graphs: [],
  runState: {},
  outputs: {},
  takes: {},
  issues: [],
  stale: new Set(),
  pinned: new Set(),
  running: false,
  queue: [],
  queuePaused: false,
  libraryOpen: false,
  lastRun: null,
  waitingFor: null,
  notice: null,
  savedAt: null,
  estimate: null,
  spendRequest: null,
  openRequest: null,
  compare: null,
  inside: null,
  appView: false,
  viewing: null,
  historyChanged: 0,
});

/** The canvas's state, read and written: the app's store, or a test's. */
export interface ViewStore {
  getState(): GraphState;
  setState(patch: Partial<GraphState> | ((state: GraphState) => Partial<GraphState>)): void;
  subscribe(listener: (state: GraphState, previous: GraphState) => void): () => void;
}

export const useGraphStore = create<GraphState>()(initialGraphState);
