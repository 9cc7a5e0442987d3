import type { RunEvent } from './run-events';
import type { GraphIssue } from './validate';

/** One node's run status: exactly one of these at a time. */
export type NodeRunState =
  | { status: 'idle' }
  | { status: 'queued' }
  | { status: 'running'; progress: number }
  | { status: 'cached'; key: string }
  | { status: 'done'; key: string; durationMs: number; cost: number }
  | { status: 'failed'; message: string; port?: string }
  | { status: 'blocked'; by: string; reason: 'failed' | 'waiting' | 'invalid' }
  | { status: 'waiting'; message: string }
  | { status: 'cancelled' }
  | { status: 'invalid'; issues: GraphIssue[] };

export type RunState = Readonly<Record<string, NodeRunState>>;

/** The pure transition from one run state to the next; returns the same object when nothing changes. */
export function reduceRunState(state: RunState, event: RunEvent): RunState {
  const next = nodeStateAfter(state, event);
  if (!next) return state;
  return { ...state, [next[0]]: next[1] };
}

function nodeStateAfter(state: RunState, event: RunEvent): [string, NodeRunState] | undefined {
  switch (event.type) {
    case 'runPlanned':
    case 'resultNotStored':
      return undefined;
    case 'nodeInvalid':
      return [event.nodeId, { status: 'invalid', issues: event.issues }];
    case 'nodeQueued':
      return [event.nodeId, { status: 'queued' }];
    case 'nodeStarted':
      return [event.nodeId, { status: 'running', progress: 0 }];
    case 'nodeProgressed':
      return state[event.nodeId]?.status === 'running'
        ? [event.nodeId, { status: 'running', progress: event.fraction }]
        : undefined;
    case 'nodeCached':
      return [event.nodeId, { status: 'cached', key: event.key }];
    case 'nodeDone':
      return [event.nodeId, { status: 'done', key: event.key, durationMs: event.durationMs, cost: event.cost }];
    case 'nodeFailed':
      return [event.nodeId, { status: 'failed', message: event.message, port: event.port }];
    case 'nodeBlocked':
      return [event.nodeId, { status: 'blocked', by: event.by, reason: event.reason }];
    case 'nodeWaiting':
      return [event.nodeId, { status: 'waiting', message: event.message }];
    case 'nodeCancelled':
      return [event.nodeId, { status: 'cancelled' }];
  }
}
