import { collectArtifactHashes } from './artifacts';
import { computeCacheKeys } from './cache-key';
import type { GraphDocument } from './document/schema';
import { NodeError, portsOf, WaitingForInput, type ExecContext, type NodePorts, type NodeRegistry } from './node-def';
import { planRun, upstreamOf } from './plan';
import { gatherInputs } from './gather-inputs';
import type { RunEvent } from './run-events';
import { schedule, type NodeOutcome } from './scheduler';
import type { ArtifactStore, CachedResult, ResultStore } from './stores';
import { Limiter } from './limiter';
import { collectTakeOutputs, expandTakes, runsAlone, type Take } from './takes';
import type { TakeRecord } from './take-record';
import { flatTargets } from './flatten';
import { mapsOverTakes, validateGraph, type GraphIssue, type NodeMapping, type Validation } from './validate';
import { MemoryArtifactStore } from './memory-stores';
import type { EdgeDoc } from './document/schema';

export interface RunOptions<Providers> {
  /** The graph; its id and name, where given, go to executors (what a node spends is charged to its graph). */
  doc: Pick<GraphDocument, 'nodes' | 'edges'> & Partial<Pick<GraphDocument, 'id' | 'name'>>;
  registry: NodeRegistry<Providers>;
  /** Nodes to bring up to date with what they need; the whole graph when omitted. */
  targets?: readonly string[];
  results: ResultStore;
  artifacts: ArtifactStore;
  providers: Providers;
  signal?: AbortSignal;
  /** Most jobs in flight at once, overall. */
  maxConcurrent?: number;
  /** Most jobs (takes) in flight per resource (a node kind's `resource(params)`, e.g. `provider:kling`). */
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
  /** Takes run (each its own execution) and takes found made in the cache, within executed nodes. */
  executedTakes: number;
  reusedTakes: number;
  /** Every take of each node that split into takes, as it ended. */
  takes: Map<string, TakeRecord[]>;
  /** What the made takes of a node with failed ones produced: shown, not passed on. */
  partial: Map<string, Record<string, unknown>>;
}

/** What a run of these targets will do, worked out before anything executes. */
export interface PreparedRun {
  validation: ReturnType<typeof validateGraph>;
  keys: ReadonlyMap<string, string>;
  /** The targets and everything upstream of them. */
  wanted: ReadonlySet<string>;
  cached: ReadonlyMap<string, CachedResult>;
  plan: ReturnType<typeof planRun>;
  /** The takes of each node to run whose inputs are known already, cached ones marked so. */
  takes: ReadonlyMap<string, TakeRecord[]>;
  /** The params of each take such a node will run (its cached and dropped takes left out). */
  pendingTakes: ReadonlyMap<string, unknown[]>;
  /** What the cached takes of such a node made, for showing before it runs. */
  partial: ReadonlyMap<string, Record<string, unknown>>;
  /** Outputs of the pure nodes to run, worked out already (a Pick's kept candidates). */
  previewed: ReadonlyMap<string, Record<string, unknown>>;
}

/** Validates, keys every node, looks the keys up in the cache, and plans the work: shared by runs and cost estimates. */
export async function prepareRun<Providers>(
  options: Pick<RunOptions<Providers>, 'doc' | 'registry' | 'targets' | 'results'>,
): Promise<PreparedRun> {
  const { registry, results } = options;
  const validation = validateGraph(options.doc, registry);
  const { index, runnable } = validation;
  const keys = computeCacheKeys(validation, registry);
  const targets = options.targets ? flatTargets(validation.flat, options.targets) : [...index.nodes.keys()];
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
  return { validation, keys, wanted, cached, plan, ...(await previewTakes(options, validation, keys, cached, plan)) };
}

/**
 * Works out, ahead of a run, what it can without running anything that costs or takes time:
 * pure nodes (Pick, Prompt) are worked out, and each node to run whose inputs are then known is
 * split into its takes and those looked up in the cache, so the estimate counts only the takes
 * that will actually run and the canvas can show the ones already made.
 */
