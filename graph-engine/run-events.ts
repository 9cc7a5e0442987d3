import type { TakeRecord } from './take-record';
import type { GraphIssue } from './validate';

/** What the scheduler tells observers, one event per node transition (past tense: it happened). */
export type RunEvent =
  | { type: 'runPlanned'; work: string[]; reuse: string[] }
  | { type: 'nodeInvalid'; nodeId: string; issues: GraphIssue[] }
  | { type: 'nodeQueued'; nodeId: string }
  | { type: 'nodeStarted'; nodeId: string }
  | { type: 'nodeProgressed'; nodeId: string; fraction: number }
  | { type: 'nodeCached'; nodeId: string; key: string }
  | { type: 'nodeDone'; nodeId: string; key: string; durationMs: number; cost: number }
  | { type: 'nodeFailed'; nodeId: string; message: string; port?: string }
  | { type: 'nodeBlocked'; nodeId: string; by: string; reason: 'failed' | 'waiting' | 'invalid' }
  | { type: 'nodeWaiting'; nodeId: string; message: string }
  | { type: 'nodeCancelled'; nodeId: string }
  /** The takes a node splits into, before any of them runs (cached ones already made). */
  | { type: 'nodeTakes'; nodeId: string; takes: TakeRecord[] }
  /** A take started or moved on (`take.progress`); sent only for nodes that split into takes. */
  | { type: 'takeProgressed'; nodeId: string; take: TakeRecord }
  | { type: 'takeDone'; nodeId: string; take: TakeRecord }
  | { type: 'takeFailed'; nodeId: string; take: TakeRecord }
  | { type: 'resultNotStored'; nodeId: string; message: string };
