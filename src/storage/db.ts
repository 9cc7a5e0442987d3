import Dexie, { type EntityTable } from 'dexie';
import type { CachedResult, GraphDocument } from '../../graph-engine';
import type { JobRecord } from '../providers/cloud/job-store';
import type { SpendRow } from '../providers/cloud/spend-ledger';
import type { LibraryComponent } from './component-library';
import type { GraphVersion } from './graph-versions';
import type { LibraryTemplate } from './template-library';
import type { QueuedRun } from './queue-store';
import type { RunRecord, SnapshotRow } from './run-history';

/** What the graph list shows of a saved graph, kept apart from its document so listing reads no documents. */
export interface SavedGraph {
  id: string;
  name: string;
  updatedAt: number;
  /** The document's `metadata.updatedAt`: which version is stored, for the two-tab conflict check. */
  version: string;
}

/** A saved graph's document. */
export interface SavedGraphDoc {
  id: string;
  doc: GraphDocument;
}

/** Artifact metadata, kept apart from the bytes so listing and LRU scans never load blobs. */
export interface ArtifactRow {
  hash: string;
  mime: string;
  size: number;
  createdAt: number;
  lastUsed: number;
}

export interface BlobRow {
  hash: string;
  blob: Blob;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * The one IndexedDB database. Blobs live in their own table and are never indexed
 * (updating or scanning metadata must not copy media).
 */
export class ReelgraphDB extends Dexie {
  graphs!: EntityTable<SavedGraph, 'id'>;
  graphDocs!: EntityTable<SavedGraphDoc, 'id'>;
  artifacts!: EntityTable<ArtifactRow, 'hash'>;
  blobs!: EntityTable<BlobRow, 'hash'>;
  results!: EntityTable<CachedResult, 'key'>;
  /** The run history: every run, how each node ended, and which snapshot of the graph ran. */
  runs!: EntityTable<RunRecord, 'id'>;
  /** Graphs exactly as they ran, each stored once under its hash. */
  snapshots!: EntityTable<SnapshotRow, 'hash'>;
  /** Runs waiting their turn, and the one running: every tab shares the queue. */
  queue!: EntityTable<QueuedRun, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  /** Provider tasks in flight or finished: saved before polling, so nothing is submitted (or paid for) twice. */
  jobs!: EntityTable<JobRecord, 'key'>;
  /** Every paid request and what became of it: the spend history and the budgets read it. */
  spend!: EntityTable<SpendRow, 'id'>;
  /** Components kept to use again: every version of each. */
  components!: Dexie.Table<LibraryComponent, [string, number]>;
  /** Versions of graphs people saved with a note. */
  versions!: EntityTable<GraphVersion, 'id'>;
  /** Whole graphs kept as templates to start from: every version of each. */
  templates!: Dexie.Table<LibraryTemplate, [string, number]>;

  constructor(name = 'reelgraph', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      graphs: 'id, updatedAt',
      artifacts: 'hash, lastUsed',
      blobs: 'hash',
      results: 'key, lastUsed, *artifacts',
      runs: '++id, graphId, startedAt',
      settings: 'key',
    });
    this.version(2).stores({ jobs: 'key, state, submittedAt' });
    this.version(3).stores({ spend: 'id, at, graphId' });
    // The documents leave the list's table: autosave's list refresh read every saved graph whole.
    this.version(4)
      .stores({ graphDocs: 'id' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('graphs').toArray()) as (Omit<SavedGraph, 'version'> & { doc: GraphDocument })[];
        await tx.table('graphDocs').bulkPut(rows.map(({ id, doc }) => ({ id, doc })));
        await tx
          .table('graphs')
          .bulkPut(rows.map(({ doc, ...listed }) => ({ ...listed, version: doc.metadata.updatedAt })));
      });
    // The history keeps the graph each run ran; pruning finds the snapshots no run refers to any more.
    this.version(5).stores({ runs: '++id, graphId, startedAt, snapshot', snapshots: 'hash' });
    this.version(6).stores({ queue: 'id, position' });
    // The history's graphs are bounded by size: each knows its own, indexed so the total is read without the graphs.
    this.version(7)
      .stores({ snapshots: 'hash, bytes' })
      .upgrade((tx) =>
        tx
          .table('snapshots')
          .toCollection()
          .modify((row: SnapshotRow) => void (row.bytes = JSON.stringify(row.doc).length)),
      );
    this.version(8).stores({ components: '[id+version], id' });
    this.version(9).stores({ versions: '++id, graphId' });
    this.version(10).stores({ templates: '[id+version], id' });
  }
}
