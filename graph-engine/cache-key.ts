import { canonicalJSON } from './canonical-json';
import { sha256Text } from './hash';
import type { NodeRegistry } from './node-def';
import type { Validation } from './validate';

/** Bumped when the engine changes how outputs are produced, to invalidate every cached result. */
export const ENGINE_CACHE_VERSION = 1;

/** What a cache key is a hash of; kept readable so "why did this miss?" has an answer. */
export interface KeyIngredients {
  engine: number;
  kind: string;
  version: number;
  params: unknown;
  /** Per input port: `sourceKey/sourcePort` of each connection, in order. */
  inputs: Record<string, string[]>;
}

/**
 * Merkle-style keys: a node's key hashes its kind, kind version and parsed params (by name)
 * with the keys of its inputs. Position, title and node id are not in it, so moving or renaming a
 * node keeps its key, while any upstream change changes every key below. Params never hold
 * secrets (API keys live in settings), so keys cannot leak them.
 */
export function computeCacheKeys(validation: Validation, registry: NodeRegistry): Map<string, string> {
  const keys = new Map<string, string>();
  for (const id of validation.order) {
    if (!validation.runnable.has(id)) continue;
    keys.set(id, sha256Text(canonicalJSON(keyIngredients(id, validation, registry, keys))));
  }
  return keys;
}

export function keyIngredients(
  id: string,
  validation: Validation,
  registry: NodeRegistry,
  keys: ReadonlyMap<string, string>,
): KeyIngredients {
  const node = validation.index.nodes.get(id)!;
  const def = registry.get(node.kind)!;
  const inputs: Record<string, string[]> = {};
  for (const edge of validation.index.incoming.get(id)!) {
    (inputs[edge.to.port] ??= []).push(`${keys.get(edge.from.node)}/${edge.from.port}`);
  }
  return { engine: ENGINE_CACHE_VERSION, kind: def.kind, version: def.version, params: validation.params.get(id), inputs };
}
