import {
  countTakes,
  parseDocument,
  prepareRun,
  runGraph,
  runResources,
  type CostEstimate,
  type GraphDocument,
  type PreparedRun,
  type RunEvent,
  type RunState,
  type TakeRecord,
} from '../../graph-engine';
import { formatUsd } from '../../nodes/models/format-usd';
import type { Services } from '../services';
import type { QueuedRun } from '../storage/queue-store';
import { isQuotaError } from '../storage/storage-errors';
import type { Budgets } from './budget-check';
import type { GraphState, ViewStore } from './graph-store';
import { missingKeys, priceRun, sendableEstimate, type MissingKey, type PricingDeps } from './price-run';
import { fitsBeside } from './queue-policy';
import type { OverBudget, RunOutcome } from './run-outcome';
import { runProgress } from './run-progress';
import type { ExecuteQueued, RunQueue } from './run-queue';
import { RunLog } from './run-record';

export interface RunnerDeps {
  services(): Services;
  view: ViewStore;
  /** This page's run queue (built after the runner: it runs what the runner executes). */
  queue(): Pick<RunQueue, 'enqueue' | 'queuedFor' | 'cancel' | 'leaving'>;
  settings(): { confirmAboveUsd: number; budgets: Budgets };
  notify(kind: 'error' | 'info', message: string): void;
  /** Writes the open graph's pending edits (before a run reads it from storage). */
  flushSave(): Promise<void>;
}

/**
 * Runs as one page has them: asking for a run (priced, approved, queued), running what the queue
 * hands this page, continuing a run stopped at a Pick, and showing what the cache holds. Its state
 * (the runs asked for, those stopped at a Pick, those under way) lives in the instance, so a test
 * builds one over its own stores and queue.
 */
