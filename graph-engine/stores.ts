import type { ArtifactRef } from './artifacts';
import type { TakeRecord } from './take-record';

/** Content-addressed media storage: the same bytes are stored once, under their SHA-256. */
export interface ArtifactStore {
  put(data: Blob, meta?: ArtifactRef['meta']): Promise<ArtifactRef>;
  get(hash: string): Promise<Blob | undefined>;
}

/** One node's cached outputs, stored under its cache key. */
export interface CachedResult {
  key: string;
  kind: string;
  outputs: Record<string, unknown>;
  /** Hashes of the artifacts the outputs reference, so eviction knows what is still in use. */
  artifacts: string[];
  durationMs: number;
  /** What producing this result cost in US dollars (0 for local work). */
  cost: number;
  createdAt: number;
  lastUsed: number;
  pinned?: boolean;
  /** A node that split into takes: each take, where it sits and what it made. */
  takes?: TakeRecord[];
}

/** Cache key → result. Lookups are batched: a plan checks every node of a graph at once. */
export interface ResultStore {
  getMany(keys: readonly string[]): Promise<(CachedResult | undefined)[]>;
  put(result: CachedResult): Promise<void>;
}
