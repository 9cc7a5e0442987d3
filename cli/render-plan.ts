/**
 * What `npm run render` judges before Chromium starts, in about a second: the command line, the
 * graph file, each --file (its kind, type and first bytes), whether every needed node can run, and
 * the profile folder. Each problem is one CliError line.
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validateGraph } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { judgePhoto, PHOTO_HEAD_BYTES } from '../src/media/photo-check';
import { applyInputs } from './app-inputs';
import { CliError } from './cli-error';
import { preflight } from './preflight';
import { defaultProfileDir } from './profile';
import { readGraphFile } from './read-graph';

export const USAGE =
  'usage: npm run render -- <graph.json> (--out <file> | --out-dir <dir> [--formats mp4,otio,fcp7xml]) [--node <nodeId>]... [--file <nodeId>=<path>]... [--input <name>=<value>]... [--auto-pick] [--max-cost <usd>] [--daily-cap <usd>] [--graph-cap <usd>] [--resume-unfinished | --drop-unfinished] [--profile <dir>]\n       npm run render -- <graph.json> --inputs\n       npm run render -- --uncertain [--forget <id>] [--profile <dir>]';

/** What `npm run render` can write: a final node's media as made, and an Assemble's cut for an editor. */
export const FORMATS = ['mp4', 'otio', 'fcp7xml'] as const;
export type Format = (typeof FORMATS)[number];

export function parseCommandLine(args: string[] = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'out-dir': { type: 'string' },
        formats: { type: 'string' },
        file: { type: 'string', multiple: true, default: [] },
        input: { type: 'string', multiple: true, default: [] },
        inputs: { type: 'boolean', default: false },
        node: { type: 'string', multiple: true, default: [] },
        profile: { type: 'string' },
        'auto-pick': { type: 'boolean', default: false },
        'max-cost': { type: 'string', default: '0' },
        'daily-cap': { type: 'string' },
        'graph-cap': { type: 'string' },
        'resume-unfinished': { type: 'boolean', default: false },
        'drop-unfinished': { type: 'boolean', default: false },
        uncertain: { type: 'boolean', default: false },
        forget: { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const profile = values.profile ?? defaultProfileDir();
  // The profile's submits that may have been billed: listed, or one forgotten; no graph is rendered.
  if (values.uncertain || values.forget !== undefined) {
    if (positionals.length > 0) throw new CliError(`--uncertain and --forget take no graph. ${USAGE}`);
    return { uncertain: { forget: values.forget }, profile } as const;
  }
  if (positionals.length !== 1) throw new CliError(USAGE);
  // The graph's app inputs, listed; nothing is rendered.
  if (values.inputs) return { listInputs: positionals[0]! } as const;
  if (values['resume-unfinished'] && values['drop-unfinished'])
    throw new CliError('give at most one of --resume-unfinished and --drop-unfinished');
  if (!values.out === !values['out-dir']) throw new CliError(`give exactly one of --out and --out-dir. ${USAGE}`);
  // What is written: each final node's media (mp4), and an Assemble's cut for an editor (otio,
  // fcp7xml), chosen by --out's extension or listed with --out-dir.
  const out = values.out;
  const handoffOut = out && /\.otio$/i.test(out) ? 'otio' : out && /\.xml$/i.test(out) ? 'fcp7xml' : undefined;
  if (values.formats !== undefined && !values['out-dir'])
    throw new CliError('--formats goes with --out-dir (with --out, the file name says the format)');
  const formats = new Set((values.formats ?? 'mp4').split(',').map((format) => format.trim().toLowerCase()));
  for (const format of formats)
    if (!FORMATS.includes(format as Format))
      throw new CliError(`--formats ${values.formats}: “${format}” is none of ${FORMATS.join(', ')}`);
  const files = values.file.map((binding) => {
    const at = binding.indexOf('=');
    if (at <= 0 || at === binding.length - 1) throw new CliError(`--file ${binding}: expected <nodeId>=<path>`);
    return { nodeId: binding.slice(0, at), path: binding.slice(at + 1) };
  });
  const dollars = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    // Number('') is 0: an empty value would save a $0 cap (or allow nothing) without saying so.
    const amount = value.trim() === '' ? NaN : Number(value);
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
    out,
    outDir: values['out-dir'],
    /** What goes to disk: each final node's media, and a cut for an editor in these formats. */
    formats: handoffOut ? new Set<Format>([handoffOut]) : (formats as Set<Format>),
    files,
    inputs: values.input,
    nodes: values.node,
    profile,
    autoPick: values['auto-pick'],
    maxCost,
    budgets,
    unfinished: values['resume-unfinished']
      ? ('resume' as const)
      : values['drop-unfinished']
        ? ('drop' as const)
        : undefined,
  };
}

/** A kind as a sentence names it: "an Audio", "a Still". */
function kindName(kind: string): string {
  const title = nodeRegistry.get(kind)?.title ?? kind;
  return `${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title}`;
}

