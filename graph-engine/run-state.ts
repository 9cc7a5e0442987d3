import type { RunEvent } from './run-events';
import { countTakes, type TakeCounts } from './take-record';
import type { GraphIssue } from './validate';

/** One node's run status: exactly one of these at a time, with how far its takes came where it has several. */
export type NodeRunState = NodeStatus & { takes?: TakeCounts };

type NodeStatus =
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
  return reduceRunEvents(state, [event]);
}

/**
 * Several events at once, in order: the state is copied once for the whole batch, so a run's
 * cost stays linear in its events however many nodes the graph holds. Returns the same object
 * when nothing changes.
 */
export function reduceRunEvents(state: RunState, events: readonly RunEvent[]): RunState {
  let next: Record<string, NodeRunState> | undefined;
  for (const event of events) {
    const changed = nodeStateAfter(next ?? state, event);
    if (!changed) continue;
    next ??= { ...state };
    const [id, status] = changed;
    // The take counts outlive the status changes of one run.
    const takes = status.takes ?? next[id]?.takes;
    next[id] = takes ? { ...status, takes } : status;
  }
  return next ?? state;
}

function nodeStateAfter(state: RunState, event: RunEvent): [string, NodeRunState] | undefined {
  switch (event.type) {
    case 'nodeTakes':
      return [event.nodeId, { ...(state[event.nodeId] ?? { status: 'queued' }), takes: countTakes(event.takes) }];
    case 'takeDone':
    case 'takeFailed': {
      const current = state[event.nodeId];
      if (!current?.takes) return undefined;
      const { takes } = current;
      return [
        event.nodeId,
        {
          ...current,
          takes:
            event.type === 'takeDone' ? { ...takes, made: takes.made + 1 } : { ...takes, failed: takes.failed + 1 },
        },
      ];
    }
    case 'runPlanned':
    case 'resultNotStored':
    case 'takeProgressed':
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

/**
 * One status for several nodes (a component's inside), as its instance shows it: the first that
 * needs the person (failed, needs attention, waiting, blocked) says so; while any run, it runs,
 * as far along as its nodes together; made when all are made (cost and time summed); the takes
 * of all of them counted together.
 */
export function combinedRunState(states: readonly (NodeRunState | undefined)[]): NodeRunState {
  const known = states.map((state) => state ?? { status: 'idle' as const });
  const takes = known.flatMap((state) => (state.takes ? [state.takes] : []));
  const counts =
    takes.length > 0
      ? {
          takes: takes.reduce((sum, each) => ({
            total: sum.total + each.total,
            made: sum.made + each.made,
            failed: sum.failed + each.failed,
          })),
        }
      : {};
  const first = <S extends NodeRunState['status']>(status: S) =>
    known.find((state): state is Extract<NodeRunState, { status: S }> => state.status === status);
  const invalid = known.flatMap((state) => (state.status === 'invalid' ? state.issues : []));
  const settled = (state: NodeRunState) => state.status === 'done' || state.status === 'cached';
  const progressOf = (state: NodeRunState) => (settled(state) ? 1 : state.status === 'running' ? state.progress : 0);
  const outcome: NodeStatus =
    first('failed') ??
    (invalid.length > 0
      ? { status: 'invalid', issues: invalid }
      : known.some((state) => state.status === 'running' || state.status === 'queued') &&
          known.some((state) => state.status !== 'queued' && state.status !== 'idle')
        ? { status: 'running', progress: known.reduce((sum, state) => sum + progressOf(state), 0) / known.length }
        : (first('waiting') ??
          first('blocked') ??
          first('queued') ??
          first('cancelled') ??
          (known.length > 0 && known.every(settled)
            ? known.every((state) => state.status === 'cached')
              ? { status: 'cached', key: '' }
              : {
                  status: 'done',
                  key: '',
                  durationMs: known.reduce((sum, state) => sum + (state.status === 'done' ? state.durationMs : 0), 0),
                  cost: known.reduce((sum, state) => sum + (state.status === 'done' ? state.cost : 0), 0),
                }
            : { status: 'idle' })));
  return { ...outcome, ...counts };
}