async function previewTakes<Providers>(
  options: Pick<RunOptions<Providers>, 'doc' | 'registry' | 'results'>,
  validation: Validation,
  keys: ReadonlyMap<string, string>,
  cached: ReadonlyMap<string, CachedResult>,
  plan: ReturnType<typeof planRun>,
): Promise<Pick<PreparedRun, 'takes' | 'pendingTakes' | 'partial' | 'previewed'>> {
  const { registry, results } = options;
  const { index } = validation;
  const known = new Map<string, Record<string, unknown>>();
  for (const [id, result] of cached) known.set(id, result.outputs);
  const takes = new Map<string, TakeRecord[]>();
  const pendingTakes = new Map<string, unknown[]>();
  const partial = new Map<string, Record<string, unknown>>();
  const previewed = new Map<string, Record<string, unknown>>();
  const noMedia = new MemoryArtifactStore();
  for (const id of plan.work) {
    const node = index.nodes.get(id)!;
    const def = registry.get(node.kind)!;
    const mapping = validation.mapping.get(id);
    if (!def.pure && runsAlone(def, validation.params.get(id), mapping, node.takes)) continue;
    const incoming = index.incoming.get(id)!;
    if (!incoming.every((edge) => known.has(edge.from.node))) continue;
    const inputs = gatherFor(
      portsOf(def, validation.params.get(id)),
      incoming,
      validation,
      (edge) => known.get(edge.from.node)![edge.from.port],
    );
    let expanded: Take[];
    try {
      expanded = expandTakes({
        def,
        params: validation.params.get(id),
        inputs,
        incoming,
        mapping,
        settings: node.takes,
        nodeKey: keys.get(id)!,
        valueOf: (edge) => known.get(edge.from.node)![edge.from.port],
      });
    } catch {
      continue;
    }
    const live = expanded.filter((take) => !take.dropped);
    if (def.pure) {
      // Pure kinds map like any other; their takes cost nothing, so they are simply worked out.
      try {
        const made = await Promise.all(
          live.map((take) =>
            def.run({
              nodeId: id,
              graph: graphOf(options.doc),
              params: take.params,
              inputs: take.inputs,
              take: { index: take.index, reroll: take.reroll },
              signal: new AbortController().signal,
              progress: () => {},
              recordCost: () => {},
              artifacts: noMedia,
              providers: undefined as Providers,
            }),
          ),
        );
        const outputs = mapsOverTakes(mapping)
          ? collectTakeOutputs(Object.keys(portsOf(def, validation.params.get(id)).outputs), made)
          : made[0];
        known.set(id, outputs);
        previewed.set(id, outputs);
      } catch {
        // Waiting for a person, or not yet able to: what lies below is not known before the run.
      }
      continue;
    }
    const found = await results.getMany(live.map((take) => take.key));
    const made = live.flatMap((_, at) => (found[at] ? [found[at].outputs] : []));
    takes.set(
      id,
      expanded.map((take) => {
        const result = take.dropped ? undefined : found[live.indexOf(take)];
        return {
          ...recordOf(take, take.dropped ? 'dropped' : result ? 'cached' : 'pending'),
          ...(result ? { outputs: result.outputs, cost: result.cost } : {}),
        };
      }),
    );
    pendingTakes.set(
      id,
      live.filter((_, at) => !found[at]).map((take) => take.params),
    );
    const outputs = mapsOverTakes(mapping)
      ? collectTakeOutputs(Object.keys(portsOf(def, validation.params.get(id)).outputs), made)
      : made[0];
    if (made.length === live.length && outputs) known.set(id, outputs);
    else if (made.length > 0 && outputs) partial.set(id, outputs);
  }
  return { takes, pendingTakes, partial, previewed };
}

/** The graph as executors are told of it, where it has an id. */
function graphOf(doc: RunOptions<unknown>['doc']): ExecContext<unknown>['graph'] {
  return doc.id === undefined ? undefined : { id: doc.id, name: doc.name ?? doc.id };
}

