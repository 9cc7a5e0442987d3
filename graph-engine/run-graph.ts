import { collectArtifactHashes } from './artifacts';
import { computeCacheKeys } from './cache-key';
import type { GraphDocument } from './document/schema';
import { NodeError, WaitingForInput, type NodeRegistry } from './node-def';
import { planRun, upstreamOf } from './plan';
import { gatherInputs } from './gather-inputs';
import type { RunEvent } from './run-events';
import { schedule, type NodeOutcome } from './scheduler';
import type { ArtifactStore, CachedResult, ResultStore } from './stores';
import { validateGraph, type GraphIssue } from './validate';

export interface RunOptions<Providers> {
  doc: Pick<GraphDocument, 'nodes' | 'edges'>;
  registry: NodeRegistry<Providers>;
  /** Nodes to bring up to date with what they need; the whole graph when omitted. */
  targets?: readonly string[];
  results: ResultStore;
  artifacts: ArtifactStore;
  providers: Providers;
  signal?: AbortSignal;
  /** Most jobs in flight at once, overall. */
  maxConcurrent?: number;
  /** Most jobs in flight per resource (a node kind's `resource(params)`, e.g. `provider:kling`). */
  limits?: Readonly<Record<string, number>>;
  onEvent?: (event: RunEvent) => void;
}

export interface RunSummary {
  status: 'done' | 'failed' | 'waiting' | 'cancelled';
  executed: string[];
  reused: string[];
  failed: string[];
  waiting: string[];
  issues: GraphIssue[];
  cost: number;
  durationMs: number;
  keys: ReadonlyMap<string, string>;
  /** Outputs of every node the run executed or reused, by node id. */
  outputs: ReadonlyMap<string, Record<string, unknown>>;
}

/** What a run of these targets will do, worked out before anything executes. */
export interface PreparedRun {
  validation: ReturnType<typeof validateGraph>;
  keys: ReadonlyMap<string, string>;
  /** The targets and everything upstream of them. */
  wanted: ReadonlySet<string>;
  cached: ReadonlyMap<string, CachedResult>;
  plan: ReturnType<typeof planRun>;
}

/** Validates, keys every node, looks the keys up in the cache, and plans the work: shared by runs and cost estimates. */
export async function prepareRun<Providers>(
  options: Pick<RunOptions<Providers>, 'doc' | 'registry' | 'targets' | 'results'>,
): Promise<PreparedRun> {
  const { registry, results } = options;
  const validation = validateGraph(options.doc, registry);
  const { index, runnable } = validation;
  const keys = computeCacheKeys(validation, registry);
  const targets = options.targets ?? [...index.nodes.keys()];
  const wanted = options.targets ? upstreamOf(index, targets) : new Set(index.nodes.keys());
  const candidates = [...wanted].filter((id) => runnable.has(id));
  const found = await results.getMany(candidates.map((id) => keys.get(id)!));
  const cached = new Map<string, CachedResult>();
  candidates.forEach((id, at) => found[at] && cached.set(id, found[at]));
  // Running "everything" means bringing the ends of every runnable chain up to date: a cached
  // node whose consumers are all cached needs nothing loaded.
  const ends = options.targets
    ? targets.filter((id) => runnable.has(id))
    : [...runnable].filter((id) => !index.outgoing.get(id)!.some((edge) => runnable.has(edge.to.node)));
  const plan = planRun(index, validation.order, ends, (id) => cached.has(id));
  return { validation, keys, wanted, cached, plan };
}

/**
 * Brings the targets up to date: validates, keys every node, skips what the cache holds, then
 * runs ready nodes concurrently within the limits. A failure or a node waiting for a person
 * stops only what depends on it; cancelling reaches every running executor through its signal,
 * and only complete results are ever written, so the cache stays consistent.
 */
