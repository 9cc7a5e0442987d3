/**
 * The HTTP API's runs: each queued as it is asked for and run after the ones before it, in the one
 * headless app (so through the app's own queue, cache and budgets); what each made is written into
 * a folder of its own, from which its outputs are served.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appOutputsOf, extensionFor, type GraphDocument } from '../../graph-engine';
import { bindFiles, openGraph, type FileBinding } from '../app-driver';
import type { AppSession } from '../app-session';
import { finalOutputs, insideOutDir, outputFileNames, type FinalOutput } from '../outputs';
import type { ApiRun } from './shapes';

/** A run as the server prepared it: the app's graph with the inputs in place, its files judged. */
export interface RunOrder {
  app: ApiRun['app'];
  doc: GraphDocument;
  bindings: FileBinding[];
  maxCost: number;
  /** Where its uploaded files wait until bound (removed when the run ends). */
  uploads?: string;
}

interface Kept {
  run: ApiRun;
  order: RunOrder;
  /** Each output's file on disk, by name. */
  files: Map<string, string>;
  cancelled: boolean;
}

/** Runs kept in memory: the newest this many (their outputs stay on disk). */
const KEPT_RUNS = 1_000;

const now = () => new Date().toISOString();

/** What the run's graph hands back, each under a name of its own: the app's outputs, else its final nodes' media. */
function namedOutputs(doc: GraphDocument, made: Record<string, Record<string, unknown>>) {
  const taken = new Set<string>();
  return madeOutputs(doc, made).map(({ name, output }) => {
    let unique = name;
    for (let n = 2; taken.has(unique); n++) unique = `${name}~${n}`;
    taken.add(unique);
    return { name: unique, output };
  });
}

function madeOutputs(doc: GraphDocument, made: Record<string, Record<string, unknown>>) {
  const named: { name: string; output: FinalOutput }[] = [];
  const declared = appOutputsOf(doc);
  if (declared.length > 0) {
    for (const { name, from } of declared) {
      const outputs = finalOutputs(from.node, { [from.port]: made[from.node]?.[from.port] });
      for (const output of outputs)
        named.push({
          name: outputs.length > 1 && 'index' in output ? `${name}-${(output.index ?? 0) + 1}` : name,
          output,
        });
    }
    return named;
  }
  const feeds = new Set(doc.edges.map((edge) => edge.from.node));
  const finals = doc.nodes
    .filter((node) => !feeds.has(node.id))
    .flatMap((node) => finalOutputs(node.id, made[node.id] ?? {}));
  const names = outputFileNames(finals);
  return finals.map((output, at) => ({ name: names[at].replace(/\.[^.]+$/, ''), output }));
}

