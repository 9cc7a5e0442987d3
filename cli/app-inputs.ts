/**
 * A graph's app inputs on the command line: `--inputs` lists them, `--input name=value` sets one.
 * Each value is read by the type of the param it sets (its kind's params schema, as the inspector
 * reads it) and judged by that schema before Chromium starts; `name=@path` gives a file input its file.
 */
import {
  appInputsOf,
  isArtifactRef,
  setAppInputValue,
  type AppInput,
  type GraphDocument,
  type NodeRegistry,
} from '../graph-engine';
import { LOCAL_CAMERA_MOVE } from '../nodes/animate/schema';
import { isRetired } from '../nodes/models/model';
import { appTarget, type AppTarget } from '../src/inspector/app-target';
import { choicesOf, isFileParam, labelFor, type ParamSchema } from '../src/inspector/param-schema';
import { CATALOG } from '../src/providers/cloud/catalog';
import { CliError } from './cli-error';

/** The models a node of a kind may name: what `--input models=…` is judged against. */
const MODELS_OF: Readonly<Record<string, () => string[]>> = {
  animate: () => [LOCAL_CAMERA_MOVE, ...callable('video')],
  still: () => callable('image'),
};

/** The catalog's models of a kind that can be called today: none retired, none Reelgraph cannot call yet. */
const callable = (kind: 'video' | 'image') =>
  CATALOG.filter((model) => model.kind === kind && !model.unavailable && !isRetired(model)).map((model) => model.id);

interface Resolved extends AppTarget {
  input: AppInput;
  /** What the input is called where people see it. */
  label: string;
}

function resolve(doc: GraphDocument, registry: NodeRegistry): Resolved[] {
  return appInputsOf(doc).flatMap((input) => {
    // A node's setting, or one a component shows (set for this use of it).
    const target = appTarget(doc, input, registry);
    return target ? [{ ...target, input, label: input.label ?? labelFor(input.key ?? input.param) }] : [];
  });
}

const typesOf = (schema: ParamSchema) =>
  [...new Set([schema.type ?? [], ...(schema.anyOf ?? []).map((option) => option.type ?? [])].flat())] as string[];

/** What an input takes, in words: "a whole number from 1 to 8", "one of 16:9, 9:16". */
function takes(resolved: Resolved, registry: NodeRegistry, words: InputWords): string {
  const { schema, kind } = resolved;
  if (isFileParam(schema)) return `a file, ${words.fileAs} (${registry.get(kind)?.files?.what ?? 'a file'})`;
  const choices = choicesOf(schema);
  if (choices) return `one of ${choices.join(', ')}`;
  const types = typesOf(schema);
  if (types.includes('array')) {
    const models = resolved.param === 'models' ? MODELS_OF[kind]?.() : undefined;
    return models ? `a comma-separated list of models: ${models.join(', ')}` : 'a comma-separated list';
  }
  const range =
    schema.minimum !== undefined && schema.maximum !== undefined ? ` from ${schema.minimum} to ${schema.maximum}` : '';
  if (types.includes('integer')) return `a whole number${range}`;
  if (types.includes('number')) return `a number${range}`;
  if (types.includes('boolean')) return 'yes or no';
  return 'text';
}

const shown = (value: unknown) =>
  value === undefined
    ? 'not set'
    : Array.isArray(value)
      ? value.join(',')
      : isArtifactRef(value)
        ? 'a file'
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value);

/** A value given for an input: text as a command line writes it, a value of the input's own type (JSON), or a file on disk. */
export type GivenValue = { text: string } | { value: unknown } | { path: string; sentAs?: string };

/** How refusals name what was given, and where the inputs are listed: the command line's words, or a tool's. */
export interface InputWords {
  /** An input by its name, as the caller names it: `--input zoom`. */
  input(name: string): string;
  /** Where the inputs are listed: `--inputs`. */
  lists: string;
  /** Text `@path` gives a file input the file at that path (on the command line; never over HTTP). */
  atNamesFile: boolean;
  /** How a file is given: `as @path`. */
  fileAs: string;
}

const COMMAND_LINE: InputWords = {
  input: (name) => `--input ${name}`,
  lists: '--inputs',
  atNamesFile: true,
  fileAs: 'as @path',
};

/** Each input the graph shows as an app: its name, what it is called, what it takes, and its value now (the default a run uses). */
export function appInputList(doc: GraphDocument, registry: NodeRegistry, words: InputWords = COMMAND_LINE) {
  return resolve(doc, registry).map((each) => ({
    name: each.input.name,
    label: each.label,
    takes: takes(each, registry, words),
    /** It takes a file (over HTTP, a file part). */
    file: isFileParam(each.schema),
    now: shown(each.value),
  }));
}

