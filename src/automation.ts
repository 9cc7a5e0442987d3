import { isArtifactRef, type ArtifactRef, type RunEvent } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { renderCounter } from './canvas/NodeFrame';
import { base64ToBytes, bytesToBase64 } from './media/base64';
import type { Services } from './services';
import { shareLink } from './sharing/share-link';
import { cancelRun, forgetPick, importGraph, refreshFromCache, runCurrent, updateDoc } from './state/actions';
import { withEmbeddedGraph } from './state/export-media';
import { flushSave } from './state/autosave';
import { handoffOf } from './state/handoff';
import { setParams } from './state/edits';
import { useGraphStore } from './state/graph-store';
import { saveGraphAsTemplate } from './state/template-library';
import { nodeById } from './state/selectors';
import { saveSettings, useSettingsStore } from './state/settings-store';
import { adoptRun, stopAll, unfinishedRuns } from './state/queue';

/**
 * The app's automation surface, used by the headless runner (`npm run render`) and the
 * end-to-end tests: the same code paths a person's clicks reach, without the clicks.
 */
export function createAutomation(services: Services) {
  /** Stores a file and binds it to the node, as that kind takes files. */
  const bind = async (nodeId: string, file: Blob): Promise<ArtifactRef> => {
    // A node inside a component by its path id (`instance/inner`): the file is for that use of it alone.
    const kind = nodeById(useGraphStore.getState().doc, nodeId)?.kind;
    const intake = kind ? nodeRegistry.get(kind)?.files : undefined;
    if (!intake) throw new Error(`Node "${nodeId}" takes no file.`);
    const ref = await services.storeUserFile(file, intake.media);
    updateDoc({ ...setParams(nodeId, intake.toParams(ref)), outside: true });
    return ref;
  };
  /** A run started without waiting for its end (an agent polls it): its outcome once it ends. */
  let background: { done: boolean; result?: RunResult; error?: string } | undefined;
  const automation = {
    /** Imports a graph document (JSON text) and opens it. */
    async loadGraph(json: string) {
      const result = await importGraph(json);
      return result.ok
        ? { ok: true as const, warnings: result.warnings }
        : { ok: false as const, errors: result.errors };
    },
    /** Stores a file's bytes and binds them to the node, as that kind takes files (a Still: your photo; an Audio node: your sound). */
    async bindFile(nodeId: string, base64: string, mime: string): Promise<ArtifactRef> {
      return bind(nodeId, new Blob([base64ToBytes(base64)], { type: mime }));
    },
    /** Like `bindFile`, the bytes fetched from `url` (the CLI streams a file of any size this way). */
    async bindFileFrom(nodeId: string, url: string, mime: string): Promise<ArtifactRef> {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`The file could not be read (HTTP ${response.status}).`);
      const blob = await response.blob();
      return bind(nodeId, blob.type === mime ? blob : new Blob([blob], { type: mime }));
    },
    /** Sets the spending caps, as Settings → Cost does (undefined leaves a cap as it is). */
    async setBudgets(budgets: { dailyCapUsd?: number; graphCapUsd?: number }) {
      const { settings } = useSettingsStore.getState();
      await saveSettings(services.db, {
        ...settings,
        ...Object.fromEntries(Object.entries(budgets).filter(([, value]) => value !== undefined)),
      });
    },
    /** Sets params on a node. */
    setParams(nodeId: string, patch: Record<string, unknown>) {
      updateDoc(setParams(nodeId, patch));
    },
    /**
     * Runs; a run whose estimated cost is above `maxCost` dollars (default: no limit) is not started.
     * `observe` sees every run event as it happens (in the page only: tests cancel on one).
     */
    async run(
      targets?: string[],
      maxCost = Infinity,
      observe?: (event: RunEvent) => void,
      /** Told once the run is priced: its estimate, and whether it goes ahead. */
      priced?: (estimate: number, allowed: boolean) => void,
    ) {
      let declined: number | undefined;
      const summary = await runCurrent(
        targets,
        async (estimate) => {
          priced?.(estimate.total, estimate.total <= maxCost);
          if (estimate.total <= maxCost) return true;
          declined = estimate.total;
          return false;
        },
        observe,
      );
      if (declined !== undefined) return { status: 'declined' as const, estimate: declined };
      if (!summary)
        throw new Error('Nothing ran here: a run of this graph is in progress or queued, or it ran in another tab.');
      // Refused by a budget cap: declined too, with the reason.
      if (summary.status === 'over-budget')
        return { status: 'declined' as const, estimate: summary.estimate, message: summary.message };
      return {
        status: summary.status,
        executed: summary.executed,
        reused: summary.reused,
        failed: summary.failed,
        waiting: summary.waiting,
        issues: summary.issues,
        cost: summary.cost,
        durationMs: summary.durationMs,
        outputs: Object.fromEntries(summary.outputs),
        executedTakes: summary.executedTakes,
        reusedTakes: summary.reusedTakes,
        takes: Object.fromEntries(summary.takes),
        partial: Object.fromEntries(summary.partial),
        runState: useGraphStore.getState().runState,
      };
    },
    /**
     * Lets the open graph's run that stopped at a Pick end there: a pick made later does not carry it
     * on under the cost it was allowed before. A host that runs again asks anew (what ran is cached).
     */
    stayAtPick() {
      const { doc } = useGraphStore.getState();
      if (doc) forgetPick(doc.id);
    },
    /** Cancels the run in progress, as Escape does. */
    cancel() {
      cancelRun();
    },
    /** Stops every run this page is running (its host is going away), cancelling upstream where providers allow. */
    async stopAll() {
      cancelRun();
      await stopAll();
    },
    /** Runs in the queue this page did not ask for (what an interrupted or killed render left). */
    async unfinished() {
      return (await unfinishedRuns()).map(({ id, graphName, state, startedAt, addedAt }) => ({
        id,
        graphName,
        state,
        startedAt: startedAt ?? addedAt,
      }));
    },
    /** Drops them from the queue: their sent cloud tasks stay saved, so a run of their graph polls them, never sends them again. */
    async dropUnfinished() {
      const runs = await unfinishedRuns();
      for (const run of runs) await services.queue.remove(run.id);
      return runs.length;
    },
    /**
     * Runs them, one after another, each priced again for what it has yet to send and refused over
     * `maxCost` dollars or the caps (what it sent counts as spent, and is polled, never sent again).
     */
    async resumeUnfinished(maxCost: number) {
      const outcomes = [];
      for (const run of await unfinishedRuns()) {
        const outcome = await adoptRun(run.id, maxCost);
        const held = await services.queue.get(run.id);
        outcomes.push({
          graphName: run.graphName,
          status: held?.state === 'held' ? ('held' as const) : (outcome?.status ?? ('cancelled' as const)),
          // Held for want of a larger allowance, it stays queued for a later render to resume or drop.
          message: held?.message ?? (outcome?.status === 'over-budget' ? outcome.message : undefined),
          cost: outcome && outcome.status !== 'over-budget' ? outcome.cost : 0,
        });
      }
      return outcomes;
    },
    /** Submits that may have been billed (as Settings lists them): none is sent again until forgotten. */
    async uncertain() {
      return (await services.jobs.uncertain()).map(({ key, provider, model, submittedAt, message }) => ({
        id: key.slice(0, 12),
        provider,
        model,
        submittedAt,
        message,
      }));
    },
    /** Forgets one (by the id `uncertain` gives, or more of its key): the next run may send it again. */
    async forget(id: string) {
      const found = (await services.jobs.uncertain()).filter((record) => record.key.startsWith(id));
      if (found.length === 1) await services.jobs.delete(found[0].key);
      return found.length;
    },
    /**
     * Sends an artifact as it leaves the app (an MP4 carrying the current graph; `asIs`: byte for
     * byte, as a hand-off's clips go) to `url` with a PUT, streamed (the CLI writes outputs of any
     * size this way); false when the cache lacks it.
     */
    async sendArtifact(hash: string, url: string, asIs = false): Promise<boolean> {
      const blob = await services.artifacts.get(hash);
      if (!blob) return false;
      const response = await fetch(url, { method: 'PUT', body: asIs ? blob : await withEmbeddedGraph(blob) });
      if (!response.ok) throw new Error(`The output could not be written (HTTP ${response.status}).`);
      return true;
    },
    /**
     * The open graph's Assemble `nodeId` for an editor: its OTIO and FCP7 XML, and the files they
     * name under `mediaFolder` (send each with `sendArtifact(hash, url, true)`).
     */
    async handoff(nodeId: string, mediaFolder: string) {
      const made = await handoffOf(nodeId, mediaFolder);
      return { ...made, files: made.files.map(({ path, artifact }) => ({ path, hash: artifact.$artifact })) };
    },
    /** An artifact's bytes as they leave the app: an MP4 carries the current graph in its metadata. */
    async readArtifact(hash: string): Promise<{ mime: string; base64: string } | undefined> {
      const blob = await services.artifacts.get(hash);
      if (!blob) return undefined;
      const exported = await withEmbeddedGraph(blob);
      return { mime: exported.type, base64: bytesToBase64(new Uint8Array(await exported.arrayBuffer())) };
    },
    /** The share link for the open graph, as Share → Copy share link makes it (undefined when too long). */
    shareLink() {
      const { doc } = useGraphStore.getState();
      if (!doc) return undefined;
      const link = shareLink(doc, location.href);
      return link.ok ? link.url : undefined;
    },
    /** What this profile's library holds: components and templates, the newest version of each. */
    async library() {
      const about = ({
        id,
        version,
        name,
        description,
      }: {
        id: string;
        version: number;
        name: string;
        description?: string;
      }) => ({
        id,
        version,
        name,
        ...(description ? { description } : {}),
      });
      return {
        components: (await services.components.list()).map(about),
        templates: (await services.templates.list()).map(about),
      };
    },
    /** A library template's version (the newest unless one is named), as a graph to open, with its name and version (undefined when the library has none by that id and version). */
    async libraryTemplate(id: string, version?: number) {
      const row = await (version === undefined ? services.templates.newest(id) : services.templates.at(id, version));
      return row && { doc: row.doc, name: row.name, version: row.version, description: row.description };
    },
    /** Keeps the open graph in the library as a template (its next version when it changed). */
    async saveTemplate(name: string, description?: string) {
      const saved = await saveGraphAsTemplate({ name, description });
      return saved && { id: saved.id, version: saved.version, name: saved.name };
    },
    async flush() {
      await flushSave();
    },
    /**
     * Brings each node's state and the estimate up to the graph as it is now (the page does so
     * 150 ms after an edit; a host reading right after one asks at once). A run in progress owns them.
     */
    async refresh() {
      await refreshFromCache();
    },
    state() {
      const {
        doc,
        graphs,
        runState,
        takes,
        savedAt,
        estimate,
        running,
        lastRun,
        waitingFor,
        queue,
        queuePaused,
        outputs,
      } = useGraphStore.getState();
      return {
        doc,
        graphs,
        runState,
        takes,
        savedAt,
        estimate,
        running,
        lastRun,
        waitingFor,
        queue,
        queuePaused,
        outputs,
      };
    },
    /** The spend ledger since a time (ms): every paid request and what became of it, as Spend lists it. */
    async spend(since = 0) {
      return services.spend.since(since);
    },
    /**
     * Starts a run of the open graph and comes back once it is priced: refused (over `maxCost`, or it
     * ended at once), or started, to be followed with `runStatus`. One such run at a time.
     */
    async startRun(maxCost: number) {
      if (background && !background.done) return { status: 'busy' as const };
      const entry: NonNullable<typeof background> = { done: false };
      background = entry;
      let decide: (verdict: { estimate: number; allowed: boolean }) => void = () => {};
      const priced = new Promise<{ estimate: number; allowed: boolean }>((decided) => (decide = decided));
      const ended = automation
        .run(
          undefined,
          maxCost,
          // A run that costs nothing is not asked about: its first event says it started.
          () => decide({ estimate: useGraphStore.getState().estimate?.total ?? 0, allowed: true }),
          (estimate, allowed) => decide({ estimate, allowed }),
        )
        .then((result) => {
          entry.result = result;
          // Nobody waits on it to pick: stopped at a Pick, it ends there (run again to go on).
          if (result.status === 'waiting') automation.stayAtPick();
        })
        .catch((error: unknown) => void (entry.error = error instanceof Error ? error.message : String(error)))
        .finally(() => {
          entry.done = true;
          decide({ estimate: 0, allowed: false });
        });
      const verdict = await priced;
      if (!verdict.allowed || entry.done) {
        // Refused, or over already: what it came to, once its own end has settled it.
        await ended;
        return { status: 'ended' as const, result: entry.result, error: entry.error };
      }
      return { status: 'started' as const, estimate: verdict.estimate };
    },
    /** The run `startRun` started: each node's state (with progress), and its outcome once it ended. */
    runStatus() {
      const { runState } = useGraphStore.getState();
      const nodes = Object.fromEntries(
        Object.entries(runState).map(([id, state]) => [
          id,
          state.status === 'running' ? `running ${Math.round(state.progress * 100)}%` : state.status,
        ]),
      );
      if (!background) return { status: 'none' as const, nodes };
      if (!background.done) return { status: 'running' as const, nodes };
      return { status: 'ended' as const, nodes, result: background.result, error: background.error };
    },
    isArtifactRef,
    /** Counters for benchmarks: how many node frames have rendered so far. */
    diagnostics: () => ({ nodeFrameRenders: renderCounter.frames }),
  };
  return automation;
}

/** What a run of `run` comes back with. */
type RunResult = Awaited<ReturnType<ReturnType<typeof createAutomation>['run']>>;

export type Automation = ReturnType<typeof createAutomation>;

declare global {
  interface Window {
    reelgraph?: Automation;
  }
}
