import {
  countTakes,
  estimateCost,
  prepareRun,
  runResources,
  type CostEstimate,
  type GraphDocument,
  type PreparedRun,
  type RunEvent,
  type RunState,
  type TakeRecord,
} from '../../graph-engine';
import { formatUsd } from '../../nodes/models/format-usd';
import { flushSave } from './autosave';
import { isQuotaError } from '../storage/storage-errors';
import { priceRun, type MissingKey, type PricingDeps } from './price-run';
import { useGraphStore, type GraphState } from './graph-store';
import { notify } from './notify';
import { cancelQueued, enqueue, queuedFor } from './queue';
import type { OverBudget, RunOutcome } from './run-outcome';
import { services } from './services';
import { currentBudgets, useSettingsStore } from './settings-store';

export type { OverBudget } from './run-outcome';
export type { MissingKey } from './price-run';

/** Runs: what the cache holds for the open graph, the cost estimate, asking for a run, and cancelling. */

/**
 * Runs that stopped at a Pick, by graph (a graph not on screen may have run in the background):
 * what each ran, the Picks it waits at, and how its cost was approved, to continue it when the person picks.
 */
const pausedRuns = new Map<string, { targets?: string[]; approve: Approve; waiting: readonly string[] }>();

/**
 * The runs this tab asked for that have not ended, by graph and targets: how each had its cost
 * approved, whether it is still being priced, and its end.
 */
const asked = new Map<string, { approve: Approve; pricing: boolean; ended: Promise<void>; cancelled: boolean }>();
const approvalKey = (graphId: string, targets?: readonly string[]) => `${graphId}\n${(targets ?? []).join('\n')}`;

/** A run ended waiting at a Pick: choosing there continues it, asking as its first press did (or as a pick does). */
export function ranToPick(graphId: string, targets: string[] | undefined, waiting: readonly string[]): void {
  const approve = asked.get(approvalKey(graphId, targets))?.approve;
  pausedRuns.set(graphId, {
    targets,
    waiting,
    approve: !approve || approve === confirmAboveThreshold ? confirmContinuing : approve,
  });
}

/** A run of this graph ran on past its Pick (continued elsewhere): nothing waits there any more. */
export function forgetPick(graphId: string): void {
  pausedRuns.delete(graphId);
}

/** For a graph being opened: the Picks a run of it stopped at, shown waiting, and its node statuses for them. */
export function waitingAt(graphId: string): Pick<GraphState, 'waitingFor' | 'runState'> | undefined {
  const waiting = pausedRuns.get(graphId)?.waiting;
  if (!waiting) return undefined;
  const message = 'Waiting for your pick: choosing one continues the run.';
  return {
    waitingFor: waiting,
    runState: Object.fromEntries(waiting.map((id) => [id, { status: 'waiting' as const, message }])),
  };
}

/** Accepts a run's cost, told which models will send nothing for want of a key. */
type Approve = (estimate: CostEstimate, missing: readonly MissingKey[]) => Promise<boolean>;

/** What pricing a run needs, as this page has it now. */
export const pricingDeps = (): PricingDeps => ({
  registry: services().registry,
  providers: services().providers,
  missingKey: (model) => services().missingKey(model),
  spend: services().spend,
  budgets: currentBudgets(),
  scope: (graphId) => services().lineage.scope(graphId),
});

/**
 * Whether the open graph is still the one worked out: the same nodes and wires (edits replace
 * them); a moved viewport or a rename does not make what was worked out wrong.
 */
function sameGraph(open: GraphDocument | null | undefined, worked: GraphDocument): boolean {
  return open === worked || (open?.id === worked.id && open.nodes === worked.nodes && open.edges === worked.edges);
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
  if (!sameGraph(useGraphStore.getState().doc, doc) || useGraphStore.getState().running) return;
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
  const paused = pausedRuns.get(doc.id);
  if (!paused) return;
  const stillThere = paused.waiting.filter((id) => doc.nodes.some((node) => node.id === id));
  if (stillThere.length === 0) {
    pausedRuns.delete(doc.id);
    useGraphStore.setState({ waitingFor: null });
    return;
  }
  if (!stillThere.every((id) => prepared.previewed.has(id) || prepared.cached.has(id))) return;
  const { targets, approve } = paused;
  void runCurrent(targets, approve);
}

/** Re-prices what Run would execute now (after a run, most of it is cached). */
export async function refreshEstimate(): Promise<void> {
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  const prepared = await prepareRun({ doc, registry: services().registry, results: services().results });
  if (sameGraph(useGraphStore.getState().doc, doc))
    useGraphStore.setState({ estimate: estimateCost(prepared, services().registry, services().providers) });
}

