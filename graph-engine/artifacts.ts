import { z } from 'zod';

/**
 * Large media never travels inline: an output holds a reference to bytes stored once,
 * content-addressed by the SHA-256 of those bytes.
 */
export const zArtifactRef = z.object({
  $artifact: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest'),
  mime: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
  /** Facts about the media that views and executors need without loading it (width, duration…). */
  meta: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});
export type ArtifactRef = z.infer<typeof zArtifactRef>;

export function isArtifactRef(value: unknown): value is ArtifactRef {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $artifact?: unknown }).$artifact === 'string'
  );
}

/** Every artifact hash referenced anywhere inside a value (outputs, or params holding uploaded files). */
export function collectArtifactHashes(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (isArtifactRef(value)) {
    into.add(value.$artifact);
  } else if (Array.isArray(value)) {
    for (const item of value) collectArtifactHashes(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectArtifactHashes(item, into);
  }
  return into;
}

/** Every artifact reference inside a value, by hash, the first met kept (media to show, with its mime and meta). */
export function collectArtifactRefs(
  value: unknown,
  into: Map<string, ArtifactRef> = new Map(),
): Map<string, ArtifactRef> {
  if (isArtifactRef(value)) {
    if (!into.has(value.$artifact)) into.set(value.$artifact, value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectArtifactRefs(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectArtifactRefs(item, into);
  }
  return into;
}

/**
 * What a value is, for a cache key: each artifact reference by the hash of its bytes alone. Its
 * meta says how it was made (seconds, cost), which can differ for the same bytes.
 */
export function contentOf(value: unknown): unknown {
  if (isArtifactRef(value)) return { $artifact: value.$artifact };
  if (Array.isArray(value)) return value.map(contentOf);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, contentOf(member)]));
  return value;
}
