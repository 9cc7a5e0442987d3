import {
  parseDocument,
  prepareRun,
  runGraph,
  runResources,
  type GraphDocument,
  type RunEvent,
} from '../../graph-engine';
import { formatUsd } from '../../nodes/models/format-usd';
import type { QueuedRun } from '../storage/queue-store';
import { flushSave } from './autosave';
import { useGraphStore, type GraphState } from './graph-store';
import { notify } from './notify';
import { pageLeaving, type ExecuteQueued } from './queue';
import { fitsBeside } from './queue-policy';
import { runProgress } from './run-progress';
import { RunLog } from './run-record';
import { priceRun } from './price-run';
import { forgetPick, pricingDeps, ranToPick, refreshEstimate, refreshFromCache, waitingAt } from './runs';
import { services } from './services';

/** What the canvas shows of a run: kept by the run itself, and shown while its graph is open. */
type RunView = Pick<GraphState, 'runState' | 'takes'>;

/** The runs this tab is running, by graph (never two of one graph), and what each has shown so far: a graph opened mid-run shows it too. */
const current = new Map<string, RunView>();

/** For a graph being opened: whether this tab is running it, and that run's node statuses so far. */
export function runViewFor(graphId: string): Partial<GraphState> {
  const view = current.get(graphId);
  return view ? { running: true, ...view } : { running: false };
}

/**
 * The graph a queued run runs: as saved now (the open one saved first). Never this tab's copy in
 * memory: another tab may have saved a newer version, and that is the one that was queued.
 */
async function graphOf(run: QueuedRun): Promise<GraphDocument | undefined> {
  if (useGraphStore.getState().doc?.id === run.graphId) await flushSave();
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
export const executeQueued: ExecuteQueued = async (run, signal, observe) => {
  ranHere.add(run.id);
  let waitedAgain = false;
  const doc = await graphOf(run);
  if (!doc) {
    notify('error', `“${run.graphName}” is no longer saved here (or cannot be read): its queued run was dropped.`);
    return undefined;
  }
  const onCanvas = () => useGraphStore.getState().doc?.id === doc.id;
  const view: RunView = { runState: {}, takes: onCanvas() ? useGraphStore.getState().takes : {} };
  current.set(doc.id, view);
  if (onCanvas())
    useGraphStore.setState({ running: true, runState: {}, stale: new Set(), notice: null, waitingFor: null });
  const startedAt = Date.now();
  // Events land in the run's own view, and on the canvas while its graph is the one open.
  const progress = runProgress({
    setState(update) {
      Object.assign(view, update(view as GraphState));
      if (onCanvas()) useGraphStore.setState({ runState: view.runState, takes: view.takes });
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
    if (onCanvas()) {
      const outputs = { ...useGraphStore.getState().outputs };
      for (const [id, produced] of summary.outputs) outputs[id] = produced;
      for (const [id, produced] of summary.partial) outputs[id] = produced;
      const takes = { ...useGraphStore.getState().takes };
      for (const [id, records] of summary.takes) takes[id] = records;
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
    if (onCanvas()) useGraphStore.setState({ running: false });
    // Waiting again: the canvas shows what the cache holds meanwhile.
    if (waitedAgain && onCanvas()) void refreshFromCache();
  }
};

/** The graph each queued run this tab ran ran, as it ran it (until its end is followed up), and those runs. */
const ran = new Map<string, GraphDocument>();
const ranHere = new Set<string>();

/** Once a run has left the queue: an edit made while it ran (a pick, a param) is shown against the cache; else only the estimate moves. */
export function afterQueued(run: QueuedRun): void {
  const here = ranHere.delete(run.id);
  const ranDoc = ran.get(run.id);
  ran.delete(run.id);
  const { doc } = useGraphStore.getState();
  if (doc?.id !== run.graphId) return;
  // Run by another tab for this one, and stopped at a Pick: choosing here continues it.
  if (!here)
    return void services()
      .history.ofJob(run.id)
      .then((record) => {
        const waiting = record?.nodes?.filter((entry) => entry.outcome === 'waiting').map((entry) => entry.id) ?? [];
        if (record?.status === 'waiting' && waiting.length > 0) {
          ranToPick(run.graphId, run.targets, waiting);
          useGraphStore.setState(waitingAt(run.graphId) ?? {});
        } else forgetPick(run.graphId);
      })
      .finally(() => void refreshFromCache());
  // The same version (the run read it from storage: a copy, not this object): its statuses stand.
  if (ranDoc?.metadata.updatedAt === doc.metadata.updatedAt) void refreshEstimate();
  else void refreshFromCache();
}
