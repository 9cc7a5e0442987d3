import {
  estimateCost,
  parseDocument,
  prepareRun,
  reduceRunState,
  runGraph,
  type CostEstimate,
  type GraphDocument,
  type ParseResult,
  type RunEvent,
  type RunState,
  type RunSummary,
} from '../../graph-engine';
import { services } from './services';
import { TEMPLATES } from '../templates/gallery';
import { flushSave, markBaseline, refreshGraphList } from './autosave';
import { applyEdit, touch, type Edit } from './edits';
import { EMPTY_HISTORY, recordStep, redoStep, undoStep } from './history';
import { useGraphStore } from './graph-store';
import { formatUsd } from '../../nodes/models/format-usd';
import { useSettingsStore } from './settings-store';

let controller: AbortController | null = null;

/** Opens the most recent graph, or the starter graph on first start. */
export async function bootstrap(): Promise<void> {
  void navigator.storage?.persist?.().catch(() => false);
  await refreshGraphList();
  const [latest] = useGraphStore.getState().graphs;
  if (latest) await openGraph(latest.id);
  else await newGraph('starter');
}

export async function openGraph(id: string): Promise<void> {
  await flushSave();
  const doc = await services().graphs.load(id);
  if (!doc) {
    notify('error', 'That graph is no longer saved in this browser.');
    return;
  }
  // Saved graphs went through the same parser when they came in; re-parse to apply migrations.
  const parsed = parseDocument(doc, services().registry);
  if (!parsed.ok) {
    notify('error', `This saved graph cannot be opened: ${parsed.errors[0].path}: ${parsed.errors[0].message}`);
    return;
  }
  await showDocument(parsed.doc);
}

/** Makes a new graph from a gallery template and opens it. */
export async function newGraph(templateId: string): Promise<void> {
  const template = TEMPLATES.find((candidate) => candidate.id === templateId);
  if (!template) throw new Error(`No template “${templateId}”`);
  await flushSave();
  const doc = template.build();
  await services().graphs.save(doc);
  await refreshGraphList();
  await showDocument(doc);
}

/**
 * Loads an untrusted graph (an import, a dropped file, the CLI) and opens it; changes nothing if it
 * is invalid. `asNew` gives it a fresh id, so importing never replaces a graph already saved here.
 */
export async function importGraph(input: unknown, options: { asNew?: boolean } = {}): Promise<ParseResult> {
  const parsed = parseDocument(input, services().registry);
  if (!parsed.ok) return parsed;
  await flushSave();
  if (options.asNew) parsed.doc.id = crypto.randomUUID();
  await services().graphs.save(parsed.doc);
  await refreshGraphList();
  await showDocument(parsed.doc);
  return parsed;
}

/** Opens a graph file's text as a new graph, or says plainly why it cannot (changing nothing). */
export async function openGraphFile(text: string, name: string): Promise<void> {
  const result = await importGraph(text, { asNew: true });
  if (result.ok) return;
  const count = result.errors.length;
  useGraphStore.setState({
    notice: {
      kind: 'error',
      message: `${name} was not opened: ${count === 1 ? 'it has a problem' : `it has ${count} problems`}. Nothing was changed.`,
      details: result.errors.slice(0, 20).map((error) => `${error.path}: ${error.message}`),
    },
  });
}

/** Saves a copy of the open graph under a new id and opens it. */
export async function duplicateGraph(): Promise<void> {
  await flushSave();
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  const copy = touch({ ...doc, id: crypto.randomUUID(), name: `${doc.name} (copy)` });
  await services().graphs.save(copy);
  await refreshGraphList();
  await showDocument(copy);
}

export async function deleteGraph(id: string): Promise<void> {
  await services().graphs.remove(id);
  await refreshGraphList();
  if (useGraphStore.getState().doc?.id === id) {
    const [next] = useGraphStore.getState().graphs;
    if (next) await openGraph(next.id);
    else await newGraph('starter');
  }
}

/** Changes the current document through a named edit, recording it for undo; autosave picks it up. */
export function updateDoc(edit: Edit): void {
  const { doc, history } = useGraphStore.getState();
  if (!doc) return;
  const applied = applyEdit(doc, edit);
  if (applied.doc === doc) return;
  const recorded =
    edit.undoable === false
      ? history
      : recordStep(history, {
          label: edit.label,
          coalesce: edit.coalesce,
          at: Date.now(),
          patches: applied.patches,
          inverse: applied.inverse,
        });
  useGraphStore.setState({ doc: applied.doc, history: recorded });
}

export function undo(): void {
  const { doc, history } = useGraphStore.getState();
  const result = doc && undoStep(history, doc);
  if (result)
    useGraphStore.setState({
      doc: result.doc,
      history: result.history,
      notice: { kind: 'info', message: `Undid: ${result.label}` },
    });
}

