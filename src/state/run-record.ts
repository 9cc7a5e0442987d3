import {
  flattenComponents,
  reduceRunEvents,
  type GraphDocument,
  type NodeRunState,
  type RunEvent,
  type RunSummary,
} from '../../graph-engine';
import type { NodeRunEntry, RunRecord } from '../storage/run-history';

/** The models a node's params ask: a Still's and an Animate's `models`, or a single `model`. */
export function modelsOf(params: Readonly<Record<string, unknown>>): string[] {
  const { models, model } = params;
  if (Array.isArray(models)) return models.filter((entry): entry is string => typeof entry === 'string');
  return typeof model === 'string' ? [model] : [];
}

/**
 * What the history keeps of a run, gathered from its events as they come. The clock is handed in:
 * a node that fails or is cancelled has no duration of its own in the events.
 */
export class RunLog {
  private readonly events: RunEvent[] = [];
  private readonly started = new Map<string, number>();
  private readonly elapsed = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  push(event: RunEvent): void {
    this.events.push(event);
    if (event.type === 'nodeStarted') this.started.set(event.nodeId, this.now());
    else if (event.type === 'nodeFailed' || event.type === 'nodeCancelled') {
      const from = this.started.get(event.nodeId);
      if (from !== undefined) this.elapsed.set(event.nodeId, this.now() - from);
    }
  }

  /** The run's record: one entry per node the run reached or planned, in the document's order. */
  record(doc: GraphDocument, summary: RunSummary, startedAt: number): Omit<RunRecord, 'id' | 'snapshot'> {
    // Reduced once, at the end: a copy per event would make a big graph's record quadratic.
    const state = reduceRunEvents({}, this.events);
    const nodes: NodeRunEntry[] = [];
    const models = new Set<string>();
    // As the graph ran: a node inside a component under its path id, with its settings in that use.
    for (const node of flattenComponents(doc).nodes) {
      const ended = state[node.id];
      if (!ended) continue;
      const asked = modelsOf(node.params);
      for (const model of asked) models.add(model);
      const takes = summary.takes.get(node.id);
      nodes.push({
        id: node.id,
        kind: node.kind,
        ...(node.title ? { title: node.title } : {}),
        ...entryOf(ended, this.elapsed.get(node.id)),
        ...(ended.status === 'failed' && takes
          ? { cost: takes.reduce((sum, take) => sum + (take.status === 'done' ? (take.cost ?? 0) : 0), 0) }
          : {}),
        ...(asked.length > 0 ? { models: asked } : {}),
        ...(ended.takes ? { takes: ended.takes } : {}),
      });
    }
    return {
      graphId: doc.id,
      graphName: doc.name,
      version: doc.metadata.updatedAt,
      startedAt,
      durationMs: summary.durationMs,
      status: summary.status,
      // Counted from the nodes, as the canvas shows them: every node found made counts, not only those read.
      executed: nodes.filter((entry) => entry.outcome === 'executed').length,
      reused: nodes.filter((entry) => entry.outcome === 'cached').length,
      cost: summary.cost,
      models: [...models],
      nodes,
    };
  }
}

type Ended = Pick<NodeRunEntry, 'outcome' | 'durationMs' | 'cost' | 'key' | 'message'>;

function entryOf(state: NodeRunState, elapsed: number | undefined): Ended {
  const took = elapsed === undefined ? {} : { durationMs: elapsed };
  switch (state.status) {
    case 'done':
      return { outcome: 'executed', durationMs: state.durationMs, cost: state.cost, key: state.key };
    case 'cached':
      return { outcome: 'cached', key: state.key };
    case 'failed':
      return { outcome: 'failed', message: state.message, ...took };
    case 'blocked':
      return {
        outcome: 'blocked',
        message: `${state.by} ${state.reason === 'failed' ? 'failed' : state.reason === 'waiting' ? 'is waiting' : 'is invalid'}`,
      };
    case 'waiting':
      return { outcome: 'waiting', message: state.message };
    case 'cancelled':
      return { outcome: 'cancelled', ...took };
    case 'invalid':
      return { outcome: 'invalid', message: state.issues.map((issue) => issue.message).join('; ') };
    default:
      return { outcome: 'not reached' };
  }
}
