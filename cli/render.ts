/**
 * `npm run render -- <graph.json> --out <file> [--file <nodeId>=<path>]...`
 * Loads the graph in the real app in headless Chromium, runs it, writes the final node's media
 * (with --out-dir, every final node's) and prints what ran, what came from the cache, time and cost.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { instanceOutputs } from '../graph-engine';
import { startApp, type AppSession } from './app-session';
import { CliError, runCli } from './cli-error';
import { finalOutputs, insideOutDir, outputFileNames, safeStem, type FinalOutput } from './outputs';
import { handoffAt, writeHandoff } from './handoff-files';
import { parseCommandLine, planRender } from './render-plan';
import { Interrupted, watchInterrupts } from './interrupt';
import { say, warn } from './terminal';
import { describeInputs } from './app-inputs';
import { readGraphFile } from './read-graph';
import { nodeRegistry } from '../nodes';

const NAME = 'reelgraph render';
const interrupts = watchInterrupts(NAME);

type App = AppSession;

/** `--uncertain` and `--forget`: the profile's submits that may have been billed, as Settings → Submits lists them. */
async function uncertainSubmits({ page }: App, forget: string | undefined): Promise<number> {
  if (forget !== undefined) {
    const found = await page.evaluate((id) => window.reelgraph!.forget(id), forget);
    if (found !== 1)
      throw new CliError(
        found === 0
          ? `--forget ${forget}: no submit that may have been billed has that id (--uncertain lists them)`
          : `--forget ${forget}: ${found} submits start with that id; give more of it`,
      );
    say(
      `forgot ${forget}: the next render that needs it sends it again. If the provider did make it, you pay twice: check your usage with the provider first.`,
    );
    return 0;
  }
  const records = await page.evaluate(() => window.reelgraph!.uncertain());
  if (records.length === 0) say('no submit in this profile may have been billed without a result');
  for (const record of records)
    say(
      `${record.id}  ${new Date(record.submittedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC  ${record.provider} · ${record.model}${record.message ? ` (${record.message})` : ''}`,
    );
  if (records.length > 0)
    say(
      `each may have been made and billed, so none is sent again on its own. Check your usage with the provider; --forget <id> lets the next render send it again (you may pay twice).`,
    );
  return 0;
}

/**
 * Runs another render left in the profile (interrupted or killed) first, or drops it, or says in
 * one line that it is there; returns what the resumed runs spent, taken from --max-cost.
 */
async function unfinishedRuns({ page }: App, choice: 'resume' | 'drop' | undefined, maxCost: number): Promise<number> {
  const left = await page.evaluate(() => window.reelgraph!.unfinished());
  if (left.length === 0) return 0;
  const names = left.map((run) => `“${run.graphName}”`).join(', ');
  const what = `${left.length === 1 ? 'an unfinished run' : `${left.length} unfinished runs`} of ${names}`;
  if (choice === 'drop') {
    await page.evaluate(() => window.reelgraph!.dropUnfinished());
    say(
      `dropped ${what}: cloud tasks it sent stay saved, so a render of that graph polls them, never sends them again`,
    );
    return 0;
  }
  if (choice === undefined) {
    warn(
      `${NAME}: this profile holds ${what}, left by a render that did not finish: not run. --resume-unfinished runs it first (priced and capped like any run; what it sent is polled, never sent again), --drop-unfinished drops it`,
    );
    return 0;
  }
  let spent = 0;
  const outcomes = await page.evaluate((allowed) => window.reelgraph!.resumeUnfinished(allowed), maxCost);
  for (const outcome of outcomes) {
    spent += outcome.cost;
    if (outcome.status === 'done') say(`resumed “${outcome.graphName}”: done, cost $${outcome.cost.toFixed(2)}`);
    else
      throw new CliError(
        `the unfinished run of “${outcome.graphName}” ${outcome.status === 'held' || outcome.status === 'over-budget' ? `was not resumed: ${outcome.message}` : `ended ${outcome.status}`}`,
      );
  }
  return spent;
}

