import {
  combinedRunState,
  COMPONENT_KIND,
  definitionOf,
  gatherInputs,
  instanceOutputs,
  isArtifactRef,
  PATH_SEPARATOR,
  openedAt,
  renamedNodes,
  validateGraph,
  type ArtifactRef,
  type GraphDocument,
  type InputSpec,
  type NodeDoc,
  type NodeRunState,
  type RunState,
} from '../../graph-engine';
import { nodeRegistry, portsOfNode } from '../../nodes';
import type { GraphState } from './graph-store';

const nodeIndexes = new WeakMap<GraphDocument['nodes'], Map<string, NodeDoc>>();

/**
 * Nodes by id, built once per nodes array (documents are immutable, so this never goes stale); a
 * node inside a component by its path id, as its instance runs it.
 */
export function nodeById(doc: GraphDocument | null, id: string): NodeDoc | undefined {
  if (!doc) return undefined;
  let index = nodeIndexes.get(doc.nodes);
  if (!index) nodeIndexes.set(doc.nodes, (index = new Map(doc.nodes.map((node) => [node.id, node]))));
  return index.get(id) ?? (doc.components ? validationOf(doc).index.nodes.get(id) : undefined);
}

const shownDocs = new WeakMap<GraphDocument, Map<string, GraphDocument>>();

/**
 * The graph the canvas draws: the document, or with a component opened, its inside, each node
 * under its path id (`instance/inner`) so its run state, outputs and takes are the ones it has in
 * this use. The same object until the document changes.
 */
export function shownDoc(state: Pick<GraphState, 'doc' | 'inside'>): GraphDocument | null {
  const { doc, inside } = state;
  const def = doc && inside !== null ? openedAt(doc, inside)?.at(-1)?.definition : undefined;
  if (!doc || !def || inside === null) return doc;
  let byInstance = shownDocs.get(doc);
  if (!byInstance) shownDocs.set(doc, (byInstance = new Map()));
  let shown = byInstance.get(inside);
  if (!shown) {
    const renamed = renamedNodes(def, (id) => inside + PATH_SEPARATOR + id);
    // A person's choices (a Pick's picks) and take settings are this use's: drawn as it runs them.
    const flat = validationOf(doc).index.nodes;
    const nodes = renamed.nodes.map((node) => {
      const used = flat.get(node.id);
      const choices = nodeRegistry.get(node.kind)?.choices ?? [];
      if (!used || (choices.length === 0 && used.takes === node.takes)) return node;
      const params = { ...node.params };
      for (const name of choices) if (Object.hasOwn(used.params, name)) params[name] = used.params[name];
      return { ...node, params, ...(used.takes ? { takes: used.takes } : {}) };
    });
    shown = { ...doc, name: def.name, nodes, edges: renamed.edges, groups: [] };
    byInstance.set(inside, shown);
  }
  return shown;
}

/** The node of the graph as drawn that a node lies in: itself, or the instance of the component it is inside. */
export function outerNodeOf(doc: GraphDocument | null, id: string): string {
  return (doc && validationOf(doc).flat.outerOf.get(id)) || id;
}

/** The graph as it runs: its components opened up, nodes inside under path ids. */
export function flatGraphOf(doc: GraphDocument): Pick<GraphDocument, 'nodes' | 'edges'> {
  return validationOf(doc).flat;
}

/**
 * Where a component's instance shows its takes: the node inside that a waiting Pick chooses from,
 * else the first inside that split into takes (undefined when none did).
 */
export function boardInside(state: Pick<GraphState, 'doc' | 'takes' | 'runState'>, id: string): string | undefined {
  const { doc } = state;
  const inside = doc && validationOf(doc).flat.inside.get(id);
  if (!doc || !inside) return undefined;
  const { incoming } = validationOf(doc).index;
  for (const inner of inside) {
    if (state.runState[inner]?.status !== 'waiting') continue;
    // A node waits for a person at a Pick, whose first input brings what it chooses from.
    const source = incoming.get(inner)?.[0]?.from.node;
    if (source) return source;
  }
  return inside.find((inner) => (state.takes[inner]?.length ?? 0) > 1);
}

const validations = new WeakMap<GraphDocument, ReturnType<typeof validateGraph>>();

