import { z } from 'zod';

/** The tag every saved Reelgraph graph carries, so a stray JSON file is recognised as not ours. */
export const DOCUMENT_FORMAT = 'reelgraph.graph';
/** The document schema version this build writes. Older versions are migrated on load. */
export const SCHEMA_VERSION = 3;

const zId = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const zFinite = z.number().refine(Number.isFinite, 'must be a finite number');

export const zPosition = z.object({ x: zFinite, y: zFinite });

/**
 * How a node that maps over lists runs its takes (one execution per element): how several mapped
 * inputs combine, which takes were re-rolled (by take id, how many times) and which were dropped.
 */
export const zTakeSettings = z.object({
  /** Absent: pairwise where the lists have one length, else every combination. */
  combine: z.enum(['pairwise', 'product']).optional(),
  rerolls: z.record(z.string().max(100), z.number().int().min(1).max(10_000)).optional(),
  dropped: z.array(z.string().max(100)).max(10_000).optional(),
});
export type TakeSettings = z.infer<typeof zTakeSettings>;

/** A node as saved: params by name, position and title do not affect what it computes. */
export const zNodeDoc = z.looseObject({
  id: zId,
  kind: z.string().min(1, 'must not be empty').max(100),
  kindVersion: z.number().int().min(1),
  position: zPosition,
  params: z.record(z.string(), z.unknown()),
  title: z.string().max(200).optional(),
  takes: zTakeSettings.optional(),
  /** Drawn as its title, status, ports and first result only: layout, never what runs or the cache. */
  collapsed: z.boolean().optional(),
});

export const zPortRef = z.object({ node: zId, port: z.string().min(1).max(100) });

export const zEdgeDoc = z.object({ id: zId, from: zPortRef, to: zPortRef });

/** A labelled frame around some nodes: layout only, it never affects what runs or the cache. */
export const zGroupDoc = z.object({
  id: zId,
  label: z.string().max(200),
  nodes: z.array(zId).max(50_000),
});

const zName = z.string().min(1, 'must not be empty').max(100);
/** A name looked up in a record of params: never one every object has (`constructor`, `__proto__`). */
const zOwnName = zName.refine((name) => !(name in Object.prototype), 'is a name every object has');

/** A port on a component's border: where a wire arriving at the instance leads inside (every inner input it feeds). */
export const zBorderInput = z.object({
  name: zName,
  label: z.string().max(200).optional(),
  to: z.array(zPortRef).min(1).max(1_000),
});

/** A port on a component's border: the inner output an instance's wire leaving it carries. */
export const zBorderOutput = z.object({ name: zName, label: z.string().max(200).optional(), from: zPortRef });

/** An inner param an instance sets for itself, under its own name; the definition's value is its default. */
export const zExposedParam = z.object({ name: zName, label: z.string().max(200).optional(), node: zId, param: zName });

/**
 * A part of a graph made into one reusable node: its inner nodes and wires, the ports that cross
 * its border and the params it exposes. A graph holds each version it uses once; instances name it.
 */
export const zComponentDef = z
  .object({
    id: zId,
    version: z.number().int().min(1),
    name: z.string().max(200),
    description: z.string().max(2_000).optional(),
    nodes: z.array(zNodeDoc).max(50_000),
    edges: z.array(zEdgeDoc).max(200_000),
    inputs: z.array(zBorderInput).max(100),
    outputs: z.array(zBorderOutput).max(100),
    params: z.array(zExposedParam).max(200),
  })
  .superRefine((def, ctx) => {
    reportDuplicates(def.nodes, 'nodes', 'node', ctx, 'id');
    reportDuplicates(def.edges, 'edges', 'edge', ctx, 'id');
    reportDuplicates(def.inputs, 'inputs', 'input', ctx, 'name');
    reportDuplicates(def.outputs, 'outputs', 'output', ctx, 'name');
    reportDuplicates(def.params, 'params', 'param', ctx, 'name');
    const inner = new Set(def.nodes.map((node) => node.id));
    const reportMissing = (path: (string | number)[], node: string) => {
      if (!inner.has(node))
        ctx.addIssue({ code: 'custom', path, message: `names "${node}", which is not a node inside` });
    };
    def.inputs.forEach((port, at) =>
      port.to.forEach((to, n) => reportMissing(['inputs', at, 'to', n, 'node'], to.node)),
    );
    def.outputs.forEach((port, at) => reportMissing(['outputs', at, 'from', 'node'], port.from.node));
    def.params.forEach((param, at) => reportMissing(['params', at, 'node'], param.node));
  });