runCli(NAME, async () => {
  const options = parseCommandLine();
  if ('uncertain' in options && options.uncertain) {
    const app = await startApp(options.profile);
    try {
      return await uncertainSubmits(app, options.uncertain.forget);
    } finally {
      await app.close();
    }
  }
  if (options.listInputs !== undefined) {
    say(describeInputs(readGraphFile(options.listInputs).doc, nodeRegistry));
    return 0;
  }
  const { doc, text, bindings, finals, flat } = planRender(options);
  const kinds = new Map(doc.nodes.map((node) => [node.id, node.kind]));
  interrupts.check();
  const app = await startApp(options.profile);
  const { page, began } = app;
  // A signal from here on stops the run: cancelled upstream where the provider allows, its queue
  // row and spend rows settled, before Chromium closes.
  interrupts.onStop(() => void page.evaluate(() => window.reelgraph?.stopAll()).catch(() => {}));
  try {
    say(app.timing);
    // The caps are saved first: a resumed run meets them too.
    if (options.budgets.dailyCapUsd !== undefined || options.budgets.graphCapUsd !== undefined)
      await page.evaluate((budgets) => window.reelgraph!.setBudgets(budgets), options.budgets);
    const resumedCost = await unfinishedRuns(app, options.unfinished, options.maxCost);
    interrupts.check();
    const loaded = await page.evaluate((json) => window.reelgraph!.loadGraph(json), text);
    if (!loaded.ok)
      throw new CliError(`the app refused the graph: ${loaded.errors[0].path}: ${loaded.errors[0].message}`);
    for (const { nodeId, mime, path } of bindings) {
      // Streamed from disk at an address only this page is given: a file of any size, never one
      // message through the automation channel (which fails near 64 MB).
      await page
        .evaluate(({ nodeId, url, mime }) => window.reelgraph!.bindFileFrom(nodeId, url, mime), {
          nodeId,
          mime,
          url: app.host.offer(resolve(path), mime),
        })
        .catch((error: unknown) => {
          // The app's own reason (it does not decode, it holds no sound), without Playwright's wrapping.
          const reason = /Error: (.*)/.exec(error instanceof Error ? error.message : String(error))?.[1];
          throw new CliError(`--file ${nodeId}=${path}: ${reason ?? String(error)}`);
        });
    }
    if (options.autoPick) {
      // Inside components too: a Pick there is set for its instance by its path id.
      for (const node of flat.nodes.filter((candidate) => candidate.kind === 'pick')) {
        await page.evaluate((id) => window.reelgraph!.setParams(id, { autoPick: true }), node.id);
      }
    }
    interrupts.check();
    // --max-cost caps what this render spends, a resumed run included.
    const allowed = Math.max(0, options.maxCost - resumedCost);
    const summary = await page.evaluate(({ targets, maxCost }) => window.reelgraph!.run(targets, maxCost), {
      targets: options.nodes.length > 0 ? options.nodes : undefined,
      maxCost: allowed,
    });
    interrupts.check();
    if (summary.status === 'declined') {
      if (summary.message) throw new CliError(summary.message);
      throw new CliError(
        `this run would cost about $${summary.estimate.toFixed(2)} in cloud generations, above --max-cost $${allowed.toFixed(2)}${resumedCost > 0 ? ` (after $${resumedCost.toFixed(2)} for the resumed run)` : ''}; pass --max-cost ${Math.ceil(summary.estimate + resumedCost)} to allow it`,
      );
    }
    // A component's instance made what its border outputs carry.
    const outputsAt = (nodeId: string) =>
      summary.outputs[nodeId] ?? instanceOutputs(flat, nodeId, (node) => summary.outputs[node]) ?? {};

    const seconds = ((performance.now() - began) / 1000).toFixed(2);
    // Where a node split into takes, how many were made now and how many were already made.
    const takes =
      Object.keys(summary.takes).length > 0
        ? `, ${summary.executedTakes} take${summary.executedTakes === 1 ? '' : 's'} run (${summary.reusedTakes} already made)`
        : '';
    const line = `${summary.executed.length} node${summary.executed.length === 1 ? '' : 's'} executed, ${summary.reused.length} from cache, ${(summary.durationMs / 1000).toFixed(2)} s run (${seconds} s total), cost $${summary.cost.toFixed(2)}${takes}`;
    const write = async (outputs: FinalOutput[]) => {
      const written: string[] = [];
      const names = outputFileNames(outputs);
      for (const [at, output] of outputs.entries()) {
        const target = options.out ? resolve(options.out) : insideOutDir(options.outDir!, names[at]);
        mkdirSync(dirname(target), { recursive: true });
        if ('text' in output) writeFileSync(target, output.text);
        else {
          // Streamed to disk from the page: an output of any size (a 4K cut), never one automation message.
          const sent = await page.evaluate(({ hash, url }) => window.reelgraph!.sendArtifact(hash, url), {
            hash: output.artifact.$artifact,
            url: app.host.receive(target),
          });
          if (!sent) throw new CliError(`the output of "${output.nodeId}" is missing from the cache`);
        }
        written.push(target);
      }
      return written;
    };
    if (summary.status !== 'done') {
      for (const [nodeId, state] of Object.entries(summary.runState)) {
        // The first failure is the last line's reason: said once, there.
        if (state.status === 'failed' && nodeId !== summary.failed[0]) warn(`  ✗ ${nodeId}: ${state.message}`);
        if (state.status === 'invalid') for (const issue of state.issues) warn(`  ✗ ${nodeId}: ${issue.message}`);
      }
      // --out-dir keeps what was made (paid takes above all): the final nodes' results, and the
      // takes of the nodes that failed part-way.
      if (options.outDir && summary.status === 'failed') {
        const made = [
          ...finals.flatMap((nodeId) => finalOutputs(nodeId, outputsAt(nodeId))),
          ...summary.failed.flatMap((nodeId) => finalOutputs(nodeId, summary.partial[nodeId] ?? {})),
        ];
        if (made.length > 0) say(`wrote what was made: ${(await write(made)).join(', ')}`);
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

    const outputs: FinalOutput[] = options.formats.has('mp4')
      ? finals.flatMap((nodeId) => finalOutputs(nodeId, outputsAt(nodeId)))
      : [];
    if (options.out && options.formats.has('mp4') && outputs.length !== 1) {
      throw new CliError(`the final node makes ${outputs.length} outputs; use --out-dir to write them all`);
    }
    const written = await write(outputs);
    // An Assemble's cut for an editor, in the formats asked for, beside its media.
    if (options.formats.has('otio') || options.formats.has('fcp7xml')) {
      const cuts = finals.filter((id) => kinds.get(id) === 'assemble');
      // Two node ids that make one name (on a disk that ignores case too) are told apart by a number.
      const taken = new Set<string>();
      for (const nodeId of cuts) {
        let stem = safeStem(nodeId);
        for (let n = 2; taken.has(stem.toLowerCase()); n++) stem = `${safeStem(nodeId)}~${n}`;
        taken.add(stem.toLowerCase());
        const targets = options.out
          ? handoffAt(options.out, options.formats.has('otio') ? 'otio' : 'fcp7xml')
          : {
              ...(options.formats.has('otio') ? { otio: insideOutDir(options.outDir!, `${stem}.otio`) } : {}),
              ...(options.formats.has('fcp7xml') ? { fcp7xml: insideOutDir(options.outDir!, `${stem}.xml`) } : {}),
              mediaFolder: `${stem}-media`,
            };
        written.push(...(await writeHandoff(page, app.host.receive, nodeId, targets)));
      }
    }
    say(`rendered ${written.join(', ')}`);
    say(line);
    if (summary.executed.length > 0) say(`executed: ${summary.executed.join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof Interrupted) {
      const uncertain = await page.evaluate(() => window.reelgraph!.uncertain()).catch(() => []);
      warn(
        `${NAME}: stopped by ${error.signal}: the run was cancelled (upstream where the provider allows; a task that runs on is counted, and collected by the next render); what finished is cached${uncertain.length > 0 ? `; ${uncertain.length} submit${uncertain.length === 1 ? '' : 's'} may have been billed: npm run render -- --uncertain lists ${uncertain.length === 1 ? 'it' : 'them'}` : ''}`,
      );
      return error.exitCode;
    }
    if (error instanceof CliError) throw error;
    const gone = /closed|crashed|disconnected/i.test(String(error));
    throw new CliError(
      gone
        ? 'Chromium stopped during the render (the cache keeps every node that finished; run again to go on)'
        : `the render failed: ${String(error).split('\n')[0]}`,
    );
  } finally {
    await app.close();
  }
});
