import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { validateGraph, type EdgeDoc, type GraphDocument, type NodeDoc, type RunState } from '../graph-engine';
import { nodeDefs, nodeRegistry, portsOfNode } from '../nodes';
import { newNode } from '../nodes/new-node';
import { LOCAL_CAMERA_MOVE, LOCAL_LABEL } from '../nodes/animate/schema';
import { isRetired } from '../nodes/models/model';
import { CATALOG } from '../src/providers/cloud/catalog';
import { TEMPLATES } from '../src/templates/gallery';
import { safeFileName } from '../src/storage/save-file';
import { bindFiles, judgeFiles, openGraph, openState, withAutoPick } from './app-driver';
import type { AppSession } from './app-session';
import { applyInputs, describeInputs } from './app-inputs';
import { CliError } from './cli-error';
import { finalOutputs, insideOutDir, outputFileNames } from './outputs';
import { printable } from './terminal';

/** Where an agent works: the app on the person's profile (started on first use, kept warm) and the folder outputs go to. */
export interface Workspace {
  app(): Promise<AppSession>;
  outDir: string;
}

type Answer = { content: { type: 'text'; text: string }[]; isError?: boolean };
const answer = (value: unknown): Answer => ({
  content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }],
});
const refuse = (message: string): Answer => ({ content: [{ type: 'text', text: message }], isError: true });

/** The tool calls in flight, one after another: an edit never reads a graph another call is changing. */
let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs a tool after the calls before it, turning a refusal (ours, or the app's) into an error answer
 * with its reason, never a crash; what it says carries no key known from the environment.
 */
function told(work: () => Promise<Answer>): Promise<Answer> {
  const mine = turn.then(async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CliError) return refuse(error.message);
      // The app's own reason, without Playwright's wrapping.
      const message = error instanceof Error ? error.message : String(error);
      return refuse(/Error: (.*)/.exec(message)?.[1] ?? message.split('\n')[0]);
    }
  });
  turn = mine;
  return mine.then(({ content, isError }) => ({
    content: content.map((part) => ({ ...part, text: printable(part.text) })),
    ...(isError ? { isError } : {}),
  }));
}

/** The open graph as the page holds it, with each node's state and what it made. */
const current = (app: AppSession) => openState(app, 'no graph is open: create one with create_graph');

/** A graph in a form an agent can reason about: nodes with their settings and state, wires as `node.port -> node.port`. */
function compact(doc: GraphDocument, runState: RunState) {
  return {
    id: doc.id,
    name: doc.name,
    nodes: doc.nodes.map((node) => {
      const state = runState[node.id];
      const ports = portsOfNode(node, doc.components);
      return {
        id: node.id,
        kind: node.kind,
        ...(node.title ? { title: node.title } : {}),
        params: node.params,
        inputs: Object.keys(ports.inputs),
        outputs: Object.keys(ports.outputs),
        status: state?.status ?? 'idle',
        ...(state?.status === 'invalid' ? { problems: state.issues.map((issue) => issue.message) } : {}),
        ...(state?.status === 'failed' ? { problems: [state.message] } : {}),
      };
    }),
    wires: doc.edges.map((edge) => `${edge.from.node}.${edge.from.port} -> ${edge.to.node}.${edge.to.port}`),
  };
}

/** Settings judged as the kind takes them; refused, naming `where` and the first thing that does not fit. */
function checkParams(kind: string, params: Record<string, unknown>, where: string): void {
  const def = nodeRegistry.get(kind);
  if (!def) throw new CliError(`${where} is of a kind this app does not know ("${kind}")`);
  const checked = def.params.safeParse(params);
  if (checked.success) return;
  const [issue] = checked.error.issues;
  throw new CliError(`${where}: ${issue.path.join('.') || 'settings'}: ${issue.message}`);
}

/** `node.port`, split; refused in words when it is not that shape. */
function portRef(text: string): { node: string; port: string } {
  const at = text.lastIndexOf('.');
  if (at <= 0 || at === text.length - 1) throw new CliError(`"${text}" is not node.port`);
  return { node: text.slice(0, at), port: text.slice(at + 1) };
}