/** The engine's one input-gathering rule, for a node of this graph. */
function gatherFor(
  ports: NodePorts,
  incoming: readonly EdgeDoc[],
  validation: Validation,
  valueOf: (edge: EdgeDoc) => unknown,
): Record<string, unknown> {
  return gatherInputs(ports.inputs, incoming, valueOf, (edge) =>
    validation.outputTypes.get(`${edge.from.node}:${edge.from.port}`),
  );
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

  /**
   * What this run is making, by key: a take (or a node's one execution) whose key another node of
   * the run is making already waits for that one and takes what it made, or its failure. Two nodes
   * that agree (two uses of one component fed alike) are made, and paid for, once.
   */
  const making = new Map<string, Promise<{ produced?: Record<string, unknown>; error?: unknown }>>();

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
    executedTakes: 0,
    reusedTakes: 0,
    takes: new Map(),
    partial: new Map(),
  };
  // A run with no signal of its own can never be cancelled: a signal that never aborts.
  const signal = options.signal ?? new AbortController().signal;
  // Every take, of every node, waits for a slot in its pool: one provider job holds one slot.
  const limiter = new Limiter(options.maxConcurrent ?? 8, options.limits ?? {});
  await schedule({
    work: plan.work,
    consumers: (id) => index.outgoing.get(id)!.map((edge) => edge.to.node),
    producers: (id) => index.incoming.get(id)!.map((edge) => edge.from.node),
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

  /**
   * Runs one node: splits it into its takes, runs each take not in the cache in its own
   * concurrency slot, stores every complete take under its own key and, once all are made, the
   * node's outputs under the node's key. A failed take leaves the others made and cached.
   */
  async function executeNode(id: string, signal: AbortSignal): Promise<NodeOutcome> {
    const node = index.nodes.get(id)!;
    const def = registry.get(node.kind)!;
    const key = keys.get(id)!;
    const mapping = validation.mapping.get(id);
    const maps = mapsOverTakes(mapping);
    const began = performance.now();
    let takes: Take[];
    try {
      takes = expandTakes({
        def,
        params: validation.params.get(id),
        inputs: inputsFor(id, outputs),
        incoming: index.incoming.get(id)!,
        mapping,
        settings: node.takes,
        nodeKey: key,
        valueOf: (edge) => outputs.get(edge.from.node)![edge.from.port],
      });
    } catch (error) {
      return fail(id, error);
    }
    const live = takes.filter((take) => !take.dropped);
    const found =
      live.length === 1 && live[0].key === key ? [undefined] : await results.getMany(live.map((take) => take.key));
    const records = new Map<Take, TakeRecord>();
    const made = new Map<Take, Record<string, unknown>>();
    for (const take of takes) records.set(take, recordOf(take, take.dropped ? 'dropped' : 'pending'));
    live.forEach((take, at) => {
      const cachedTake = found[at];
      if (!cachedTake) return;
      made.set(take, cachedTake.outputs);
      records.set(take, { ...recordOf(take, 'cached'), outputs: cachedTake.outputs, cost: cachedTake.cost });
    });
    summary.reusedTakes += made.size;
    if (mapping) onEvent({ type: 'nodeTakes', nodeId: id, takes: [...records.values()] });

    let cost = 0;
    let started = false;
    const fractions = new Map<Take, number>(live.map((take) => [take, made.has(take) ? 1 : 0]));
    const reportProgress = () => {
      let sum = 0;
      for (const fraction of fractions.values()) sum += fraction;
      onEvent({
        type: 'nodeProgressed',
        nodeId: id,
        fraction: Math.min(1, Math.max(0, sum / Math.max(1, fractions.size))),
      });
    };
    const failures: { take: Take; error: unknown }[] = [];
    let waiting: WaitingForInput | undefined;

    const runTake = async (take: Take) => {
      let release: (() => void) | undefined;
      const elsewhere = making.get(take.key);
      let outcome: { produced?: Record<string, unknown>; error?: unknown } = {};
      let settle: ((value: typeof outcome) => void) | undefined;
      if (!elsewhere) making.set(take.key, new Promise((resolve) => (settle = resolve)));
      try {
        if (elsewhere) {
          // Made by another node of this run: its result (nothing more is sent or paid), or its failure.
          const { produced, error } = await elsewhere;
          if (!produced) throw error ?? new Error('the same work failed in another node of this run');
          made.set(take, produced);
          fractions.set(take, 1);
          const record: TakeRecord = { ...recordOf(take, 'done'), outputs: produced, cost: 0 };
          records.set(take, record);
          if (mapping) onEvent({ type: 'takeDone', nodeId: id, take: record });
          return;
        }
        release = await limiter.acquire(def.resource?.(take.params) ?? 'local', signal);
        if (!started) {
          started = true;
          onEvent({ type: 'nodeStarted', nodeId: id });
        }
        const running = (progress: number) =>
          mapping && onEvent({ type: 'takeProgressed', nodeId: id, take: { ...recordOf(take, 'running'), progress } });
        running(0);
        let takeCost = 0;
        const takeBegan = performance.now();
        const produced = await def.run(
          contextOf(take, {
            progress: (fraction) => {
              fractions.set(take, Math.min(1, Math.max(0, fraction)));
              running(fractions.get(take)!);
              reportProgress();
            },
            recordCost: (usd) => {
              takeCost += usd;
              cost += usd;
            },
          }),
        );
        const missing = Object.keys(portsOf(def, validation.params.get(id)).outputs).filter(
          (port) => produced[port] === undefined,
        );
        if (missing.length > 0) throw new Error(`${def.title} did not produce its output "${missing.join('", "')}"`);
        const durationMs = performance.now() - takeBegan;
        outcome = { produced };
        made.set(take, produced);
        summary.executedTakes++;
        if (take.key !== key) await store(take.key, def.kind, produced, durationMs, takeCost, id);
        const record: TakeRecord = { ...recordOf(take, 'done'), outputs: produced, cost: takeCost, durationMs };
        records.set(take, record);
        if (mapping) onEvent({ type: 'takeDone', nodeId: id, take: record });
      } catch (error) {
        if (!elsewhere) outcome = { error };
        if (error instanceof WaitingForInput) waiting = error;
        else if (!signal.aborted) {
          failures.push({ take, error });
          const record = { ...recordOf(take, 'failed'), message: errorMessage(error) };
          records.set(take, record);
          if (mapping) onEvent({ type: 'takeFailed', nodeId: id, take: record });
        }
      } finally {
        release?.();
        settle?.(outcome);
      }
    };
    const contextOf = (take: Take, report: Pick<ExecContext<unknown, Providers>, 'progress' | 'recordCost'>) => ({
      nodeId: id,
      graph: graphOf(options.doc),
      params: take.params,
      inputs: take.inputs,
      take: { index: take.index, reroll: take.reroll },
      signal,
      artifacts: options.artifacts,
      providers: options.providers,
      ...report,
    });
    // Takes with one key are one take (the same model chosen twice, the same still kept twice): made once.
    const firstOfKey = new Map<string, Take>();
    for (const take of live) if (!made.has(take) && !firstOfKey.has(take.key)) firstOfKey.set(take.key, take);
    const toRun = [...firstOfKey.values()];
    // Every take is checked before any runs: one that cannot be sent stops the node before anything is paid for.
    if (def.check && toRun.length > 0) {
      const refused: { take: Take; error: unknown }[] = [];
      await Promise.all(
        toRun.map((take) =>
          def.check!(contextOf(take, { progress: () => {}, recordCost: () => {} })).catch((error: unknown) => {
            refused.push({ take, error });
          }),
        ),
      );
      if (signal.aborted) {
        onEvent({ type: 'nodeCancelled', nodeId: id });
        return 'cancelled';
      }
      if (refused.length > 0) {
        refused.sort((a, b) => a.take.index - b.take.index);
        for (const { take, error } of refused) {
          const record = { ...recordOf(take, 'failed'), message: errorMessage(error) };
          records.set(take, record);
          if (mapping) onEvent({ type: 'takeFailed', nodeId: id, take: record });
        }
        if (mapping) summary.takes.set(id, [...records.values()]);
        if (!maps) return fail(id, refused[0].error);
        const why = refused.map(
          ({ take, error }) =>
            `${takeLabel(portsOf(def, validation.params.get(id)), take, mapping)}: ${errorMessage(error)}`,
        );
        return fail(
          id,
          new NodeError(
            `Nothing was sent: ${refused.length} of ${live.length} takes cannot be sent as they are (${why.join('; ')}). Fix ${refused.length === 1 ? 'it' : 'them'}, or drop ${refused.length === 1 ? 'it' : 'them'} from the take board.`,
            refused[0].error instanceof NodeError ? refused[0].error.port : undefined,
          ),
        );
      }
    }
    await Promise.all(toRun.map(runTake));
    for (const take of live) {
      const first = firstOfKey.get(take.key);
      if (!first || first === take) continue;
      const produced = made.get(first);
      if (produced) made.set(take, produced);
      const record = records.get(first)!;
      records.set(take, {
        ...recordOf(take, record.status),
        outputs: record.outputs,
        message: record.message,
        cost: 0,
      });
    }
    summary.cost += cost;

    if (waiting) {
      summary.waiting.push(id);
      onEvent({ type: 'nodeWaiting', nodeId: id, message: waiting.message });
      return 'waiting';
    }
    if (signal.aborted) {
      onEvent({ type: 'nodeCancelled', nodeId: id });
      return 'cancelled';
    }
    const takeRecords = [...records.values()];
    if (mapping) summary.takes.set(id, takeRecords);
    const madeInOrder = live.filter((take) => made.has(take)).map((take) => made.get(take)!);
    const produced = maps
      ? collectTakeOutputs(Object.keys(portsOf(def, validation.params.get(id)).outputs), madeInOrder)
      : madeInOrder[0];
    if (failures.length > 0) {
      if (maps) summary.partial.set(id, produced);
      if (!maps) return fail(id, failures[0].error);
      failures.sort((a, b) => a.take.index - b.take.index);
      const why = failures.map(
        ({ take, error }) =>
          `${takeLabel(portsOf(def, validation.params.get(id)), take, mapping)}: ${errorMessage(error)}`,
      );
      return fail(
        id,
        new NodeError(
          `${made.size} of ${live.length} takes made, ${live.length - made.size} failed (${why.join('; ')}). The takes that were made are kept: running again retries only the failed ${live.length - made.size === 1 ? 'one' : 'ones'}.`,
          failures.length === 1 && failures[0].error instanceof NodeError ? failures[0].error.port : undefined,
        ),
      );
    }
    const durationMs = performance.now() - began;
    outputs.set(id, produced);
    summary.executed.push(id);
    await store(key, def.kind, produced, durationMs, cost, id, mapping ? takeRecords : undefined);
    onEvent({ type: 'nodeDone', nodeId: id, key, durationMs, cost });
    return 'done';
  }

  function fail(id: string, error: unknown): NodeOutcome {
    summary.failed.push(id);
    const port = error instanceof NodeError ? error.port : undefined;
    onEvent({ type: 'nodeFailed', nodeId: id, message: errorMessage(error), port });
    return 'failed';
  }

  /** Writes a complete result; a cache that cannot take it is reported, never a failed node. */
  async function store(
    key: string,
    kind: string,
    produced: Record<string, unknown>,
    durationMs: number,
    cost: number,
    nodeId: string,
    takes?: TakeRecord[],
  ): Promise<void> {
    const now = Date.now();
    try {
      await results.put({
        key,
        kind,
        outputs: produced,
        artifacts: [...collectArtifactHashes(produced)],
        durationMs,
        cost,
        createdAt: now,
        lastUsed: now,
        ...(takes ? { takes } : {}),
      });
    } catch (error) {
      onEvent({ type: 'resultNotStored', nodeId, message: errorMessage(error) });
    }
  }

  function inputsFor(id: string, values: ReadonlyMap<string, Record<string, unknown>>): Record<string, unknown> {
    const def = registry.get(index.nodes.get(id)!.kind)!;
    return gatherFor(
      portsOf(def, validation.params.get(id)),
      index.incoming.get(id)!,
      validation,
      (edge) => values.get(edge.from.node)![edge.from.port],
    );
  }
}

function recordOf(take: Take, status: TakeRecord['status']): TakeRecord {
  return { id: take.id, key: take.key, index: take.index, at: take.at, fan: take.fan, reroll: take.reroll, status };
}

/** "take 3 (item 2 of still, local-camera-move)": which take, for a message. */
export function takeLabel(
  ports: NodePorts,
  take: Pick<Take, 'index' | 'at' | 'fan'>,
  mapping: NodeMapping | undefined,
): string {
  // "still (frame one)" reads as "still 2": the port's label without its aside.
  const name = (port: string) => (ports.inputs[port]?.label ?? port).replace(/\s*\(.*\)$/, '');
  const parts = Object.entries(take.at).map(([port, at]) => `${name(port)} ${at + 1}`);
  if (mapping?.fan) parts.push(String(take.fan));
  return `take ${take.index + 1}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