/** Pins or unpins a node's cached result: pinned results are never evicted to free space. */
export async function togglePin(key: string): Promise<void> {
  await pinResults([key], !useGraphStore.getState().pinned.has(key));
}

/** Pins (or unpins) cached results, each with its takes' own entries: eviction would take those back. */
export async function pinResults(keys: readonly string[], pin: boolean): Promise<void> {
  const { results } = services().db;
  const found = await results.bulkGet([...keys]);
  const all = found.flatMap((result) => (result ? [result.key, ...(result.takes ?? []).map((take) => take.key)] : []));
  await results.bulkUpdate(all.map((key) => ({ key, changes: { pinned: pin } })));
  const pinned = new Set(useGraphStore.getState().pinned);
  for (const key of keys) {
    if (pin) pinned.add(key);
    else pinned.delete(key);
  }
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

/**
 * Asks for a run of the open graph (or of the targets and what they need): prices it, asks the
 * person where Settings says to, and queues it; resolves with how it ended once it has run. Asked
 * again while this tab's run of the same graph and targets is queued or running, it follows that
 * run (what it made comes from the cache). Nothing is queued when such a run is still being priced
 * (a second press), already waits in the queue, is refused by the budgets, or is declined.
 */
export async function runCurrent(
  targets?: string[],
  approve: Approve = confirmAboveThreshold,
  observe?: (event: RunEvent) => void,
): Promise<RunOutcome> {
  const { doc } = useGraphStore.getState();
  if (!doc) return undefined;
  const key = approvalKey(doc.id, targets);
  const prior = asked.get(key);
  // Checked and claimed before anything is awaited, so a second press cannot queue a second run.
  if (prior?.pricing) return undefined;
  let end = () => {};
  const mine = { approve, pricing: true, ended: new Promise<void>((resolve) => (end = resolve)), cancelled: false };
  asked.set(key, mine);
  try {
    if (prior) await prior.ended;
    // Cancel pressed while it waited for the run before it: it does not follow.
    if (mine.cancelled) return undefined;
    if (await queuedFor(doc.id, targets)) {
      notify('info', `“${doc.name}” is in the run queue already: see Queue.`);
      return undefined;
    }
    pausedRuns.delete(doc.id);
    await flushSave();
    const prepared = await prepareRun({ doc, registry: services().registry, targets, results: services().results });
    // A model with no key sends nothing (its takes fail saying which key): it is neither priced nor offered.
    const { estimate, missing, refusal } = await priceRun(prepared, doc.id, pricingDeps());
    const { settings } = useSettingsStore.getState();
    if (refusal) {
      notify('error', refusal);
      return { status: 'over-budget', estimate: estimate.total, message: refusal } satisfies OverBudget;
    }
    if (estimate.total > 0 && !(await approve(estimate, missing))) {
      notify('info', `Run not started: nothing was sent to any provider (estimated ${formatUsd(estimate.total)}).`);
      return undefined;
    }
    mine.pricing = false;
    const saved = useGraphStore.getState().doc?.id === doc.id ? useGraphStore.getState().doc! : doc;
    return await enqueue(
      {
        graphId: doc.id,
        graphName: saved.name,
        version: saved.metadata.updatedAt,
        ...(targets ? { targets } : {}),
        estimate: estimate.total,
        approvedUsd: estimate.total,
        askAboveUsd: approve === confirmAboveThreshold ? settings.confirmAboveUsd : 0,
        resources: runResources(prepared, services().registry),
      },
      observe,
    );
  } catch (error) {
    // It never reached the queue: nothing was sent. A full disk is said as such, not thrown at no one.
    notify(
      'error',
      isQuotaError(error)
        ? 'Run not started: this browser’s storage for Reelgraph is full, so the run could not be queued. Nothing was sent. Free space in Settings → Storage (Clear cached results).'
        : `Run not started: ${error instanceof Error ? error.message : String(error)}. Nothing was sent.`,
    );
    return undefined;
  } finally {
    if (asked.get(key) === mine) asked.delete(key);
    end();
  }
}

/** Cancels the open graph's run: one waiting for its cost to be accepted is declined, a queued or running one stopped. */
export function cancelRun(): void {
  // A run still waiting for its cost to be accepted is declined: nothing was sent.
  useGraphStore.getState().spendRequest?.answer(false);
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  // A run asked for again while this one ran does not follow it once stopped.
  for (const [key, entry] of asked) if (key.startsWith(`${doc.id}\n`)) entry.cancelled = true;
  // Read from storage, not the store's view of it: that may not show a run just queued.
  void services()
    .queue.list()
    .then((runs) => {
      const mine = runs.filter((run) => run.graphId === doc.id);
      const target = mine.find((run) => run.state === 'running') ?? mine[0];
      if (target) return cancelQueued(target.id);
    });
}
