import type { RunEvent } from './run-events';
import type { Take } from './takes';

/**
 * What the app keeps of one take: where it sits, how it ended, and what it made. Stored with a
 * mapped node's cached result and reported by runs, so a take board can show, re-roll and drop it.
 */
export interface TakeRecord extends Pick<Take, 'id' | 'key' | 'index' | 'at' | 'fan' | 'reroll'> {
  status: 'cached' | 'pending' | 'running' | 'done' | 'failed' | 'dropped' | 'cancelled';
  /** How far a running take has come, 0 to 1. */
  progress?: number;
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

/** The takes of every node, brought up to date by one run event (the same object when it changes nothing). */
export function reduceTakes(
  takes: Readonly<Record<string, readonly TakeRecord[]>>,
  event: RunEvent,
): Readonly<Record<string, readonly TakeRecord[]>> {
  return reduceTakeEvents(takes, [event]);
}

type TakesByNode = Readonly<Record<string, readonly TakeRecord[]>>;

/** Several events at once, in order: the record is copied once for the batch (the same object when nothing changes). */
export function reduceTakeEvents(takes: TakesByNode, events: readonly RunEvent[]): TakesByNode {
  let next: Record<string, readonly TakeRecord[]> | undefined;
  for (const event of events) {
    if (event.type === 'runPlanned') continue;
    const records = takesAfter((next ?? takes)[event.nodeId], event);
    if (!records) continue;
    next ??= { ...takes };
    next[event.nodeId] = records;
  }
  return next ?? takes;
}

/** One node's takes after an event, or undefined when the event leaves them as they are. */
function takesAfter(records: readonly TakeRecord[] | undefined, event: RunEvent): readonly TakeRecord[] | undefined {
  if (event.type === 'nodeTakes') return event.takes;
  if (event.type === 'nodeCancelled') {
    if (!records?.some((record) => record.status === 'running' || record.status === 'pending')) return undefined;
    const stopped = (record: TakeRecord): TakeRecord =>
      record.status === 'running' || record.status === 'pending' ? { ...record, status: 'cancelled' } : record;
    return records.map(stopped);
  }
  if (event.type !== 'takeProgressed' && event.type !== 'takeDone' && event.type !== 'takeFailed') return undefined;
  const at = records?.findIndex((record) => record.index === event.take.index) ?? -1;
  if (!records || at < 0) return undefined;
  return records.map((record, index) => (index === at ? event.take : record));
}