/** Problems a structural edit would leave that the graph did not have: it is refused with them. */
function newProblems(before: GraphDocument, after: GraphDocument): string[] {
  const structural = new Set([
    'unknown-kind',
    'dangling-edge',
    'unknown-port',
    'type-mismatch',
    'too-many-edges',
    'cycle',
  ]);
  const said = (doc: GraphDocument) =>
    validateGraph(doc, nodeRegistry)
      .issues.filter((issue) => structural.has(issue.code))
      .map((issue) => `node "${issue.nodeId}"${issue.port ? ` · ${issue.port}` : ''}: ${issue.message}`);
  const had = new Set(said(before));
  return said(after).filter((problem) => !had.has(problem));
}

/** What a model costs, in the catalog's own terms. */
const MODELS = [
  {
    id: LOCAL_CAMERA_MOVE,
    label: LOCAL_LABEL,
    kind: 'video',
    provider: 'local',
    price: 'free (runs on this computer)',
  },
  ...CATALOG.filter((model) => !model.unavailable && !isRetired(model)).map((model) => ({
    id: model.id,
    label: model.label,
    kind: model.kind,
    provider: model.provider,
    ...(model.kind === 'video'
      ? { price: model.price, capabilities: model.capabilities }
      : { pricePerImageUsd: model.sizes, maxCount: model.maxCount, takesReference: model.reference }),
  })),
];

/**
 * The tools an agent drives Reelgraph with: templates, the open graph (read, edit, bind a file),
 * the estimate, a run under a required cost cap, its outputs as files, the models and the ledger.
 * No tool takes or returns a key: keys come from the environment or the profile, as for the CLI.
 */
