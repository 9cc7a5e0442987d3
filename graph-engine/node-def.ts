import { mediaType } from './media-types';
import type { z } from 'zod';
import type { InputSpec, OutputSpec } from './ports';
import type { ArtifactRef } from './artifacts';
import type { ArtifactStore } from './stores';
import type { ParamsMigration } from './migrate';

/** Everything an executor may use. Executors never import the app: the app hands this in. */
export interface ExecContext<P, Providers = unknown> {
  nodeId: string;
  /** The graph this run runs: what a node spends is charged to it. */
  graph?: { id: string; name: string };
  params: P;
  /** Input values by port name; a `multiple` port gets an array in edge order. */
  inputs: Record<string, unknown>;
  /** Which take this execution is, when the node maps over lists, and how often the person re-rolled it. */
  take: { index: number; reroll: number };
  signal: AbortSignal;
  /** Report progress as a fraction between 0 and 1. */
  progress(fraction: number): void;
  /** Record what this execution cost in US dollars. */
  recordCost(usd: number): void;
  artifacts: ArtifactStore;
  providers: Providers;
}

/**
 * The files a node kind takes from the person (dropped on the canvas, bound by the CLI's `--file`,
 * chosen in its view): which, described for an error message, and the params that use one.
 */
export interface FileIntake<P> {
  /** Photos, sounds or videos: how a file is checked as it arrives. */
  media: 'image' | 'audio' | 'video';
  /** MIME types (`image/png`) or families (`audio/*`). */
  accept: readonly string[];
  /** Extensions the CLI maps to those types, e.g. `{ '.png': 'image/png' }`. */
  extensions: Readonly<Record<string, string>>;
  /** For messages: "a PNG, JPEG or WebP image". */
  what: string;
  /** The params that make the node use this stored file. */
  toParams(file: ArtifactRef): Partial<P>;
  /** Whether these params use a file (and which, once one is chosen): undefined when they use none. */
  uses(params: P): { file?: ArtifactRef } | undefined;
}

/** Whether a file of `mime` is one an intake takes. */
export function intakeAccepts(intake: Pick<FileIntake<unknown>, 'accept'>, mime: string): boolean {
  // A type as another name for it (an alias in the media table) is the same type.
  const canonical = mediaType(mime)?.mime ?? mime;
  return intake.accept.some((type) =>
    type.endsWith('/*') ? canonical.startsWith(type.slice(0, -1)) : canonical === type,
  );
}

/**
 * A node kind as plain data plus a pure executor: no classes, no registration side effects.
 * `resource` names the pool an execution draws from (e.g. `provider:kling`) for concurrency limits.
 */
export interface NodeDef<P = unknown, Providers = unknown, K extends string = string> {
  kind: K;
  version: number;
  /** The default title of a node of this kind. */
  title: string;
  /** One line for the palette and search. */
  description: string;
  /** The files this kind takes, where it takes any. */
  files?: FileIntake<P>;
  /** The ports of a node whose params do not change them; read them through `portsOf`. */
  inputs: Readonly<Record<string, InputSpec>>;
  outputs: Readonly<Record<string, OutputSpec>>;
  /** Ports that follow the params (a component's border); absent, the static `inputs` and `outputs`. */
  ports?(params: P): NodePorts;
  params: z.ZodType<P>;
  migrations?: readonly ParamsMigration[];
  /**
   * Bumped when the same params and inputs come to make different outputs (a local renderer
   * redrawn), so results cached the old way are made again. Unlike `version`, documents do not
   * carry it: nothing to migrate. Absent is the first. Given as a function of the params, only the
   * takes it names are made again (Animate's local renders, never a paid provider's job).
   */
  outputVersion?: number | ((params: P) => number | undefined);
  resource?(params: P): string | undefined;
  /**
   * The cloud models one run of this node calls, where it calls several in one job (a fan over
   * models, which splits into takes, is known without it): their keys are looked for before anything is sent.
   */
  cloudModels?(params: P): readonly string[];
  /**
   * A list param the node fans out over: one take per value, each run with a list of that one
   * value (Animate's models: one provider job, cache entry and fate per model).
   */
  fanOut?: keyof P & string;
  /**
   * Params a person sets by looking at what this node was given (a Pick's picks and ratings): inside a
   * component they differ with each use, so they belong to the instance, never to the definition.
   */
  choices?: readonly (keyof P & string)[];
  /** How many items one execution puts on each list output, for estimates made before it runs. */
  listLength?(params: P): number;
  /**
   * Its outputs depend on nothing but its params and input values, and take no time or media to
   * work out (Prompt, Camera, Pick): the planner works them out ahead, to know what flows on.
   */
  pure?: boolean;
  /** US dollars one execution with these params will cost (cloud generation); absent means free. */
  estimateCost?(params: P, providers: Providers): number;
  /**
   * Checks one take's inputs against what it will be sent to (a model's documented limits), for
   * every take of the node before any of them runs: one take that cannot be sent stops the node
   * before anything in it is paid for.
   */
  check?(ctx: ExecContext<P, Providers>): Promise<void>;
  run(ctx: ExecContext<P, Providers>): Promise<Record<string, unknown>>;
}

/** A node's input and output ports. */
export interface NodePorts {
  inputs: Readonly<Record<string, InputSpec>>;
  outputs: Readonly<Record<string, OutputSpec>>;
}

/**
 * The ports of a node of this kind with these params: every reader of ports asks here, so a kind
 * whose ports follow its params (a component) is drawn, wired, validated and run like any other.
 */
export function portsOf<P>(def: Pick<NodeDef<P>, 'inputs' | 'outputs' | 'ports'>, params: P): NodePorts {
  return def.ports?.(params) ?? def;
}

/** A registered node kind with its params type erased, so kinds can share one registry. */
export type AnyNodeDef<Providers = unknown, K extends string = string> = NodeDef<unknown, Providers, K>;

/** Node kinds by name. */
export type NodeRegistry<Providers = unknown> = ReadonlyMap<string, AnyNodeDef<Providers>>;

/**
 * Declares a node kind, keeping its params type for the executor while erasing it for the
 * registry, and keeping its kind as a literal type, so a list of kinds knows every name in it.
 */
export function defineNode<P, Providers = unknown, const K extends string = string>(
  def: NodeDef<P, Providers, K>,
): AnyNodeDef<Providers, K> {
  return def as unknown as AnyNodeDef<Providers, K>;
}

export function createRegistry<Providers>(defs: readonly AnyNodeDef<Providers>[]): NodeRegistry<Providers> {
  const registry = new Map<string, AnyNodeDef<Providers>>();
  for (const def of defs) {
    if (registry.has(def.kind)) throw new Error(`Node kind "${def.kind}" is registered twice`);
    registry.set(def.kind, def);
  }
  return registry;
}

/**
 * Thrown by an executor that needs a person before it can finish (a Pick with no choice).
 * The run stops there with status "waiting"; nothing upstream re-runs when it resumes.
 */
export class WaitingForInput extends Error {
  override name = 'WaitingForInput';
}

/** A failure an executor reports about one of its inputs or params, so the UI can point at it. */
export class NodeError extends Error {
  override name = 'NodeError';
  constructor(
    message: string,
    readonly port?: string,
  ) {
    super(message);
  }
}