/**
 * A setting a person using the graph as an app sets, in the form the app shows: a node's param (a
 * Still's count, an Animate's models), or one entry of a record param (`key`: a Prompt's variable).
 * The node's own value is its default; the order of the list is the form's.
 */
export const zAppInput = zExposedParam.extend({ param: zOwnName, key: zOwnName.optional() });

/** What the app hands back: a node's output (the final cut), under a name. */
export const zAppOutput = zBorderOutput;

/** A graph made usable without its canvas: the inputs its author shows, and the outputs it hands back. */
export const zAppSpec = z
  .object({
    description: z.string().max(2_000).optional(),
    inputs: z.array(zAppInput).max(100),
    outputs: z.array(zAppOutput).max(20),
  })
  .superRefine((app, ctx) => {
    reportDuplicates(app.inputs, 'inputs', 'input', ctx, 'name');
    reportDuplicates(app.outputs, 'outputs', 'output', ctx, 'name');
  });

/** The kind of a node that is an instance of a component. */
export const COMPONENT_KIND = 'component';

/**
 * An instance's params: the definition it uses (kept at its version until the person updates it),
 * its values of the exposed params, and what was set on its inner nodes for this instance alone
 * (a pick, re-rolled or dropped takes), by path inside it (`inner` or `nested/inner`).
 */
export const zInstanceParams = z.object({
  component: z.object({ id: zId, version: z.number().int().min(1) }),
  values: z.record(z.string(), z.unknown()).optional(),
  inner: z
    .record(
      z.string().max(2_000),
      z.object({ params: z.record(z.string(), z.unknown()).optional(), takes: zTakeSettings.optional() }),
    )
    .optional(),
});
export type InstanceParams = z.infer<typeof zInstanceParams>;
/** Which version of which component an instance uses. */
export type ComponentRef = InstanceParams['component'];

export const zViewport = z.object({
  x: zFinite,
  y: zFinite,
  zoom: zFinite.refine((zoom) => zoom > 0, 'must be above 0'),
});

export const zDocMetadata = z.object({
  appVersion: z.string().max(50),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const zGraphDocument = z
  .object({
    format: z.literal(DOCUMENT_FORMAT),
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: zId,
    name: z.string().max(200),
    nodes: z.array(zNodeDoc).max(50_000),
    edges: z.array(zEdgeDoc).max(200_000),
    groups: z.array(zGroupDoc).max(5_000).optional(),
    components: z.array(zComponentDef).max(1_000).optional(),
    /** Shown as an app: its inputs and outputs (a name, in the graph's own nodes, may name one deleted since: ignored). */
    app: zAppSpec.optional(),
    viewport: zViewport,
    metadata: zDocMetadata,
  })
  .superRefine((doc, ctx) => {
    reportDuplicates(doc.nodes, 'nodes', 'node', ctx, 'id');
    reportDuplicates(doc.edges, 'edges', 'edge', ctx, 'id');
    reportDuplicates(doc.components ?? [], 'components', 'component', ctx, 'id', (def) => `${def.id}@${def.version}`);
  });

function reportDuplicates<T>(
  items: readonly T[],
  path: string,
  what: string,
  ctx: z.RefinementCtx,
  field: keyof T & string,
  key: (item: T) => string = (item) => String(item[field]),
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(key(item))) {
      ctx.addIssue({
        code: 'custom',
        path: [path, index, field],
        message: `another ${what} already has the ${field} "${key(item)}"`,
      });
    }
    seen.add(key(item));
  });
}

export type GraphDocument = z.infer<typeof zGraphDocument>;
export type NodeDoc = z.infer<typeof zNodeDoc>;
export type EdgeDoc = z.infer<typeof zEdgeDoc>;
export type PortRef = z.infer<typeof zPortRef>;
export type GroupDoc = z.infer<typeof zGroupDoc>;
export type ComponentDef = z.infer<typeof zComponentDef>;
export type AppSpec = z.infer<typeof zAppSpec>;
export type AppInput = z.infer<typeof zAppInput>;
export type AppOutput = z.infer<typeof zAppOutput>;
export type Viewport = z.infer<typeof zViewport>;