/** The document's validation (edges by node, each output's type), once per document version. */
function validationOf(doc: GraphDocument): ReturnType<typeof validateGraph> {
  let validation = validations.get(doc);
  if (!validation) validations.set(doc, (validation = validateGraph(doc, nodeRegistry)));
  return validation;
}

/**
 * What a node is called where a person reads it: its title, its kind's or its component's name;
 * a node inside a component by its path, "Look › Animate".
 */
export function nodeName(doc: GraphDocument | null, id: string): string {
  const node = nodeById(doc, id);
  if (node) return node.title ?? definitionOf(node, doc?.components ?? [])?.name ?? kindTitle(node.kind);
  const outer = doc && validationOf(doc).flat.outerOf.get(id);
  if (!doc || !outer) return id;
  const inner = validationOf(doc).index.nodes.get(id);
  return `${nodeName(doc, outer)} › ${inner?.title ?? kindTitle(inner?.kind ?? id)}`;
}

function kindTitle(kind: string): string {
  return kind === COMPONENT_KIND ? 'Component' : (nodeRegistry.get(kind)?.title ?? kind);
}

const combinedStates = new WeakMap<RunState, Map<string, { doc: GraphDocument | null; state: NodeRunState }>>();

/** The run status a node shows; a component's instance shows its inside's, combined (the same object until either changes). */
export function runStateOf(state: Pick<GraphState, 'doc' | 'runState'>, id: string): NodeRunState | undefined {
  const { doc, runState } = state;
  const own = runState[id];
  const inside = doc && !own ? validationOf(doc).flat.inside.get(id) : undefined;
  if (!inside) return own;
  let byId = combinedStates.get(runState);
  if (!byId) combinedStates.set(runState, (byId = new Map()));
  const cached = byId.get(id);
  if (cached?.doc === doc) return cached.state;
  const combined = combinedRunState(inside.map((inner) => runState[inner]));
  byId.set(id, { doc, state: combined });
  return combined;
}

/** Whether what a node shows was made from inputs or settings since changed; an instance, anything inside it. */
export function isStale(state: Pick<GraphState, 'doc' | 'stale'>, id: string): boolean {
  if (state.stale.has(id)) return true;
  const inside = state.doc && state.stale.size > 0 ? validationOf(state.doc).flat.inside.get(id) : undefined;
  return inside?.some((inner) => state.stale.has(inner)) ?? false;
}

const shownOutputs = new WeakMap<
  GraphState['outputs'],
  Map<string, { doc: GraphDocument; value: Record<string, unknown> | undefined }>
>();

/** A node's last outputs; a component's instance's are what its border outputs carry (the same object until either changes). */
export function outputsOf(state: Pick<GraphState, 'doc' | 'outputs'>, id: string): Record<string, unknown> | undefined {
  const { doc, outputs } = state;
  const node = nodeById(doc, id);
  if (!doc || node?.kind !== COMPONENT_KIND) return outputs[id];
  let byId = shownOutputs.get(outputs);
  if (!byId) shownOutputs.set(outputs, (byId = new Map()));
  const cached = byId.get(id);
  if (cached?.doc === doc) return cached.value;
  const shown = instanceOutputs(validationOf(doc).flat, id, (node) => outputs[node]);
  byId.set(id, { doc, value: shown });
  return shown;
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
    for (const value of Object.values(inputsOf(state, consumer.id, portsOfNode(consumer, doc.components).inputs))) {
      const first = Array.isArray(value) ? value[0] : value;
      if (isArtifactRef(first) && first.mime.startsWith('image/')) return first;
    }
  }
  return undefined;
}

/** The node a Pick chooses among: where its candidates come from (its take board shows them). */
export function candidatesOf(doc: GraphDocument | null, pickId: string): string | undefined {
  return doc ? validationOf(doc).index.incoming.get(pickId)?.[0]?.from.node : undefined;
}

/** The graph's final nodes as drawn: those nothing else takes from (a component at the end is one). */
export function finalNodes(doc: GraphDocument): string[] {
  const feeds = new Set(doc.edges.map((edge) => edge.from.node));
  return doc.nodes.filter((node) => !feeds.has(node.id)).map((node) => node.id);
}
