import {
  countTakes,
  estimateCost,
  prepareRun,
  runGraph,
  type CostEstimate,
  type GraphDocument,
  type PreparedRun,
  type RunEvent,
  type RunState,
  type RunSummary,
  type TakeRecord,
} from '../../graph-engine';
import { formatUsd } from '../../nodes/models/format-usd';
import { flushSave } from './autosave';
import { budgetRefusal } from './budget-check';
import { useGraphStore } from './graph-store';
import { notify } from './notify';
import { runProgress } from './run-progress';
import { RunLog } from './run-record';
import { services } from './services';
import { useSettingsStore } from './settings-store';

/** Runs: what the cache holds for the open graph, the cost estimate, running and cancelling. */

let controller: AbortController | null = null;

/** A run that stopped at a Pick: what it ran and how its cost was approved, to continue it when the person picks. */
let paused: { graphId: string; targets?: string[]; approve: Approve } | null = null;

/** Accepts a run's cost, told which models will send nothing for want of a key. */
type Approve = (estimate: CostEstimate, missing: readonly MissingKey[]) => Promise<boolean>;

/** A model a node fans out over that cannot be called: which, and what key it needs. */
export interface MissingKey {
  nodeId: string;
  model: string;
  why: string;
}

/** The fanned-out models of the nodes a run will execute that have no key to call them with. */
async function missingKeys(prepared: PreparedRun): Promise<MissingKey[]> {
  const found: MissingKey[] = [];
  for (const nodeId of prepared.plan.work) {
    if (prepared.cached.has(nodeId)) continue;
    const fan = prepared.validation.mapping.get(nodeId)?.fan;
    // Where the takes to run are known, only the models of those: a model whose takes are all made needs no key.
    const pending = prepared.pendingTakes.get(nodeId);
    const models = pending
      ? new Set(pending.flatMap((take) => (take as Record<string, unknown>)[fan?.param ?? ''] ?? []))
      : (fan?.values ?? []);
    for (const model of models) {
      const why = typeof model === 'string' ? await services().missingKey(model) : undefined;
      if (why) found.push({ nodeId, model: model as string, why });
    }
  }
  return found;
}

/**
 * Shows what the cache already holds for the graph as it is now: a node whose result is cached
 * shows it; one whose inputs or params changed since shows nothing ("idle") until it runs.
 */
export async function refreshFromCache(): Promise<void> {
  const { doc, running } = useGraphStore.getState();
  // A run in progress owns the statuses; it refreshes outputs itself when it ends.
  if (!doc || running) return;
  const prepared = await prepareRun({ doc, registry: services().registry, results: services().results });
  if (useGraphStore.getState().doc !== doc || useGraphStore.getState().running) return;
  const { validation } = prepared;
  const outputs: Record<string, Record<string, unknown>> = {};
  const runState: Record<string, RunState[string]> = {};
  const takes: Record<string, readonly TakeRecord[]> = {};
  const pinned = new Set<string>();
  for (const [id, result] of prepared.cached) {
    if (result.pinned) pinned.add(result.key);
    outputs[id] = result.outputs;
    runState[id] = { status: 'cached', key: result.key, ...(result.takes ? { takes: countTakes(result.takes) } : {}) };
    if (result.takes) takes[id] = result.takes;
  }
  // A pure node (a Pick) shows what it will pass on, worked out already: what follows can show its wires' lengths.
  for (const [id, produced] of prepared.previewed) outputs[id] = produced;
  // A node with some takes made (a run where others failed, or an edit that added takes) shows those, and how many.
  const before = useGraphStore.getState().takes;
  for (const [id, found] of prepared.takes) {
    // A take that failed stays shown as failed, with its reason, until it runs again.
    const failed = new Map(
      (before[id] ?? []).filter((take) => take.status === 'failed').map((take) => [take.key, take]),
    );
    const records = found.map((take) => (take.status === 'pending' ? (failed.get(take.key) ?? take) : take));
    takes[id] = records;
    runState[id] = { status: 'idle', takes: countTakes(records) };
    const partial = prepared.partial.get(id);
    if (partial) outputs[id] = partial;
  }
  // Outputs that no longer match stay visible, marked stale, until the node runs again.
  const previous = useGraphStore.getState().outputs;
  const stale = new Set<string>();
  for (const node of doc.nodes) {
    if (outputs[node.id] || !previous[node.id]) continue;
    outputs[node.id] = previous[node.id];
    stale.add(node.id);
  }
  // A Pick the paused run waits at keeps saying so until it has all it needs.
  const shown = useGraphStore.getState().runState;
  for (const id of useGraphStore.getState().waitingFor ?? []) {
    const was = shown[id];
    if (was?.status === 'waiting' && !prepared.previewed.has(id) && !runState[id]) runState[id] = was;
  }
  for (const issue of validation.issues) {
    const existing = runState[issue.nodeId];
    runState[issue.nodeId] = {
      status: 'invalid',
      issues: existing?.status === 'invalid' ? [...existing.issues, issue] : [issue],
    };
  }
  const estimate = estimateCost(prepared, services().registry, services().providers);
  useGraphStore.setState({ outputs, takes, runState, issues: validation.issues, pinned, stale, estimate });
  continueAfterPick(doc, prepared);
}