export function redo(): void {
  const { doc, history } = useGraphStore.getState();
  const result = doc && redoStep(history, doc);
  if (result)
    useGraphStore.setState({
      doc: result.doc,
      history: result.history,
      notice: { kind: 'info', message: `Redid: ${result.label}` },
    });
}

async function showDocument(doc: GraphDocument): Promise<void> {
  markBaseline(doc);
  useGraphStore.setState({
    doc,
    history: EMPTY_HISTORY,
    runState: {},
    outputs: {},
    stale: new Set(),
    lastRun: null,
    issues: [],
    savedAt: Date.parse(doc.metadata.updatedAt),
  });
  await refreshFromCache();
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
  const pinned = new Set<string>();
  for (const [id, result] of prepared.cached) {
    if (result.pinned) pinned.add(result.key);
    outputs[id] = result.outputs;
    runState[id] = { status: 'cached', key: result.key };
  }
  // Outputs that no longer match stay visible, marked stale, until the node runs again.
  const previous = useGraphStore.getState().outputs;
  const stale = new Set<string>();
  for (const node of doc.nodes) {
    if (outputs[node.id] || !previous[node.id]) continue;
    outputs[node.id] = previous[node.id];
    stale.add(node.id);
  }
  for (const issue of validation.issues) {
    const existing = runState[issue.nodeId];
    runState[issue.nodeId] = {
      status: 'invalid',
      issues: existing?.status === 'invalid' ? [...existing.issues, issue] : [issue],
    };
  }
  const estimate = estimateCost(prepared, services().registry, services().providers);
  useGraphStore.setState({ outputs, runState, issues: validation.issues, pinned, stale, estimate });
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
  if (pin) pinned.add(key);
  else pinned.delete(key);
  useGraphStore.setState({ pinned });
}

/** Asks the person to accept a run's cost, through the dialog the app shows for `spendRequest`. */
function askToSpend(estimate: CostEstimate): Promise<boolean> {
  return new Promise((resolve) =>
    useGraphStore.setState({
      spendRequest: {
        estimate,
        answer: (accepted) => {
          useGraphStore.setState({ spendRequest: null });
          resolve(accepted);
        },
      },
    }),
  );
}

/** Above the threshold in Settings, a run waits for the person to accept what it will cost. */
const confirmAboveThreshold = async (estimate: CostEstimate) =>
  estimate.total <= useSettingsStore.getState().settings.confirmAboveUsd || askToSpend(estimate);

/**
 * Runs the graph (or the targets and what they need); returns the engine's summary, or undefined
 * when nothing ran (a run in progress, or a cost the person or `approve` declined).
 */
export async function runCurrent(
  targets?: string[],
  approve: (estimate: CostEstimate) => Promise<boolean> = confirmAboveThreshold,
  observe?: (event: RunEvent) => void,
): Promise<RunSummary | undefined> {
  const { doc, running } = useGraphStore.getState();
  if (!doc || running) return undefined;
  // Marked running before anything is awaited, so a second press cannot start a second run.
  controller = new AbortController();
  useGraphStore.setState({ running: true, runState: {}, stale: new Set(), notice: null });
  await flushSave();
  const startedAt = Date.now();
  try {
    const estimate = estimateCost(
      await prepareRun({ doc, registry: services().registry, targets, results: services().results }),
      services().registry,
      services().providers,
    );
    if (estimate.total > 0 && !(await approve(estimate))) {
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
      onEvent: (event) => {
        if (event.type === 'resultNotStored') notify('error', event.message);
        useGraphStore.setState((state) => ({ runState: reduceRunState(state.runState, event) }));
        observe?.(event);
      },
    });
    const outputs = { ...useGraphStore.getState().outputs };
    for (const [id, produced] of summary.outputs) outputs[id] = produced;
    useGraphStore.setState({
      outputs,
      issues: summary.issues,
      lastRun: {
        status: summary.status,
        executed: summary.executed.length,
        reused: summary.reused.length,
        cost: summary.cost,
        durationMs: summary.durationMs,
      },
    });
    await services().db.runs.add({
      graphId: doc.id,
      startedAt,
      durationMs: summary.durationMs,
      status: summary.status,
      executed: summary.executed.length,
      reused: summary.reused.length,
      cost: summary.cost,
    });
    void services()
      .tidyStorage()
      .catch(() => {});
    return summary;
  } finally {
    controller = null;
    useGraphStore.setState({ running: false });
    void refreshEstimate();
  }
}

export function cancelRun(): void {
  // A run still waiting for its cost to be accepted is declined: nothing was sent.
  useGraphStore.getState().spendRequest?.answer(false);
  controller?.abort(new DOMException('Cancelled by you', 'AbortError'));
}

export function notify(kind: 'error' | 'info', message: string): void {
  useGraphStore.setState({ notice: { kind, message } });
}
