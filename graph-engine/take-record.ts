/**
 * What the app keeps of one take: where it sits, how it ended, and what it made. Stored with a
 * mapped node's cached result and reported by runs, so a take board can show, re-roll and drop it.
 */
export interface TakeRecord {
  /** Stable across re-rolls: the id the node's take settings use. */
  id: string;
  key: string;
  index: number;
  /** The element it took from each mapped input. */
  at: Readonly<Record<string, number>>;
  /** Its value of the fanned-out param (Animate: the model). */
  fan?: unknown;
  reroll: number;
  status: 'cached' | 'pending' | 'done' | 'failed' | 'dropped' | 'cancelled';
  message?: string;
  cost?: number;
  durationMs?: number;
  outputs?: Record<string, unknown>;
}

/** How far a node's takes have come. */
export interface TakeCounts {
  total: number;
  made: number;
  failed: number;
}

export function countTakes(takes: readonly Pick<TakeRecord, 'status'>[]): TakeCounts {
  const live = takes.filter((take) => take.status !== 'dropped');
  return {
    total: live.length,
    made: live.filter((take) => take.status === 'cached' || take.status === 'done').length,
    failed: live.filter((take) => take.status === 'failed').length,
  };
}