export async function runGraph<Providers>(options: RunOptions<Providers>): Promise<RunSummary> {
  const started = performance.now();
  const { registry, results, onEvent = () => {} } = options;
  const { validation, keys, wanted, cached, plan } = await prepareRun(options);
  const { index, runnable } = validation;

  const issuesByNode = new Map<string, GraphIssue[]>();
  for (const issue of validation.issues) {
    if (wanted.has(issue.nodeId))
      (issuesByNode.get(issue.nodeId) ?? issuesByNode.set(issue.nodeId, []).get(issue.nodeId)!).push(issue);
  }
  for (const [nodeId, issues] of issuesByNode) onEvent({ type: 'nodeInvalid', nodeId, issues });
  for (const id of validation.order) {
    if (!wanted.has(id) || runnable.has(id) || issuesByNode.has(id)) continue;
    const by = index.incoming.get(id)!.find((edge) => !runnable.has(edge.from.node))!.from.node;
    onEvent({ type: 'nodeBlocked', nodeId: id, by, reason: 'invalid' });
  }

  onEvent({ type: 'runPlanned', work: plan.work, reuse: plan.reuse });

  const outputs = new Map<string, Record<string, unknown>>();
  for (const id of plan.reuse) outputs.set(id, cached.get(id)!.outputs);
  for (const id of validation.order) {
    const result = cached.get(id);
    if (result) onEvent({ type: 'nodeCached', nodeId: id, key: result.key });
  }

  const summary: RunSummary = {
    status: 'done',
    executed: [],
    reused: plan.reuse,
    failed: [],
    waiting: [],
    issues: validation.issues,
    cost: 0,
    durationMs: 0,
    keys,
    outputs,
  };
  // A run with no signal of its own can never be cancelled: a signal that never aborts.
  const signal = options.signal ?? new AbortController().signal;
  await schedule({
    work: plan.work,
    consumers: (id) => index.outgoing.get(id)!.map((edge) => edge.to.node),
    producers: (id) => index.incoming.get(id)!.map((edge) => edge.from.node),
    resourceOf: (id) => registry.get(index.nodes.get(id)!.kind)!.resource?.(validation.params.get(id)) ?? 'local',
    maxConcurrent: options.maxConcurrent ?? 8,
    limits: options.limits ?? {},
    signal,
    execute: (id) => executeNode(id, signal),
    onQueued: (nodeId) => onEvent({ type: 'nodeQueued', nodeId }),
    onBlocked: (nodeId, by, reason) => onEvent({ type: 'nodeBlocked', nodeId, by, reason }),
    onCancelled: (nodeId) => onEvent({ type: 'nodeCancelled', nodeId }),
  });
  summary.status = signal.aborted
    ? 'cancelled'
    : summary.failed.length > 0 || issuesByNode.size > 0
      ? 'failed'
      : summary.waiting.length > 0
        ? 'waiting'
        : 'done';
  summary.durationMs = performance.now() - started;
  return summary;

  /** Runs one node's executor, stores its complete result, and says how it ended. */
  async function executeNode(id: string, signal: AbortSignal): Promise<NodeOutcome> {
    const def = registry.get(index.nodes.get(id)!.kind)!;
    const key = keys.get(id)!;
    let cost = 0;
    const began = performance.now();
    onEvent({ type: 'nodeStarted', nodeId: id });
    try {
      const produced = await def.run({
        nodeId: id,
        params: validation.params.get(id),
        inputs: inputsFor(id, outputs),
        signal,
        progress: (fraction) =>
          onEvent({ type: 'nodeProgressed', nodeId: id, fraction: Math.min(1, Math.max(0, fraction)) }),
        recordCost: (usd) => (cost += usd),
        artifacts: options.artifacts,
        providers: options.providers,
      });
      const missing = Object.keys(def.outputs).filter((port) => produced[port] === undefined);
      if (missing.length > 0) throw new Error(`${def.title} did not produce its output "${missing.join('", "')}"`);
      const durationMs = performance.now() - began;
      outputs.set(id, produced);
      summary.executed.push(id);
      summary.cost += cost;
      const now = Date.now();
      try {
        const artifacts = [...collectArtifactHashes(produced)];
        await results.put({
          key,
          kind: def.kind,
          outputs: produced,
          artifacts,
          durationMs,
          cost,
          createdAt: now,
          lastUsed: now,
        });
      } catch (error) {
        onEvent({ type: 'resultNotStored', nodeId: id, message: errorMessage(error) });
      }
      onEvent({ type: 'nodeDone', nodeId: id, key, durationMs, cost });
      return 'done';
    } catch (error) {
      summary.cost += cost;
      if (error instanceof WaitingForInput) {
        summary.waiting.push(id);
        onEvent({ type: 'nodeWaiting', nodeId: id, message: error.message });
        return 'waiting';
      }
      if (signal.aborted) {
        onEvent({ type: 'nodeCancelled', nodeId: id });
        return 'cancelled';
      }
      summary.failed.push(id);
      const port = error instanceof NodeError ? error.port : undefined;
      onEvent({ type: 'nodeFailed', nodeId: id, message: errorMessage(error), port });
      return 'failed';
    }
  }

  function inputsFor(id: string, values: ReadonlyMap<string, Record<string, unknown>>): Record<string, unknown> {
    const def = registry.get(index.nodes.get(id)!.kind)!;
    return gatherInputs(
      def.inputs,
      index.incoming.get(id)!,
      (edge) => values.get(edge.from.node)![edge.from.port],
      (edge) => validation.outputTypes.get(`${edge.from.node}:${edge.from.port}`),
    );
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