/**
 * Continues a run that stopped at a Pick once every Pick it stopped at has what it needs:
 * what ran before comes from the cache, so only what follows the Pick runs.
 */
function continueAfterPick(doc: GraphDocument, prepared: PreparedRun): void {
  const { waitingFor } = useGraphStore.getState();
  if (!paused || !waitingFor) return;
  const stillThere = waitingFor.filter((id) => doc.nodes.some((node) => node.id === id));
  if (paused.graphId !== doc.id || stillThere.length === 0) {
    paused = null;
    useGraphStore.setState({ waitingFor: null });
    return;
  }
  if (!stillThere.every((id) => prepared.previewed.has(id) || prepared.cached.has(id))) return;
  const { targets, approve } = paused;
  void runCurrent(targets, approve);
}

/** Re-prices what Run would execute now (after a run, most of it is cached). */
async function refreshEstimate(): Promise<void> {
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  const prepared = await prepareRun({ doc, registry: services().registry, results: services().results });
  if (useGraphStore.getState().doc === doc)
    useGraphStore.setState({ estimate: estimateCost(prepared, services().registry, services().providers) });
}

/** Pins or unpins a node's cached result: pinned results are never evicted to free space. */
export async function togglePin(key: string): Promise<void> {
  const pinned = new Set(useGraphStore.getState().pinned);
  const pin = !pinned.has(key);
  await services().db.results.update(key, { pinned: pin });
  // A node made of takes keeps each take's own entry too, or eviction would take them back.
  const takes = (await services().db.results.get(key))?.takes ?? [];
  await Promise.all(takes.map((take) => services().db.results.update(take.key, { pinned: pin })));
  if (pin) pinned.add(key);
  else pinned.delete(key);
  useGraphStore.setState({ pinned });
}

/** Asks the person to accept a run's cost, through the dialog the app shows for `spendRequest`. */
function askToSpend(estimate: CostEstimate, missing: readonly MissingKey[]): Promise<boolean> {
  return new Promise((resolve) =>
    useGraphStore.setState({
      spendRequest: {
        estimate,
        missing,
        answer: (accepted) => {
          useGraphStore.setState({ spendRequest: null });
          resolve(accepted);
        },
      },
    }),
  );
}

/** Above the threshold in Settings, a run waits for the person to accept what it will cost. */
const confirmAboveThreshold: Approve = async (estimate, missing) =>
  estimate.total <= useSettingsStore.getState().settings.confirmAboveUsd || askToSpend(estimate, missing);

/**
 * A run the person started continues after their pick without asking when it costs nothing; when
 * it would spend, it always asks: a click on a thumbnail (or an arrow key) is not a press of Run.
 */
const confirmContinuing: Approve = async (estimate, missing) => estimate.total === 0 || askToSpend(estimate, missing);

/** A run the budgets in Settings refused before anything was sent. */
export interface OverBudget {
  status: 'over-budget';
  estimate: number;
  message: string;
}

/**
 * Runs the graph (or the targets and what they need); returns the engine's summary, the budgets'
 * refusal, or undefined when nothing ran (a run in progress, or a cost the person or `approve` declined).
 */
