import type { GraphDocument, InputSpec, NodeDoc } from '../../graph-engine';
import type { GraphState } from '../state/graph-store';

const nodeIndexes = new WeakMap<GraphDocument['nodes'], Map<string, NodeDoc>>();

/** Nodes by id, built once per nodes array (documents are immutable, so this never goes stale). */
export function nodeById(doc: GraphDocument | null, id: string): NodeDoc | undefined {
  if (!doc) return undefined;
  let index = nodeIndexes.get(doc.nodes);
  if (!index) nodeIndexes.set(doc.nodes, (index = new Map(doc.nodes.map((node) => [node.id, node]))));
  return index.get(id);
}

const inputCache = new Map<string, { edges: unknown; outputs: unknown; value: Record<string, unknown> }>();

/**
 * What arrives on each input of a node, from the upstream nodes' last outputs (a list on
 * `multiple` inputs). The same object is returned until the edges or outputs change, so it is a
 * stable store selection.
 */
export function inputsOf(state: GraphState, id: string, specs: Readonly<Record<string, InputSpec>>): Record<string, unknown> {
  const cached = inputCache.get(id);
  if (cached && cached.edges === state.doc?.edges && cached.outputs === state.outputs) return cached.value;
  const inputs: Record<string, unknown> = {};
  for (const edge of state.doc?.edges ?? []) {
    if (edge.to.node !== id) continue;
    const value = state.outputs[edge.from.node]?.[edge.from.port];
    if (specs[edge.to.port]?.multiple) ((inputs[edge.to.port] ??= []) as unknown[]).push(value);
    else inputs[edge.to.port] = value;
  }
  inputCache.set(id, { edges: state.doc?.edges, outputs: state.outputs, value: inputs });
  return inputs;
}