export function createRunner(deps: RunnerDeps) {
  const { services, view, notify, flushSave } = deps;
  const enqueue: RunQueue['enqueue'] = (run, observe) => deps.queue().enqueue(run, observe);
  const queuedFor: RunQueue['queuedFor'] = (graphId, targets) => deps.queue().queuedFor(graphId, targets);
  const cancelQueued = (id: string) => deps.queue().cancel(id);
  const pageLeaving = () => deps.queue().leaving();

  /** Runs: what the cache holds for the open graph, the cost estimate, asking for a run, and cancelling. */

  /**
   * Runs that stopped at a Pick, by graph (a graph not on screen may have run in the background):
   * what each ran, the Picks it waits at, and how its cost was approved, to continue it when the person picks.
   */
  const pausedRuns = new Map<
    string,
    {
      targets?: string[];
      approve: Approve;
      /** The Picks it waits at, or (`takes`) the nodes it stopped at because some of their takes failed. */
      waiting: readonly string[];
      at: 'pick' | 'takes';
    }
  >();

  /**
   * The runs this tab asked for that have not ended, by graph and targets: how each had its cost
   * approved, whether it is still being priced, and its end.
   */
  const asked = new Map<string, { approve: Approve; pricing: boolean; ended: Promise<void>; cancelled: boolean }>();
  const approvalKey = (graphId: string, targets?: readonly string[]) => `${graphId}\n${(targets ?? []).join('\n')}`;

  /** A run ended waiting at a Pick: choosing there continues it, asking as its first press did (or as a pick does). */
  function ranToPick(
    graphId: string,
    targets: string[] | undefined,
    waiting: readonly string[],
    at: 'pick' | 'takes' = 'pick',
  ): void {
    const approve = asked.get(approvalKey(graphId, targets))?.approve;
    pausedRuns.set(graphId, {
      targets,
      waiting,
      at,
      approve: !approve || approve === confirmAboveThreshold ? confirmContinuing : approve,
    });
  }

  /** A run of this graph ran on past its Pick (continued elsewhere): nothing waits there any more. */
  function forgetPick(graphId: string): void {
    pausedRuns.delete(graphId);
  }

  /** For a graph being opened: the Picks a run of it stopped at, shown waiting, and its node statuses for them. */
  function waitingAt(graphId: string): Pick<GraphState, 'waitingFor' | 'runState'> | undefined {
    const paused = pausedRuns.get(graphId);
    if (paused?.at !== 'pick') return undefined;
    const { waiting } = paused;
    const message = 'Waiting for your pick: choosing one continues the run.';
    return {
      waitingFor: waiting,
      runState: Object.fromEntries(waiting.map((id) => [id, { status: 'waiting' as const, message }])),
    };
  }

  /** Accepts a run's cost, told which models will send nothing for want of a key. */
  type Approve = (estimate: CostEstimate, missing: readonly MissingKey[]) => Promise<boolean>;

  /** What pricing a run needs, as this page has it now. */
  const pricingDeps = (): PricingDeps => ({
    registry: services().registry,
    providers: services().providers,
    missingKey: (model) => services().missingKey(model),
    spend: services().spend,
    budgets: deps.settings().budgets,
    scope: (graphId) => services().lineage.scope(graphId),
  });

  /**
   * Whether the open graph is still the one worked out: the same nodes and wires (edits replace
   * them); a moved viewport or a rename does not make what was worked out wrong.
   */
  function sameGraph(open: GraphDocument | null | undefined, worked: GraphDocument): boolean {
    return (
      open === worked ||
      (open?.id === worked.id &&
        open.nodes === worked.nodes &&
        open.edges === worked.edges &&
        open.components === worked.components)
    );
  }

  /**
   * Shows what the cache already holds for the graph as it is now: a node whose result is cached
   * shows it; one whose inputs or params changed since shows nothing ("idle") until it runs.
   */
  async function refreshFromCache(): Promise<void> {
    const { doc, running } = view.getState();
    // A run in progress owns the statuses; it refreshes outputs itself when it ends.
    if (!doc || running) return;
    const prepared = await prepareRun({ doc, registry: services().registry, results: services().results });
    // What Run would spend: models with no key send nothing, so they are not priced (the dialog names them).
    const estimate = await estimateNow(prepared);
    if (!sameGraph(view.getState().doc, doc) || view.getState().running) return;
    const { validation } = prepared;
    const outputs: Record<string, Record<string, unknown>> = {};
    const runState: Record<string, RunState[string]> = {};
    const takes: Record<string, readonly TakeRecord[]> = {};
    const pinned = new Set<string>();
    for (const [id, result] of prepared.cached) {
      if (result.pinned) pinned.add(result.key);
      outputs[id] = result.outputs;
      runState[id] = {
        status: 'cached',
        key: result.key,
        ...(result.takes ? { takes: countTakes(result.takes) } : {}),
      };
      if (result.takes) takes[id] = result.takes;
    }
    // A pure node (a Pick) shows what it will pass on, worked out already: what follows can show its wires' lengths.
    for (const [id, produced] of prepared.previewed) outputs[id] = produced;
    // A node with some takes made (a run where others failed, or an edit that added takes) shows those, and how many.
    const before = view.getState().takes;
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
    const previous = view.getState().outputs;
    const stale = new Set<string>();
    // By the nodes that run: inside a component, each inner node by its path id.
    for (const id of validation.index.nodes.keys()) {
      if (outputs[id] || !previous[id]) continue;
      outputs[id] = previous[id];
      stale.add(id);
    }
    // A Pick the paused run waits at keeps saying so until it has all it needs.
    const shown = view.getState().runState;
    for (const id of view.getState().waitingFor ?? []) {
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
    view.setState({ outputs, takes, runState, issues: validation.issues, pinned, stale, estimate });
    continueAfterPick(doc, prepared);
  }

  /**
   * Continues a run that stopped at a Pick once every Pick it stopped at has what it needs:
   * what ran before comes from the cache, so only what follows the Pick runs.
   */
  function continueAfterPick(doc: GraphDocument, prepared: PreparedRun): void {
    const paused = pausedRuns.get(doc.id);
    if (!paused) return;
    // By the nodes that run: a Pick inside a component waits under its path id.
    const stillThere = paused.waiting.filter((id) => prepared.validation.index.nodes.has(id));
    if (stillThere.length === 0) {
      pausedRuns.delete(doc.id);
      view.setState({ waitingFor: null });
      return;
    }
    // A Pick has what it needs, or a node stopped by failed takes has every take left made (the failed ones dropped).
    const ready = (id: string) =>
      prepared.previewed.has(id) ||
      prepared.cached.has(id) ||
      (paused.at === 'takes' && (prepared.takes.get(id)?.every((take) => take.status !== 'pending') ?? false));
    if (!stillThere.every(ready)) return;
    const { targets, approve } = paused;
    void runCurrent(targets, approve);
  }

  /** Re-prices what Run would execute now (after a run, most of it is cached). */
  async function refreshEstimate(): Promise<void> {
    const { doc } = view.getState();
    if (!doc) return;
    const prepared = await prepareRun({ doc, registry: services().registry, results: services().results });
    const estimate = await estimateNow(prepared);
    if (sameGraph(view.getState().doc, doc)) view.setState({ estimate });
  }

  /** What a run would spend: what will execute, less the models with no key to call them (they send nothing). */
  async function estimateNow(prepared: PreparedRun): Promise<CostEstimate> {
    const deps = {
      registry: services().registry,
      providers: services().providers,
      missingKey: (model: string) => services().missingKey(model),
    };
    return sendableEstimate(prepared, deps, await missingKeys(prepared, deps));
  }

  /** Pins or unpins a node's cached result: pinned results are never evicted to free space. */
  async function togglePin(key: string): Promise<void> {
    await pinResults([key], !view.getState().pinned.has(key));
  }

  /** Pins (or unpins) cached results, each with its takes' own entries: eviction would take those back. */
  async function pinResults(keys: readonly string[], pin: boolean): Promise<void> {
    const { results } = services().db;
    const found = await results.bulkGet([...keys]);
    const all = found.flatMap((result) =>
      result ? [result.key, ...(result.takes ?? []).map((take) => take.key)] : [],
    );
    await results.bulkUpdate(all.map((key) => ({ key, changes: { pinned: pin } })));
    const pinned = new Set(view.getState().pinned);
    for (const key of keys) {
      if (pin) pinned.add(key);
      else pinned.delete(key);
    }
    view.setState({ pinned });
  }

  /** Asks the person to accept a run's cost, through the dialog the app shows for `spendRequest`. */
  function askToSpend(estimate: CostEstimate, missing: readonly MissingKey[]): Promise<boolean> {
    return new Promise((resolve) =>
      view.setState({
        spendRequest: {
          estimate,
          missing,
          answer: (accepted) => {
            view.setState({ spendRequest: null });
            resolve(accepted);
          },
        },
      }),
    );
  }

  /** Above the threshold in Settings, a run waits for the person to accept what it will cost. */
  const confirmAboveThreshold: Approve = async (estimate, missing) =>
    estimate.total <= deps.settings().confirmAboveUsd || askToSpend(estimate, missing);

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
  async function runCurrent(
    targets?: string[],
    approve: Approve = confirmAboveThreshold,
    observe?: (event: RunEvent) => void,
  ): Promise<RunOutcome> {
    const { doc, viewing } = view.getState();
    if (!doc) return undefined;
    if (viewing) {
      notify('info', 'This version is shown read-only: Restore it or Branch from it to run it.');
      return undefined;
    }
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
      if (refusal) {
        notify('error', refusal);
        return { status: 'over-budget', estimate: estimate.total, message: refusal } satisfies OverBudget;
      }
      if (estimate.total > 0 && !(await approve(estimate, missing))) {
        notify('info', `Run not started: nothing was sent to any provider (estimated ${formatUsd(estimate.total)}).`);
        return undefined;
      }
      // Cancelled while it was priced or asked about: it is never queued.
      if (mine.cancelled) {
        notify('info', 'Run not started: it was stopped before it was queued. Nothing was sent.');
        return undefined;
      }
      mine.pricing = false;
      const saved = view.getState().doc?.id === doc.id ? view.getState().doc! : doc;
      return await enqueue(
        {
          graphId: doc.id,
          graphName: saved.name,
          version: saved.metadata.updatedAt,
          ...(targets ? { targets } : {}),
          estimate: estimate.total,
          approvedUsd: estimate.total,
          askAboveUsd: approve === confirmAboveThreshold ? deps.settings().confirmAboveUsd : 0,
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
  function cancelRun(): void {
    // A run still waiting for its cost to be accepted is declined: nothing was sent.
    view.getState().spendRequest?.answer(false);
    const { doc } = view.getState();
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

  /** What the canvas shows of a run: kept by the run itself, and shown while its graph is open. */
  type RunView = Pick<GraphState, 'runState' | 'takes'>;

  /** The runs this tab is running, by graph (never two of one graph), and what each has shown so far: a graph opened mid-run shows it too. */
  const current = new Map<string, RunView>();

  /** For a graph being opened: whether this tab is running it, and that run's node statuses so far. */
  function runViewFor(graphId: string): Partial<GraphState> {
    const shown = current.get(graphId);
    return shown ? { running: true, ...shown } : { running: false };
  }

  /**
   * The graph a queued run runs: as saved now (the open one saved first). Never this tab's copy in
   * memory: another tab may have saved a newer version, and that is the one that was queued.
   */
  async function graphOf(run: QueuedRun): Promise<GraphDocument | undefined> {
    if (view.getState().doc?.id === run.graphId) await flushSave();
    const saved = await services().graphs.load(run.graphId);
    if (!saved) return undefined;
    const parsed = parseDocument(saved, services().registry);
    return parsed.ok ? parsed.doc : undefined;
  }

  /**
   * Runs one queued run, the graph as it is when its turn comes (an edit made while it waited is
   * run). It is priced again first: a run that would now cost more than the person accepted (and
   * more than Settings lets pass without asking) is held for them instead.
   */
  const executeQueued: ExecuteQueued = async (run, signal, observe) => {
    ranHere.add(run.id);
    let waitedAgain = false;
    const doc = await graphOf(run);
    if (!doc) {
      notify('error', `“${run.graphName}” is no longer saved here (or cannot be read): its queued run was dropped.`);
      return undefined;
    }
    const onCanvas = () => view.getState().doc?.id === doc.id;
    const shown: RunView = { runState: {}, takes: onCanvas() ? view.getState().takes : {} };
    current.set(doc.id, shown);
    if (onCanvas()) view.setState({ running: true, runState: {}, stale: new Set(), notice: null, waitingFor: null });
    const startedAt = Date.now();
    // Events land in the run's own view, and on the canvas while its graph is the one open.
    const progress = runProgress({
      setState(update) {
        Object.assign(shown, update(shown as GraphState));
        if (onCanvas()) view.setState({ runState: shown.runState, takes: shown.takes });
      },
    });
    const log = new RunLog(() => performance.now());
    let release: (() => void) | undefined;
    try {
      // What this run reads (its estimate's lookups included) and writes is held from eviction, in
      // every tab, until the run and its tidy-up end.
      release = await services().holdForRun();
      const { targets } = run;
      const prepared = await prepareRun({ doc, registry: services().registry, targets, results: services().results });
      // What it draws on is known for sure only now (the graph may have been edited, or a cached
      // result evicted, while it waited): if that no longer fits beside the runs under way, it waits
      // again, in its place, before anything is sent.
      const resources = runResources(prepared, services().registry);
      // Cancelled while it was prepared: nothing was sent, and it leaves the queue.
      if (signal.aborted) return undefined;
      const place = await services().queue.confirmBeside(run.id, resources, fitsBeside);
      if (place === 'gone') return undefined;
      if (place === 'waits') {
        waitedAgain = true;
        return 'waiting';
      }
      // A run taken up again (its tab or render went away) is priced and capped like any run, for what
      // it has yet to send: what it sent is in the spend history already, and is polled, never resent.
      const { cost, refusal } = await priceRun(
        prepared,
        doc.id,
        pricingDeps(),
        run.resumed ? { since: run.firstStartedAt } : undefined,
      );
      // Cancelled while it was priced: nothing was sent, and it leaves the queue.
      if (signal.aborted) return undefined;
      if (cost > run.approvedUsd + 0.005 && cost > run.askAboveUsd) {
        await services().queue.update(run.id, {
          estimate: cost,
          message: `It now costs about ${formatUsd(cost)}, more than the ${formatUsd(run.approvedUsd)} ${run.resumed ? 'accepted for it' : 'you accepted (the graph changed while it waited)'}. Nothing was sent.`,
        });
        notify('info', `The queued run of “${doc.name}” is held: it now costs more than was accepted.`);
        return 'held';
      }
      if (refusal) {
        notify('error', refusal);
        return { status: 'over-budget', estimate: cost, message: refusal };
      }
      const summary = await runGraph({
        doc,
        registry: services().registry,
        targets,
        results: services().results,
        artifacts: services().artifacts,
        providers: services().providers,
        signal,
        // Local rendering is CPU-bound: one render at a time keeps the page responsive on two cores.
        limits: { 'local-render': 1 },
        // Each take holds a slot, and cloud takes mostly wait on their provider (which has its own
        // limits): room enough that six takes waiting never hold back the rest of the graph.
        maxConcurrent: 32,
        onEvent: (event: RunEvent) => {
          if (event.type === 'resultNotStored') notify('error', event.message);
          // Takes show on the board as they are made, not only when the node ends.
          progress.push(event);
          log.push(event);
          observe?.(event);
        },
      }).finally(progress.flush);
      if (summary.status === 'waiting') ranToPick(doc.id, targets, summary.waiting);
      // Stopped only because some takes failed (others were made): dropping those on the board
      // continues the run with the rest, as a pick does.
      const partly = summary.failed.filter((id) => summary.partial.has(id));
      if (summary.status === 'failed' && partly.length > 0 && partly.length === summary.failed.length)
        ranToPick(doc.id, targets, partly, 'takes');
      if (onCanvas()) {
        const outputs = { ...view.getState().outputs };
        for (const [id, produced] of summary.outputs) outputs[id] = produced;
        for (const [id, produced] of summary.partial) outputs[id] = produced;
        const takes = { ...view.getState().takes };
        for (const [id, records] of summary.takes) takes[id] = records;
        view.setState({
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
            ...(summary.takes.size > 0
              ? { takes: { executed: summary.executedTakes, reused: summary.reusedTakes } }
              : {}),
          },
        });
      } else if (summary.status !== 'cancelled') {
        notify(
          summary.status === 'failed' ? 'error' : 'info',
          `The queued run of “${doc.name}” ended: ${summary.status}.`,
        );
      }
      // The history is a record, not the work: a run whose record could not be written still ran.
      // One cut short by the page going away is taken up again by the next leader, and recorded then.
      if (!pageLeaving())
        await services()
          .history.add({ ...log.record(doc, summary, startedAt), jobId: run.id }, doc)
          .then(() => view.setState((state) => ({ historyChanged: state.historyChanged + 1 })))
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
      current.delete(doc.id);
      if (waitedAgain) ranHere.delete(run.id);
      else ran.set(run.id, doc);
      if (onCanvas()) view.setState({ running: false });
      // Waiting again: the canvas shows what the cache holds meanwhile.
      if (waitedAgain && onCanvas()) void refreshFromCache();
    }
  };

  /** The graph each queued run this tab ran ran, as it ran it (until its end is followed up), and those runs. */
  const ran = new Map<string, GraphDocument>();
  const ranHere = new Set<string>();

  /** Once a run has left the queue: an edit made while it ran (a pick, a param) is shown against the cache; else only the estimate moves. */
  function afterQueued(run: QueuedRun): void {
    const here = ranHere.delete(run.id);
    const ranDoc = ran.get(run.id);
    ran.delete(run.id);
    const { doc } = view.getState();
    if (doc?.id !== run.graphId) return;
    // Run by another tab for this one, and stopped at a Pick: choosing here continues it.
    if (!here)
      return void services()
        .history.ofJob(run.id)
        .then((record) => {
          const waiting = record?.nodes?.filter((entry) => entry.outcome === 'waiting').map((entry) => entry.id) ?? [];
          if (record?.status === 'waiting' && waiting.length > 0) {
            ranToPick(run.graphId, run.targets, waiting);
            view.setState(waitingAt(run.graphId) ?? {});
          } else forgetPick(run.graphId);
        })
        .finally(() => void refreshFromCache());
    // The same version (the run read it from storage: a copy, not this object): its statuses stand.
    if (ranDoc?.metadata.updatedAt === doc.metadata.updatedAt) void refreshEstimate();
    else void refreshFromCache();
  }

  return {
    runCurrent,
    cancelRun,
    executeQueued,
    afterQueued,
    runViewFor,
    ranToPick,
    forgetPick,
    waitingAt,
    refreshFromCache,
    refreshEstimate,
    togglePin,
    pinResults,
    pricingDeps,
  };
}

export type Runner = ReturnType<typeof createRunner>;
