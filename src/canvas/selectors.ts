import type { GraphDocument, NodeDoc } from '../../graph-engine';
import type { GraphState } from '../state/graph-store';

const nodeIndexes = new WeakMap<GraphDocument['nodes'], Map<string, NodeDoc>>();

/** Nodes by id, built once per nodes array (documents are immutable, so this never goes stale). */
export function nodeById(doc: GraphDocument | null, id: string): NodeDoc | undefined {
  if (!doc) return undefined;
  let index = nodeIndexes.get(doc.nodes);
  if (!index) nodeIndexes.set(doc.nodes, (index = new Map(doc.nodes.map((node) => [node.id, node]))));
  return index.get(id);
}

/** What arrives on each input of a node, from the upstream nodes' last outputs. */
export function inputsOf(state: GraphState, id: string): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const edge of state.doc?.edges ?? []) {
    if (edge.to.node !== id) continue;
    inputs[edge.to.port] = state.outputs[edge.from.node]?.[edge.from.port];
  }
  return inputs;
}