export function registerTools(server: McpServer, workspace: Workspace): void {
  server.registerTool(
    'list_templates',
    {
      title: 'List templates and library items',
      description:
        'The templates a graph can start from (built in, and those saved in this profile’s library, by id), and the components in the library.',
    },
    () =>
      told(async () => {
        const library = await (await workspace.app()).page.evaluate(() => window.reelgraph!.library());
        return answer({
          builtIn: TEMPLATES.map(({ id, title, description, offline }) => ({ id, title, description, offline })),
          library: library.templates,
          components: library.components,
        });
      }),
  );

  server.registerTool(
    'save_template',
    {
      title: 'Save the graph as a template',
      description: 'Keeps the open graph in the library as a template (its next version when it changed since).',
      inputSchema: { name: z.string().min(1).max(200), description: z.string().max(2_000).optional() },
    },
    ({ name, description }) =>
      told(async () => {
        const app = await workspace.app();
        await current(app);
        const saved = await app.page.evaluate(
          ({ name, description }) => window.reelgraph!.saveTemplate(name, description),
          { name, description },
        );
        if (!saved) throw new CliError('the graph was not saved as a template');
        return answer(saved);
      }),
  );

  server.registerTool(
    'create_graph',
    {
      title: 'Create a graph',
      description:
        'Makes a new graph from a template (a built-in id, or a library template’s id from list_templates) and opens it; every other tool acts on the open graph.',
      inputSchema: {
        template: z.string().min(1).max(300),
        name: z.string().min(1).max(200).optional(),
      },
    },
    ({ template, name }) =>
      told(async () => {
        const app = await workspace.app();
        const builtIn = TEMPLATES.find((candidate) => candidate.id === template)?.build();
        const kept = builtIn
          ? undefined
          : (await app.page.evaluate((id) => window.reelgraph!.libraryTemplate(id), template))?.doc;
        const from = builtIn ?? kept;
        if (!from) throw new CliError(`no template "${template}": list_templates lists them`);
        // A new graph of its own: the library's template is never changed by what is done to it.
        const doc = { ...from, id: crypto.randomUUID() };
        await openGraph(app, name ? { ...doc, name } : doc);
        const { doc: opened, runState } = await current(app);
        return answer(compact(opened, runState));
      }),
  );

  server.registerTool(
    'read_graph',
    {
      title: 'Read the graph',
      description: 'The open graph: its nodes (kind, settings, ports, state, problems) and wires.',
    },
    () =>
      told(async () => {
        const { doc, runState } = await current(await workspace.app());
        return answer(compact(doc, runState));
      }),
  );

  server.registerTool(
    'set_params',
    {
      title: 'Set a node’s settings',
      description: 'Changes some settings of a node; checked against the node kind’s settings first.',
      inputSchema: { node: z.string().min(1), params: z.record(z.string(), z.unknown()) },
    },
    ({ node, params }) =>
      told(async () => {
        const app = await workspace.app();
        const { doc } = await current(app);
        const found = doc.nodes.find((candidate) => candidate.id === node);
        if (!found) throw new CliError(`the graph has no node "${node}"`);
        checkParams(found.kind, { ...found.params, ...params }, `node "${node}"`);
        await app.page.evaluate(({ node, params }) => window.reelgraph!.setParams(node, params), { node, params });
        const after = await current(app);
        return answer(compact(after.doc, after.runState));
      }),
  );

  server.registerTool(
    'edit_graph',
    {
      title: 'Edit the graph',
      description:
        'Adds nodes (by kind), removes nodes, connects and disconnects wires (as "node.port"), as one edit; refused, changing nothing, when it would leave a wire that cannot be.',
      inputSchema: {
        add: z
          .array(
            z.object({
              id: z.string().min(1).max(100).optional(),
              kind: z.enum(nodeDefs.map((def) => def.kind) as [string, ...string[]]),
              params: z.record(z.string(), z.unknown()).optional(),
            }),
          )
          .optional(),
        remove: z.array(z.string()).optional(),
        connect: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
        disconnect: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
      },
    },
    ({ add = [], remove = [], connect = [], disconnect = [] }) =>
      told(async () => {
        const app = await workspace.app();
        const { doc } = await current(app);
        const ids = new Set(doc.nodes.map((node) => node.id));
        for (const id of remove) if (!ids.has(id)) throw new CliError(`remove: the graph has no node "${id}"`);
        const right = Math.max(0, ...doc.nodes.map((node) => node.position.x + 360));
        const added: NodeDoc[] = add.map((entry, at) => {
          if (entry.id && ids.has(entry.id)) throw new CliError(`add: the graph has a node "${entry.id}" already`);
          return newNode(entry.kind as never, {
            id: entry.id,
            position: { x: right, y: at * 320 },
            params: entry.params,
          });
        });
        for (const node of added) checkParams(node.kind, node.params, `add ${node.kind}`);
        const gone = new Set(remove);
        const same = (edge: EdgeDoc, wire: { from: string; to: string }) =>
          `${edge.from.node}.${edge.from.port}` === wire.from && `${edge.to.node}.${edge.to.port}` === wire.to;
        for (const wire of disconnect)
          if (!doc.edges.some((edge) => same(edge, wire)))
            throw new CliError(`disconnect: no wire ${wire.from} -> ${wire.to}`);
        const wires: EdgeDoc[] = connect.map((wire) => ({
          id: `edge-${crypto.randomUUID().slice(0, 8)}`,
          from: portRef(wire.from),
          to: portRef(wire.to),
        }));
        const edited: GraphDocument = {
          ...doc,
          nodes: [...doc.nodes.filter((node) => !gone.has(node.id)), ...added],
          edges: [
            ...doc.edges.filter(
              (edge) =>
                !gone.has(edge.from.node) && !gone.has(edge.to.node) && !disconnect.some((wire) => same(edge, wire)),
            ),
            ...wires,
          ],
        };
        const problems = newProblems(doc, edited);
        if (problems.length > 0) throw new CliError(`not edited: ${problems.join('; ')}`);
        await openGraph(app, edited);
        const after = await current(app);
        return answer(compact(after.doc, after.runState));
      }),
  );

  server.registerTool(
    'bind_file',
    {
      title: 'Give a node a local file',
      description:
        'Gives a node that takes a file (a photo to a Still, a sound to an Audio, a video to a Clip) one from this computer.',
      inputSchema: { node: z.string().min(1), path: z.string().min(1) },
    },
    ({ node, path }) =>
      told(async () => {
        const app = await workspace.app();
        const { doc } = await current(app);
        const [binding] = judgeFiles(doc, [{ nodeId: node, path, named: `${node}=${path}` }]);
        await bindFiles(app, [binding]);
        return answer(`node "${node}" now holds ${path} (${binding.mime})`);
      }),
  );

  server.registerTool(
    'app_inputs',
    {
      title: 'List the app’s inputs',
      description: 'The inputs the open graph shows as an app, each with what it takes and its value now.',
    },
    () =>
      told(async () => {
        const { doc } = await current(await workspace.app());
        return answer(describeInputs(doc, nodeRegistry));
      }),
  );

  server.registerTool(
    'set_inputs',
    {
      title: 'Set the app’s inputs',
      description:
        'Sets inputs the open graph shows as an app, by name, as text (a list comma-separated; a file as @path). Each is judged as its node will take it; one that does not fit is refused with what it takes, and nothing is set.',
      inputSchema: { inputs: z.record(z.string(), z.string()) },
    },
    ({ inputs }) =>
      told(async () => {
        const app = await workspace.app();
        const { doc } = await current(app);
        // Said as the tool is called: by input name, not by the command line's flags.
        const applied = applyInputs(
          doc,
          Object.entries(inputs).map(([name, value]) => `${name}=${value}`),
          nodeRegistry,
          { input: (name) => `input ${name}`, lists: 'app_inputs', atNamesFile: true, fileAs: 'as @path' },
        );
        // Every file judged before the graph changes: a refused one changes nothing.
        const bindings = judgeFiles(applied.doc, applied.files);
        if (applied.doc !== doc) await openGraph(app, applied.doc);
        await bindFiles(app, bindings);
        return answer(describeInputs((await current(app)).doc, nodeRegistry));
      }),
  );

  server.registerTool(
    'estimate',
    {
      title: 'Estimate a run',
      description: 'What a run would execute and what it would cost per node; what is cached costs nothing.',
    },
    () =>
      told(async () => {
        const { doc, runState, estimate } = await current(await workspace.app());
        return answer({
          totalUsd: estimate?.total ?? 0,
          costs: estimate?.nodes.map((entry) => ({ node: entry.nodeId, usd: entry.cost, takes: entry.takes })) ?? [],
          cached: doc.nodes.filter((node) => runState[node.id]?.status === 'cached').map((node) => node.id),
          toRun: doc.nodes.filter((node) => runState[node.id]?.status !== 'cached').map((node) => node.id),
        });
      }),
  );

  /** What a run came to, for an agent: refused with its reason, or its status, cost and what ran. */
  type Summary = Awaited<ReturnType<NonNullable<typeof window.reelgraph>['run']>>;
  const outcome = (summary: Summary, maxCost: number): Answer => {
    if (summary.status === 'declined')
      return refuse(
        summary.message ??
          `not run: it would cost about $${summary.estimate.toFixed(2)}, above max_cost $${maxCost.toFixed(2)}; nothing was sent`,
      );
    return answer({
      status: summary.status,
      costUsd: summary.cost,
      executed: summary.executed,
      fromCache: summary.reused,
      waitingAt: summary.waiting,
      ...(summary.status === 'waiting'
        ? { next: 'set the picks of the Pick it waits at (set_params), then run again: what ran comes from the cache' }
        : {}),
      failed: summary.failed.map((node) => {
        const state = summary.runState[node];
        return { node, message: state?.status === 'failed' ? state.message : 'failed' };
      }),
    });
  };
  /** The max_cost the last run was started under, for run_status to say its refusal in. */
  let lastMaxCost = 0;

  server.registerTool(
    'run',
    {
      title: 'Run the graph',
      description:
        'Runs the open graph. `max_cost` (US dollars) is required: a run estimated above it is refused before anything is sent; the budgets set in the app apply too. It waits for the run unless `wait` is false: then it comes back once the run is started, to be followed with run_status. A run that stops at a Pick ends there.',
      inputSchema: {
        max_cost: z.number().min(0),
        auto_pick: z.boolean().optional().describe('Every Pick keeps its first candidate instead of waiting'),
        wait: z.boolean().optional(),
      },
    },
    ({ max_cost, auto_pick, wait = true }) =>
      told(async () => {
        const app = await workspace.app();
        const { doc } = await current(app);
        if (auto_pick) await openGraph(app, withAutoPick(doc));
        lastMaxCost = max_cost;
        if (!wait) {
          const started = await app.page.evaluate((maxCost) => window.reelgraph!.startRun(maxCost), max_cost);
          if (started.status === 'busy')
            throw new CliError('a run started before is still going: follow it with run_status');
          if (started.status === 'started') return answer({ status: 'started', estimateUsd: started.estimate });
          if (started.error) throw new CliError(started.error);
          return outcome(started.result!, max_cost);
        }
        const summary = await app.page.evaluate((maxCost) => window.reelgraph!.run(undefined, maxCost), max_cost);
        // A run stopped at a Pick ends there: a pick made later never carries it on under this max_cost.
        if (summary.status === 'waiting') await app.page.evaluate(() => window.reelgraph!.stayAtPick());
        return outcome(summary, max_cost);
      }),
  );

  server.registerTool(
    'run_status',
    {
      title: 'Follow a run',
      description: 'The run started with wait false: each node’s state (with progress), and its outcome once it ended.',
    },
    () =>
      told(async () => {
        const status = await (await workspace.app()).page.evaluate(() => window.reelgraph!.runStatus());
        if (status.status !== 'ended') return answer(status);
        if (status.error) throw new CliError(status.error);
        const ended = outcome(status.result!, lastMaxCost);
        if (ended.isError) return ended;
        return answer({ ...JSON.parse(ended.content[0].text), nodes: status.nodes });
      }),
  );

  server.registerTool(
    'save_outputs',
    {
      title: 'Save the outputs',
      description:
        'Writes what the graph’s final nodes made (or the nodes named) as files in the output folder, and lists them with their type and size.',
      inputSchema: { nodes: z.array(z.string()).optional() },
    },
    ({ nodes }) =>
      told(async () => {
        const app = await workspace.app();
        const { doc, outputs } = await current(app);
        const feeds = new Set(doc.edges.map((edge) => edge.from.node));
        const finals = nodes ?? doc.nodes.filter((node) => !feeds.has(node.id)).map((node) => node.id);
        const made = finals.flatMap((id) => finalOutputs(id, outputs[id] ?? {}));
        if (made.length === 0) throw new CliError('nothing made yet: run the graph first');
        const names = outputFileNames(made);
        const written = [];
        for (const [at, output] of made.entries()) {
          // A folder per graph (its name carries no path): another graph's outputs are never written over.
          const folder = join(workspace.outDir, `${safeFileName(doc.name, 'graph')}-${doc.id.slice(0, 8)}`);
          const target = insideOutDir(folder, names[at]);
          mkdirSync(dirname(target), { recursive: true });
          if ('text' in output) {
            written.push({ node: output.nodeId, text: output.text });
            continue;
          }
          const sent = await app.page.evaluate(({ hash, url }) => window.reelgraph!.sendArtifact(hash, url), {
            hash: output.artifact.$artifact,
            url: app.host.receive(target),
          });
          if (!sent) throw new CliError(`the output of "${output.nodeId}" is missing from the cache: run again`);
          written.push({
            node: output.nodeId,
            port: output.port,
            path: target,
            mime: output.artifact.mime,
            bytes: output.artifact.size,
            ...(output.artifact.meta ? { meta: output.artifact.meta } : {}),
          });
        }
        return answer(written);
      }),
  );

  server.registerTool(
    'list_models',
    { title: 'List models', description: 'The models a node can call, with their prices and capabilities.' },
    async () => answer(MODELS),
  );

  server.registerTool(
    'read_ledger',
    {
      title: 'Read the spend ledger',
      description:
        'Every paid request this profile made (since a time, in ms since 1970), with its estimate and outcome.',
      inputSchema: { since: z.number().min(0).optional() },
    },
    ({ since }) =>
      told(async () => {
        const app = await workspace.app();
        const rows = await app.page.evaluate((from) => window.reelgraph!.spend(from), since ?? 0);
        return answer(
          rows.map(({ id, at, provider, model, graphName, nodeId, estimate, actual, outcome }) => ({
            id,
            at: new Date(at).toISOString(),
            provider,
            model,
            graphName,
            nodeId,
            estimateUsd: estimate,
            ...(actual === undefined ? {} : { actualUsd: actual }),
            outcome,
          })),
        );
      }),
  );
}
