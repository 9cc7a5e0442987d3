import type { EdgeDoc, GraphDocument, NodeDoc } from './document/schema';

/** Adjacency of a document's nodes through the edges whose both ends exist. */
export interface GraphIndex {
  nodes: ReadonlyMap<string, NodeDoc>;
  /** Edges arriving at each node, in document order (the order of a `multiple` input). */
  incoming: ReadonlyMap<string, readonly EdgeDoc[]>;
  outgoing: ReadonlyMap<string, readonly EdgeDoc[]>;
}

export function indexGraph(doc: Pick<GraphDocument, 'nodes' | 'edges'>): GraphIndex {
  const nodes = new Map<string, NodeDoc>();
  const incoming = new Map<string, EdgeDoc[]>();
  const outgoing = new Map<string, EdgeDoc[]>();
  for (const node of doc.nodes) {
    nodes.set(node.id, node);
    incoming.set(node.id, []);
    outgoing.set(node.id, []);
  }
  for (const edge of doc.edges) {
    if (!nodes.has(edge.from.node) || !nodes.has(edge.to.node)) continue;
    outgoing.get(edge.from.node)!.push(edge);
    incoming.get(edge.to.node)!.push(edge);
  }
  return { nodes, incoming, outgoing };
}

/**
 * Kahn's algorithm. Returns the nodes in an order where every node comes after its sources;
 * nodes on or downstream of a cycle cannot be ordered and are returned in `unordered`.
 */
export function topologicalOrder(index: GraphIndex): { order: string[]; unordered: string[] } {
  const pending = new Map<string, number>();
  const order: string[] = [];
  for (const [id, edges] of index.incoming) {
    pending.set(id, edges.length);
    if (edges.length === 0) order.push(id);
  }
  for (let at = 0; at < order.length; at++) {
    for (const edge of index.outgoing.get(order[at])!) {
      const left = pending.get(edge.to.node)! - 1;
      pending.set(edge.to.node, left);
      if (left === 0) order.push(edge.to.node);
    }
  }
  const unordered =
    order.length === index.nodes.size ? [] : [...index.nodes.keys()].filter((id) => pending.get(id)! > 0);
  return { order, unordered };
}

/**
 * The cycles among `candidates` (strongly connected components with more than one node, or a
 * node wired to itself), each as a path a → b → … that leads back to its first node.
 * Iterative Tarjan, so a long chain cannot overflow the stack.
 */
export function findCycles(index: GraphIndex, candidates: readonly string[]): string[][] {
  const inScope = new Set(candidates);
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  const successors = (id: string) =>
    index.outgoing
      .get(id)!
      .map((edge) => edge.to.node)
      .filter((to) => inScope.has(to));

  for (const start of candidates) {
    if (indexOf.has(start)) continue;
    const frames: { id: string; next: string[] }[] = [];
    const enter = (id: string) => {
      indexOf.set(id, counter);
      lowLink.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      frames.push({ id, next: successors(id) });
    };
    enter(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const to = frame.next.pop();
      if (to !== undefined) {
        if (!indexOf.has(to)) enter(to);
        else if (onStack.has(to)) lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, indexOf.get(to)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].id;
        lowLink.set(parent, Math.min(lowLink.get(parent)!, lowLink.get(frame.id)!));
      }
      if (lowLink.get(frame.id) !== indexOf.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const selfLoop = successors(frame.id).includes(frame.id);
      if (component.length > 1 || selfLoop) cycles.push(cyclePath(index, component));
    }
  }
  return cycles;
}

/** Would an edge from → to close a cycle? (Is `from` reachable from `to`?) Used while dragging a wire. */
export function wouldCreateCycle(index: GraphIndex, from: string, to: string): boolean {
  if (from === to) return true;
  const seen = new Set<string>([to]);
  const queue = [to];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const edge of index.outgoing.get(id) ?? []) {
      if (edge.to.node === from) return true;
      if (!seen.has(edge.to.node)) {
        seen.add(edge.to.node);
        queue.push(edge.to.node);
      }
    }
  }
  return false;
}

/** A shortest path from the component's first node around and back to it (BFS inside the component). */
function cyclePath(index: GraphIndex, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0];
  const parent = new Map<string, string>();
  const queue = [start];
  for (let at = 0; at < queue.length; at++) {
    const id = queue[at];
    for (const edge of index.outgoing.get(id)!) {
      const to = edge.to.node;
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [id];
        while (path[0] !== start) path.unshift(parent.get(path[0])!);
        return path;
      }
      if (!parent.has(to)) {
        parent.set(to, id);
        queue.push(to);
      }
    }
  }
  return [...component];
}