export class RunBook {
  private readonly runs = new Map<string, Kept>();
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly host: { app(): Promise<AppSession>; outDir: string }) {}

  /** Queues a run; it starts once the runs before it have ended. */
  add(order: RunOrder): ApiRun {
    const run: ApiRun = {
      id: crypto.randomUUID(),
      app: order.app,
      status: 'queued',
      createdAt: now(),
      maxCostUsd: order.maxCost,
      costUsd: 0,
      nodes: {},
      executed: [],
      fromCache: [],
      outputs: [],
    };
    const kept: Kept = { run, order, files: new Map(), cancelled: false };
    this.runs.set(run.id, kept);
    for (const [id, old] of this.runs) {
      if (this.runs.size <= KEPT_RUNS) break;
      if (old.run.status !== 'queued' && old.run.status !== 'running') this.runs.delete(id);
    }
    // A run that fails in a way of its own never holds up the ones after it.
    this.turn = this.turn.then(() => this.execute(kept)).catch(() => {});
    return { ...run };
  }

  /** A run as it stands; while it runs, with each node's state read from the app. */
  async get(id: string): Promise<ApiRun | undefined> {
    const kept = this.runs.get(id);
    if (!kept) return undefined;
    const run = structuredClone(kept.run);
    if (run.status !== 'running') return run;
    const app = await this.host.app();
    const nodes = await app.page.evaluate(() => {
      const { runState } = window.reelgraph!.state();
      return Object.fromEntries(
        Object.entries(runState).map(([node, state]) => [
          node,
          state.status === 'running' ? `running ${Math.round(state.progress * 100)}%` : state.status,
        ]),
      );
    });
    // Read while it ran; ended meanwhile, it is said as it ended (the page may show the next run's graph by now).
    return kept.run.status === 'running' ? { ...run, nodes } : structuredClone(kept.run);
  }

  /** An output's file on disk, with its type. */
  output(id: string, name: string): { path: string; mime: string } | undefined {
    const kept = this.runs.get(id);
    const path = kept?.files.get(name);
    const mime = kept?.run.outputs.find((output) => output.name === name)?.mime;
    return path && mime ? { path, mime } : undefined;
  }

  /** Cancels a run: one still queued never starts; one running stops, as Escape stops it (what was sent is polled, never sent again). */
  async cancel(id: string): Promise<ApiRun | undefined> {
    const kept = this.runs.get(id);
    if (!kept) return undefined;
    kept.cancelled = true;
    if (kept.run.status === 'queued') {
      kept.run.status = 'cancelled';
      kept.run.endedAt = now();
    } else if (kept.run.status === 'running') {
      await (await this.host.app()).page.evaluate(() => window.reelgraph!.cancel());
    }
    return this.get(id);
  }

  /** Stops taking runs: those still queued are cancelled. */
  close(): void {
    for (const kept of this.runs.values()) if (kept.run.status === 'queued') void this.cancel(kept.run.id);
  }

  private async execute(kept: Kept): Promise<void> {
    const { run, order } = kept;
    if (kept.cancelled) return void this.cleanUp(order);
    run.status = 'running';
    run.startedAt = now();
    try {
      const app = await this.host.app();
      await openGraph(app, order.doc);
      await bindFiles(app, order.bindings);
      if (kept.cancelled) {
        run.status = 'cancelled';
        return;
      }
      const summary = await app.page.evaluate((maxCost) => window.reelgraph!.run(undefined, maxCost), order.maxCost);
      if (summary.status === 'declined') {
        run.status = 'declined';
        run.estimateUsd = summary.estimate;
        run.error =
          summary.message ??
          `not run: it would cost about $${summary.estimate.toFixed(2)}, above max_cost $${order.maxCost.toFixed(2)}; nothing was sent`;
        return;
      }
      // Nobody is there to pick: stopped at a Pick, it ends there (run again with auto_pick).
      if (summary.status === 'waiting') await app.page.evaluate(() => window.reelgraph!.stayAtPick());
      run.costUsd = summary.cost;
      run.executed = summary.executed;
      run.fromCache = summary.reused;
      run.nodes = Object.fromEntries(Object.entries(summary.runState).map(([node, state]) => [node, state.status]));
      const failed = summary.failed.map((node) => {
        const state = summary.runState[node];
        return `node "${node}": ${state?.status === 'failed' ? state.message : 'failed'}`;
      });
      if (failed.length > 0) run.error = failed.join('; ');
      if (summary.status === 'waiting')
        run.error = `it stopped at ${summary.waiting.map((node) => `"${node}"`).join(', ')} for a pick: run again with auto_pick`;
      // Written while its graph is the open one: an MP4 carries the graph that made it.
      await this.keepOutputs(app, kept, summary.outputs);
      run.status = summary.status;
    } catch (error) {
      run.status = 'failed';
      const message = error instanceof Error ? error.message : String(error);
      run.error = /Error: (.*)/.exec(message)?.[1] ?? message.split('\n')[0];
    } finally {
      run.endedAt = now();
      this.cleanUp(order);
    }
  }

  private async keepOutputs(app: AppSession, kept: Kept, made: Record<string, Record<string, unknown>>) {
    const folder = join(this.host.outDir, kept.run.id);
    const taken = new Set<string>();
    for (const { name, output } of namedOutputs(kept.order.doc, made)) {
      if (!('artifact' in output)) continue;
      const { artifact } = output;
      mkdirSync(folder, { recursive: true });
      // A file of its own per output, whatever names look alike once made safe for a disk.
      const stem = name.replace(/[^\w.-]+/g, '_');
      let file = `${stem}.${extensionFor(artifact.mime)}`;
      for (let n = 2; taken.has(file.toLowerCase()); n++) file = `${stem}~${n}.${extensionFor(artifact.mime)}`;
      taken.add(file.toLowerCase());
      const path = insideOutDir(folder, file);
      const sent = await app.page.evaluate(({ hash, url }) => window.reelgraph!.sendArtifact(hash, url), {
        hash: artifact.$artifact,
        url: app.host.receive(path),
      });
      if (!sent) continue;
      kept.files.set(name, path);
      kept.run.outputs.push({
        name,
        mime: artifact.mime,
        // As written: an MP4 leaves carrying its graph.
        bytes: statSync(path).size,
        url: `/v1/runs/${kept.run.id}/outputs/${encodeURIComponent(name)}`,
        ...(artifact.meta ? { meta: artifact.meta as Record<string, unknown> } : {}),
      });
    }
  }

  private cleanUp(order: RunOrder) {
    if (order.uploads) rmSync(order.uploads, { recursive: true, force: true });
  }
}
