/**
 * `npm run render -- <graph.json> --out <file> [--file <nodeId>=<path>]...`
 * Loads the graph in the real app in headless Chromium, runs it, writes the final node's media
 * (with --out-dir, every final node's) and prints what ran, what came from the cache, time and cost.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validateGraph } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { appBuild } from './app-build';
import { CliError, runCli } from './cli-error';
import { finalOutputs, insideOutDir, outputFileNames, type FinalOutput } from './outputs';
import { defaultProfileDir } from './profile';
import { judgePhoto, PHOTO_HEAD_BYTES } from '../src/media/photo-check';
import { preflight } from './preflight';
import { readGraphFile } from './read-graph';
import { say, warn } from './terminal';

const USAGE =
  'usage: npm run render -- <graph.json> (--out <file> | --out-dir <dir>) [--node <nodeId>]... [--file <nodeId>=<path>]... [--auto-pick] [--max-cost <usd>] [--daily-cap <usd>] [--graph-cap <usd>] [--profile <dir>]';

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'out-dir': { type: 'string' },
        file: { type: 'string', multiple: true, default: [] },
        node: { type: 'string', multiple: true, default: [] },
        profile: { type: 'string' },
        'auto-pick': { type: 'boolean', default: false },
        'max-cost': { type: 'string', default: '0' },
        'daily-cap': { type: 'string' },
        'graph-cap': { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new CliError(USAGE);
  if (!values.out === !values['out-dir']) throw new CliError(`give exactly one of --out and --out-dir. ${USAGE}`);
  const files = values.file.map((binding) => {
    const at = binding.indexOf('=');
    if (at <= 0 || at === binding.length - 1) throw new CliError(`--file ${binding}: expected <nodeId>=<path>`);
    return { nodeId: binding.slice(0, at), path: binding.slice(at + 1) };
  });
  const dollars = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const amount = Number(value);
    if (!Number.isFinite(amount) || amount < 0)
      throw new CliError(`--${flag} ${value}: expected dollars, e.g. --${flag} 5`);
    return amount;
  };
  const maxCost = dollars('max-cost', values['max-cost'])!;
  // Saved in the profile like Settings → Cost: the caps count what this profile spent before.
  const budgets = {
    dailyCapUsd: dollars('daily-cap', values['daily-cap']),
    graphCapUsd: dollars('graph-cap', values['graph-cap']),
  };
  return {
    graphPath: positionals[0],
    out: values.out,
    outDir: values['out-dir'],
    files,
    nodes: values.node,
    profile: values.profile ?? defaultProfileDir(),
    autoPick: values['auto-pick'],
    maxCost,
    budgets,
  };
}

function readBinding(nodeId: string, path: string, kinds: ReadonlyMap<string, string>) {
  const kind = kinds.get(nodeId);
  if (!kind) throw new CliError(`--file ${nodeId}=${path}: the graph has no node "${nodeId}"`);
  // What a kind takes is declared once, on the kind (the canvas's drops read the same).
  const takes = nodeRegistry.get(kind)?.files;
  if (!takes) throw new CliError(`--file ${nodeId}=${path}: node "${nodeId}" is a ${kind} node, which takes no file`);
  const mime = takes.extensions[extname(path).toLowerCase()];
  if (!mime) throw new CliError(`--file ${nodeId}=${path}: a ${kind} node takes ${takes.what}`);
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new CliError(`--file ${nodeId}=${path}: not a file`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `--file ${nodeId}=${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  // A photo is judged from its bytes here, before Chromium starts; whether it decodes, as it is bound.
  if (takes.media === 'image') {
    const verdict = judgePhoto(bytes.subarray(0, PHOTO_HEAD_BYTES), bytes.length);
    if (!verdict.ok && 'problem' in verdict) throw new CliError(`--file ${nodeId}=${path}: ${verdict.problem}`);
  }
  return { nodeId, mime, bytes, path };
}

runCli('reelgraph render', async () => {
  const options = parseCommandLine();
  const { doc, text } = readGraphFile(options.graphPath);
  const kinds = new Map(doc.nodes.map((node) => [node.id, node.kind]));
  const bindings = options.files.map(({ nodeId, path }) => readBinding(nodeId, path, kinds));
  for (const id of options.nodes) if (!kinds.has(id)) throw new CliError(`--node ${id}: the graph has no node "${id}"`);
  // Whatever can be judged without Chromium is judged first, in a moment.
  preflight(doc, nodeRegistry, {
    path: options.graphPath,
    targets: options.nodes,
    bindings,
    autoPick: options.autoPick,
  });
  const validation = validateGraph(doc, nodeRegistry);
  // The nodes whose media is written: those asked for, else the final ones (nothing downstream).
  const finals =
    options.nodes.length > 0
      ? options.nodes
      : doc.nodes.filter((node) => validation.index.outgoing.get(node.id)!.length === 0).map((node) => node.id);
  if (finals.length === 0) throw new CliError(`${options.graphPath} has no nodes to render`);
  if (options.out && finals.length > 1)
    throw new CliError(
      `the graph has ${finals.length} final nodes (${finals.join(', ')}); use --out-dir to write each`,
    );

  const began = performance.now();
  let build;
  try {
    build = await appBuild();
  } catch (error) {
    throw new CliError(
      `could not build the app: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  // Loaded only now: Playwright alone takes most of a second to import, which a refusal need not wait for.
  const [{ launchProfile }, { hostApp }] = await Promise.all([import('./browser'), import('./app-host')]);
  mkdirSync(options.profile, { recursive: true });
  let context;
  try {
    context = await launchProfile(options.profile);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(
      /ProcessSingleton|already in use|lock/i.test(message)
        ? `the profile ${options.profile} is in use by another render`
        : message.split('\n')[0],
    );
  }
  const chromiumMs = performance.now() - began - (build.builtMs ?? 0);
  const host = await hostApp(context, build.dir);
  // Anything that goes wrong in the plumbing ends the render with its reason, not a stack trace.
  const plumbing = (what: string) => (error: unknown) => {
    throw new CliError(
      `${what}${host.failure() ? ` (${host.failure()})` : ''}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(host.origin).catch(plumbing('the app did not load in Chromium'));
    await page
      .waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 120_000 })
      .catch(() => {
        throw new CliError(
          `the app did not start in Chromium${pageErrors[0] ? `: ${pageErrors[0]}` : host.failure() ? `: ${host.failure()}` : ''}`,
        );
      });
    const startedMs = performance.now() - began;
    say(
      `started in ${(startedMs / 1000).toFixed(2)} s: ${build.builtMs !== undefined ? `built the app for this version in ${(build.builtMs / 1000).toFixed(2)} s, ` : ''}Chromium ${(chromiumMs / 1000).toFixed(2)} s, the app ${((startedMs - chromiumMs - (build.builtMs ?? 0)) / 1000).toFixed(2)} s`,
    );

    const loaded = await page.evaluate((json) => window.reelgraph!.loadGraph(json), text);
    if (!loaded.ok)
      throw new CliError(`the app refused the graph: ${loaded.errors[0].path}: ${loaded.errors[0].message}`);
    for (const { nodeId, mime, bytes, path } of bindings) {
      await page
        .evaluate(({ nodeId, base64, mime }) => window.reelgraph!.bindFile(nodeId, base64, mime), {
          nodeId,
          mime,
          base64: bytes.toString('base64'),
        })
        .catch((error: unknown) => {
          // The app's own reason (it does not decode, it holds no sound), without Playwright's wrapping.
          const reason = /Error: (.*)/.exec(error instanceof Error ? error.message : String(error))?.[1];
          throw new CliError(`--file ${nodeId}=${path}: ${reason ?? String(error)}`);
        });
    }
    if (options.autoPick) {
      for (const node of doc.nodes.filter((candidate) => candidate.kind === 'pick')) {
        await page.evaluate((id) => window.reelgraph!.setParams(id, { autoPick: true }), node.id);
      }
    }
    if (options.budgets.dailyCapUsd !== undefined || options.budgets.graphCapUsd !== undefined)
      await page.evaluate((budgets) => window.reelgraph!.setBudgets(budgets), options.budgets);
    const summary = await page.evaluate(({ targets, maxCost }) => window.reelgraph!.run(targets, maxCost), {
      targets: options.nodes.length > 0 ? options.nodes : undefined,
      maxCost: options.maxCost,
    });
    if (summary.status === 'declined') {
      if (summary.message) throw new CliError(summary.message);
      throw new CliError(
        `this run would cost about $${summary.estimate.toFixed(2)} in cloud generations, above --max-cost $${options.maxCost.toFixed(2)}; pass --max-cost ${Math.ceil(summary.estimate)} to allow it`,
      );
    }

    const seconds = ((performance.now() - began) / 1000).toFixed(2);
    // Where a node split into takes, how many were made now and how many were already made.
    const takes =
      Object.keys(summary.takes).length > 0
        ? `, ${summary.executedTakes} take${summary.executedTakes === 1 ? '' : 's'} run (${summary.reusedTakes} already made)`
        : '';
    const line = `${summary.executed.length} node${summary.executed.length === 1 ? '' : 's'} executed, ${summary.reused.length} from cache, ${(summary.durationMs / 1000).toFixed(2)} s run (${seconds} s total), cost $${summary.cost.toFixed(2)}${takes}`;
    if (summary.status !== 'done') {
      for (const [nodeId, state] of Object.entries(summary.runState)) {
        if (state.status === 'failed') warn(`  ✗ ${nodeId}: ${state.message}`);
        if (state.status === 'invalid') for (const issue of state.issues) warn(`  ✗ ${nodeId}: ${issue.message}`);
      }
      const waiting = summary.waiting[0];
      const failed = summary.failed[0];
      const failure = failed ? summary.runState[failed] : undefined;
      const reason =
        summary.status === 'waiting'
          ? `node "${waiting}" is waiting for a pick: store a choice in the graph, or pass --auto-pick`
          : summary.status === 'cancelled'
            ? 'the run was cancelled'
            : failure?.status === 'failed'
              ? `node "${failed}" failed: ${failure.message}`
              : `the graph has problems (${line})`;
      throw new CliError(reason);
    }

    const outputs: FinalOutput[] = finals.flatMap((nodeId) => finalOutputs(nodeId, summary.outputs[nodeId] ?? {}));
    if (options.out && outputs.length !== 1) {
      throw new CliError(`the final node makes ${outputs.length} outputs; use --out-dir to write them all`);
    }
    const written: string[] = [];
    const names = outputFileNames(outputs);
    for (const [at, output] of outputs.entries()) {
      const target = options.out ? resolve(options.out) : insideOutDir(options.outDir!, names[at]);
      mkdirSync(dirname(target), { recursive: true });
      if ('text' in output) writeFileSync(target, output.text);
      else {
        const media = await page.evaluate((hash) => window.reelgraph!.readArtifact(hash), output.artifact.$artifact);
        if (!media) throw new CliError(`the output of "${output.nodeId}" is missing from the cache`);
        writeFileSync(target, Buffer.from(media.base64, 'base64'));
      }
      written.push(target);
    }
    say(`rendered ${written.join(', ')}`);
    say(line);
    if (summary.executed.length > 0) say(`executed: ${summary.executed.join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const gone = /closed|crashed|disconnected/i.test(String(error));
    throw new CliError(
      gone
        ? 'Chromium stopped during the render (the cache keeps every node that finished; run again to go on)'
        : `the render failed: ${String(error).split('\n')[0]}`,
    );
  } finally {
    await context.close().catch(() => {});
    await host.close();
  }
});
