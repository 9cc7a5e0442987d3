import { z } from 'zod';

/** The tag every saved Reelgraph graph carries, so a stray JSON file is recognised as not ours. */
export const DOCUMENT_FORMAT = 'reelgraph.graph';
/** The document schema version this build writes. Older versions are migrated on load. */
export const SCHEMA_VERSION = 1;

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
    viewport: zViewport,
    metadata: zDocMetadata,
  })
  .superRefine((doc, ctx) => {
    reportDuplicates(doc.nodes, 'nodes', 'node', ctx);
    reportDuplicates(doc.edges, 'edges', 'edge', ctx);
  });

function reportDuplicates(items: readonly { id: string }[], path: string, what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [path, index, 'id'],
        message: `another ${what} already has the id "${item.id}"`,
      });
    }
    seen.add(item.id);
  });
}

export type GraphDocument = z.infer<typeof zGraphDocument>;
export type NodeDoc = z.infer<typeof zNodeDoc>;
export type EdgeDoc = z.infer<typeof zEdgeDoc>;
export type PortRef = z.infer<typeof zPortRef>;
export type GroupDoc = z.infer<typeof zGroupDoc>;
export type Viewport = z.infer<typeof zViewport>;