export async function runCurrent(
  targets?: string[],
  approve: Approve = confirmAboveThreshold,
  observe?: (event: RunEvent) => void,
): Promise<RunSummary | OverBudget | undefined> {
  const { doc, running } = useGraphStore.getState();
  if (!doc || running) return undefined;
  // Marked running before anything is awaited, so a second press cannot start a second run.
  controller = new AbortController();
  paused = null;
  useGraphStore.setState({ running: true, runState: {}, stale: new Set(), notice: null, waitingFor: null });
  await flushSave();
  const startedAt = Date.now();
  const progress = runProgress(useGraphStore);
  const log = new RunLog(() => performance.now());
  let release: (() => void) | undefined;
  try {
    // What this run reads (its estimate's lookups included) and writes is held from eviction, in
    // every tab, until the run and its tidy-up end.
    release = await services().holdForRun();
    const prepared = await prepareRun({ doc, registry: services().registry, targets, results: services().results });
    // A model with no key sends nothing (its takes fail saying which key): it is neither priced nor offered.
    const missing = await missingKeys(prepared);
    const estimate = estimateCost(prepared, services().registry, services().providers, (nodeId, model) =>
      missing.some((entry) => entry.nodeId === nodeId && entry.model === model),
    );
    const { settings } = useSettingsStore.getState();
    const refusal =
      estimate.total > 0 && (settings.dailyCapUsd !== undefined || settings.graphCapUsd !== undefined)
        ? budgetRefusal(estimate.total, await services().spend.since(0), settings, doc.id)
        : undefined;
    if (refusal) {
      notify('error', refusal);
      return { status: 'over-budget', estimate: estimate.total, message: refusal };
    }
    if (estimate.total > 0 && !(await approve(estimate, missing))) {
      notify('info', `Run not started: nothing was sent to any provider (estimated ${formatUsd(estimate.total)}).`);
      return undefined;
    }
    const summary = await runGraph({
      doc,
      registry: services().registry,
      targets,
      results: services().results,
      artifacts: services().artifacts,
      providers: services().providers,
      signal: controller.signal,
      // Local rendering is CPU-bound: one render at a time keeps the page responsive on two cores.
      limits: { 'local-render': 1 },
      // Each take holds a slot, and cloud takes mostly wait on their provider (which has its own
      // limits): room enough that six takes waiting never hold back the rest of the graph.
      maxConcurrent: 32,
      onEvent: (event) => {
        if (event.type === 'resultNotStored') notify('error', event.message);
        // Takes show on the board as they are made, not only when the node ends.
        progress.push(event);
        log.push(event);
        observe?.(event);
      },
    }).finally(progress.flush);
    const outputs = { ...useGraphStore.getState().outputs };
    for (const [id, produced] of summary.outputs) outputs[id] = produced;
    for (const [id, produced] of summary.partial) outputs[id] = produced;
    const takes = { ...useGraphStore.getState().takes };
    for (const [id, records] of summary.takes) takes[id] = records;
    if (summary.status === 'waiting')
      paused = {
        graphId: doc.id,
        targets,
        approve: approve === confirmAboveThreshold ? confirmContinuing : approve,
      };
    useGraphStore.setState({
      waitingFor: summary.status === 'waiting' ? summary.waiting : null,
      outputs,
      takes,
      issues: summary.issues,
      lastRun: {
        status: summary.status,
        executed: summary.executed.length,
        reused: summary.reused.length,
        cost: summary.cost,
        durationMs: summary.durationMs,
        ...(summary.takes.size > 0 ? { takes: { executed: summary.executedTakes, reused: summary.reusedTakes } } : {}),
      },
    });
    // The history is a record, not the work: a run whose record could not be written still ran.
    await services()
      .history.add(log.record(doc, summary, startedAt), doc)
      .catch((error: unknown) =>
        notify('error', `This run was not added to the history: ${error instanceof Error ? error.message : error}`),
      );
    const held = release;
    release = undefined;
    void services()
      .tidyStorage()
      .catch(() => {})
      .finally(held);
    return summary;
  } finally {
    release?.();
    controller = null;
    useGraphStore.setState({ running: false });
    // An edit made while it ran (a pick, a param) is shown against the cache now; else only the estimate moves.
    if (useGraphStore.getState().doc !== doc) void refreshFromCache();
    else void refreshEstimate();
  }
}

export function cancelRun(): void {
  // A run still waiting for its cost to be accepted is declined: nothing was sent.
  useGraphStore.getState().spendRequest?.answer(false);
  controller?.abort(new DOMException('Cancelled by you', 'AbortError'));
}
