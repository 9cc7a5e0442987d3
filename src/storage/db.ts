import Dexie, { type EntityTable } from 'dexie';
import type { CachedResult, GraphDocument } from '../../graph-engine';
import type { JobRecord } from '../providers/cloud/job-store';
import type { SpendRow } from '../providers/cloud/spend-ledger';

/** A saved graph: the document plus what the graph list shows without opening it. */
export interface SavedGraph {
  id: string;
  name: string;
  updatedAt: number;
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

export interface RunRecord {
  id?: number;
  graphId: string;
  startedAt: number;
  durationMs: number;
  status: string;
  executed: number;
  reused: number;
  cost: number;
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
  artifacts!: EntityTable<ArtifactRow, 'hash'>;
  blobs!: EntityTable<BlobRow, 'hash'>;
  results!: EntityTable<CachedResult, 'key'>;
  runs!: EntityTable<RunRecord, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  /** Provider tasks in flight or finished: saved before polling, so nothing is submitted (or paid for) twice. */
  jobs!: EntityTable<JobRecord, 'key'>;
  /** Every paid request and what became of it: the spend history and the budgets read it. */
  spend!: EntityTable<SpendRow, 'id'>;

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
  }
}