/** `--inputs`: each input, what it takes, and its value now (the default a render uses). */
export function describeInputs(doc: GraphDocument, registry: NodeRegistry): string {
  const inputs = appInputList(doc, registry);
  if (inputs.length === 0)
    return `"${doc.name}" shows no inputs as an app; --file and the graph itself set what it runs`;
  const width = Math.max(...inputs.map((each) => each.name.length));
  return [
    `"${doc.name}" takes (--input <name>=<value>):`,
    ...inputs.map((each) => `  ${each.name.padEnd(width)}  ${each.label}: ${each.takes}; now ${each.now}`),
  ].join('\n');
}

/** A value as the input's type reads it from the command line, or why it cannot be. */
function readText(text: string, resolved: Resolved): unknown {
  const { schema } = resolved;
  const types = typesOf(schema);
  if (types.includes('array')) return text.split(',').map((item) => item.trim());
  const choices = choicesOf(schema);
  if (choices) return choices.find((choice) => String(choice) === text) ?? text;
  if (types.includes('integer') || types.includes('number')) {
    const number = text.trim() === '' ? NaN : Number(text);
    // A choice besides a number (a Pick's keep: a count, or "any") is kept as written.
    return Number.isFinite(number) ? number : text;
  }
  if (types.includes('boolean')) {
    if (/^(yes|true|on|1)$/i.test(text)) return true;
    if (/^(no|false|off|0)$/i.test(text)) return false;
  }
  return text;
}

/**
 * The graph with each `--input name=value` set, and the files given as `name=@path` (bound to
 * their nodes as --file binds them). Refused, in one line naming the input and what it takes,
 * when a name is not an input or a value does not fit.
 */
export function applyInputs(
  doc: GraphDocument,
  given: readonly string[],
  registry: NodeRegistry,
  words: InputWords = COMMAND_LINE,
): { doc: GraphDocument; files: { nodeId: string; path: string }[] } {
  return applyValues(
    doc,
    given.map((raw): [string, GivenValue] => {
      const at = raw.indexOf('=');
      if (at <= 0) throw new CliError(`${words.input(raw)}: expected <name>=<value> (${words.lists} lists them)`);
      return [raw.slice(0, at), { text: raw.slice(at + 1) }];
    }),
    registry,
    words,
  );
}

/**
 * The graph with each input set to the value given for it by name (text, a typed value, or a file
 * to bind to its node), judged as `applyInputs` judges them.
 */
export function applyValues(
  doc: GraphDocument,
  given: readonly (readonly [string, GivenValue])[],
  registry: NodeRegistry,
  words: InputWords,
): { doc: GraphDocument; files: { nodeId: string; path: string }[] } {
  if (given.length === 0) return { doc, files: [] };
  const inputs = new Map(resolve(doc, registry).map((each) => [each.input.name, each]));
  const set = structuredClone(doc);
  const files: { nodeId: string; path: string }[] = [];
  for (const [name, value] of given) {
    const shown =
      'text' in value ? value.text : 'path' in value ? `@${value.sentAs ?? value.path}` : JSON.stringify(value.value);
    const where = `${words.input(name)}=${shown}`;
    const resolved = inputs.get(name);
    if (!resolved)
      throw new CliError(
        inputs.size === 0
          ? `${words.input(name)}: "${doc.name}" shows no inputs as an app`
          : `${words.input(name)}: no such input; "${doc.name}" takes ${[...inputs.keys()].join(', ')}`,
      );
    const refuse = (why: string) =>
      new CliError(`${where}: ${resolved.label} takes ${takes(resolved, registry, words)}${why ? ` (${why})` : ''}`);
    if (isFileParam(resolved.schema)) {
      const path =
        'path' in value
          ? value.path
          : 'text' in value && words.atNamesFile && value.text.startsWith('@')
            ? value.text.slice(1)
            : '';
      if (!path) throw refuse('');
      files.push({ nodeId: resolved.nodeId, path });
      continue;
    }
    if ('path' in value) throw refuse('');
    const read = 'text' in value ? readText(value.text, resolved) : value.value;
    const models = resolved.param === 'models' ? MODELS_OF[resolved.kind]?.() : undefined;
    const unknown = models && Array.isArray(read) ? read.find((id) => !models.includes(id as string)) : undefined;
    if (unknown !== undefined)
      throw new CliError(
        `${where}: ${resolved.label} takes models Reelgraph can call; “${String(unknown)}” is not one (${words.lists} lists them)`,
      );
    // Judged as the node will run it: its kind's params schema, with the value in place.
    const why = resolved.judge(read);
    if (why) throw refuse(why);
    setAppInputValue(set, resolved.input, read);
  }
  return { doc: set, files };
}
