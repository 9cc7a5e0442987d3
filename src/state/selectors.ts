import {
  gatherInputs,
  isArtifactRef,
  validateGraph,
  type ArtifactRef,
  type GraphDocument,
  type InputSpec,
  type NodeDoc,
} from '../../graph-engine';
import { nodeRegistry, portsOfNode } from '../../nodes';
import type { GraphState } from './graph-store';

const nodeIndexes = new WeakMap<GraphDocument['nodes'], Map<string, NodeDoc>>();

/** Nodes by id, built once per nodes array (documents are immutable, so this never goes stale). */
export function nodeById(doc: GraphDocument | null, id: string): NodeDoc | undefined {
  if (!doc) return undefined;
  let index = nodeIndexes.get(doc.nodes);
  if (!index) nodeIndexes.set(doc.nodes, (index = new Map(doc.nodes.map((node) => [node.id, node]))));
  return index.get(id);
}

const validations = new WeakMap<GraphDocument, ReturnType<typeof validateGraph>>();

/** The document's validation (edges by node, each output's type), once per document version. */
function validationOf(doc: GraphDocument): ReturnType<typeof validateGraph> {
  let validation = validations.get(doc);
  if (!validation) validations.set(doc, (validation = validateGraph(doc, nodeRegistry)));
  return validation;
}

/** The inputs a list arrives at that make this node run once per element (none when it does not map). */
export function mappedPorts(doc: GraphDocument | null, id: string): readonly string[] {
  return (doc && validationOf(doc).mapping.get(id)?.ports) || NO_PORTS;
}
const NO_PORTS: readonly string[] = [];

const mapLabelCache = new WeakMap<GraphDocument, { outputs: unknown; labels: ReadonlyMap<string, string> }>();

/**
 * The wires that make a node run once per element (a list into a single input), labelled "×N"
 * with the list's length once it is known ("×" before). The same map until the document or the outputs change.
 */
export function mapLabels(state: Pick<GraphState, 'doc' | 'outputs'>): ReadonlyMap<string, string> {
  const { doc, outputs } = state;
  if (!doc) return NO_LABELS;
  const cached = mapLabelCache.get(doc);
  if (cached && cached.outputs === outputs) return cached.labels;
  const validation = validationOf(doc);
  const labels = new Map<string, string>();
  for (const [id, mapping] of validation.mapping) {
    for (const edge of validation.index.incoming.get(id) ?? []) {
      if (!mapping.ports.includes(edge.to.port)) continue;
      const list = outputs[edge.from.node]?.[edge.from.port];
      labels.set(edge.id, Array.isArray(list) ? `×${list.length}` : '×');
    }
  }
  const result = labels.size > 0 ? labels : NO_LABELS;
  mapLabelCache.set(doc, { outputs, labels: result });
  return result;
}
const NO_LABELS: ReadonlyMap<string, string> = new Map();

const inputCache = new Map<string, { doc: unknown; outputs: unknown; value: Record<string, unknown> }>();

/**
 * What arrives on each input of a node, from the upstream nodes' last outputs, by the engine's own
 * rule (promotion to lists, spreading into `multiple` inputs), so a view shows what its executor
 * will get. The same object is returned until the document or the outputs change, so it is a
 * stable store selection.
 */
export function inputsOf(
  state: GraphState,
  id: string,
  specs: Readonly<Record<string, InputSpec>>,
): Record<string, unknown> {
  const { doc, outputs } = state;
  const cached = inputCache.get(id);
  if (cached && cached.doc === doc && cached.outputs === outputs) return cached.value;
  const validation = doc ? validationOf(doc) : undefined;
  const value = validation
    ? gatherInputs(
        specs,
        validation.index.incoming.get(id) ?? [],
        (edge) => outputs[edge.from.node]?.[edge.from.port],
        (edge) => validation.outputTypes.get(`${edge.from.node}:${edge.from.port}`),
      )
    : {};
  // Unchanged inputs keep their identity, so an edit elsewhere does not re-render this node.
  const same = cached && shallowEqual(cached.value, value);
  inputCache.set(id, { doc, outputs, value: same ? cached.value : value });
  return same ? cached.value : value;
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const [x, y] = [a[key], b[key]];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((item, at) => item === y[at]);
    return x === y;
  });
}

/**
 * The still that arrives beside this node's output at a node it feeds (the first item of a
 * list): for a Camera, the picked still the Animate it feeds will move over.
 */
export function stillBeside(state: GraphState, id: string): ArtifactRef | undefined {
  const { doc } = state;
  if (!doc) return undefined;
  for (const edge of validationOf(doc).index.outgoing.get(id) ?? []) {
    const consumer = nodeById(doc, edge.to.node);
    if (!consumer) continue;
    for (const value of Object.values(inputsOf(state, consumer.id, portsOfNode(consumer).inputs))) {
      const first = Array.isArray(value) ? value[0] : value;
      if (isArtifactRef(first) && first.mime.startsWith('image/')) return first;
    }
  }
  return undefined;
}
