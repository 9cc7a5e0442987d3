import type { GraphIndex } from './graph';

export interface Plan {
  /** Nodes to execute, sources first. */
  work: string[];
  /** Cached nodes whose outputs the work (or the targets) need. */
  reuse: string[];
}

/**
 * Walks back from the targets: a cached node ends the walk (its outputs come from the cache and
 * its own sources are not needed); an uncached one is work and its sources are needed in turn.
 */
export function planRun(
  index: GraphIndex,
  order: readonly string[],
  targets: Iterable<string>,
  isCached: (id: string) => boolean,
): Plan {
  const work = new Set<string>();
  const reuse = new Set<string>();
  const stack = [...targets];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (work.has(id) || reuse.has(id)) continue;
    if (isCached(id)) {
      reuse.add(id);
      continue;
    }
    work.add(id);
    for (const edge of index.incoming.get(id)!) stack.push(edge.from.node);
  }
  return { work: order.filter((id) => work.has(id)), reuse: order.filter((id) => reuse.has(id)) };
}

/** A node and everything upstream of it, for "run this node and what it needs". */
export function upstreamOf(index: GraphIndex, targets: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...targets];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || !index.nodes.has(id)) continue;
    seen.add(id);
    for (const edge of index.incoming.get(id)!) stack.push(edge.from.node);
  }
  return seen;
}