export function readBinding(
  nodeId: string,
  path: string,
  kinds: ReadonlyMap<string, string>,
  /** What a refusal calls the file given: on the command line, its flag. */
  named = `--file ${nodeId}=${path}`,
) {
  const kind = kinds.get(nodeId);
  if (!kind) throw new CliError(`${named}: the graph has no node "${nodeId}"`);
  // What a kind takes is declared once, on the kind (the canvas's drops read the same).
  const takes = nodeRegistry.get(kind)?.files;
  if (!takes) throw new CliError(`${named}: node "${nodeId}" is ${kindName(kind)} node, which takes no file`);
  const mime = takes.extensions[extname(path).toLowerCase()];
  if (!mime) throw new CliError(`${named}: ${kindName(kind)} node takes ${takes.what}`);
  // Only its size and its first bytes are read here: the file itself is streamed to the page as it is bound.
  let head: Buffer;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliError(`${named}: not a file`);
    size = stat.size;
    head = Buffer.alloc(Math.min(size, PHOTO_HEAD_BYTES));
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${named}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // A photo is judged from its bytes here, before Chromium starts; whether it decodes, as it is bound.
  if (takes.media === 'image') {
    const verdict = judgePhoto(head, size);
    if (!verdict.ok && 'problem' in verdict) throw new CliError(`${named}: ${verdict.problem}`);
  }
  return { nodeId, mime, path };
}

/**
 * The profile folder, made and written to before Chromium is started: a place Chromium cannot keep
 * a profile (/proc, a file, a read-only disk) is said in one line, not waited on.
 */
export function prepareProfile(profile: string): void {
  try {
    // Folder by folder from the nearest that exists: Node's recursive mkdir loops for ever where a
    // parent exists but takes no folders (/proc).
    const missing: string[] = [];
    for (let at = resolve(profile); !statSync(at, { throwIfNoEntry: false }); at = dirname(at)) missing.unshift(at);
    for (const folder of missing) mkdirSync(folder);
    const probe = join(profile, `.reelgraph-write-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new CliError(
      `--profile ${profile}: cannot keep a profile there (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

export type RenderOptions = Exclude<
  ReturnType<typeof parseCommandLine>,
  { uncertain: unknown } | { listInputs: string }
>;

/**
 * The render asked for, judged: the graph read and checked, each --file read, and the nodes whose
 * media is written (those asked for, else the final ones: nothing downstream).
 */
export function planRender(options: RenderOptions) {
  const read = readGraphFile(options.graphPath);
  // The app's inputs set as given (the file itself unchanged); a file input binds its file as --file does.
  const { doc, files: inputFiles } = applyInputs(read.doc, options.inputs, nodeRegistry);
  const text = doc === read.doc ? read.text : JSON.stringify(doc);
  const kinds = new Map(doc.nodes.map((node) => [node.id, node.kind]));
  // A file may go to a node inside a component too, by its path id (`instance/inner`), for that use alone.
  const { flat } = validateGraph(doc, nodeRegistry);
  const flatKinds = new Map(flat.nodes.map((node) => [node.id, node.kind]));
  const bindings = [...options.files, ...inputFiles].map(({ nodeId, path }) => readBinding(nodeId, path, flatKinds));
  for (const id of options.nodes) if (!kinds.has(id)) throw new CliError(`--node ${id}: the graph has no node "${id}"`);
  // Whatever can be judged without Chromium is judged first, in a moment.
  preflight(doc, nodeRegistry, {
    path: options.graphPath,
    targets: options.nodes,
    bindings,
    autoPick: options.autoPick,
  });
  // The nodes whose media is written: those asked for, else the final ones (nothing downstream).
  // Judged on the graph as drawn: a component at the end is one final node.
  const feeds = new Set(doc.edges.filter((edge) => kinds.has(edge.to.node)).map((edge) => edge.from.node));
  const finals =
    options.nodes.length > 0 ? options.nodes : doc.nodes.filter((node) => !feeds.has(node.id)).map((node) => node.id);
  if (finals.length === 0) throw new CliError(`${options.graphPath} has no nodes to render`);
  if (options.out && finals.length > 1)
    throw new CliError(
      `the graph has ${finals.length} final nodes (${finals.join(', ')}); use --out-dir to write each`,
    );
  // A cut for an editor is an Assemble's: said before anything runs.
  if (options.formats.has('otio') || options.formats.has('fcp7xml')) {
    const cuts = finals.filter((id) => kinds.get(id) === 'assemble');
    const flag = options.out ? `--out ${options.out}` : `--formats`;
    if (options.out && cuts.length === 0)
      throw new CliError(
        `${flag}: only an Assemble's cut goes to an editor; "${finals[0]}" is ${kindName(kinds.get(finals[0]) ?? '')} node`,
      );
    if (cuts.length === 0)
      throw new CliError(
        `${flag}: otio and fcp7xml are an Assemble's cut, and no final node is an Assemble (name one with --node)`,
      );
  }

  return { doc, text, bindings, finals, flat };
}
