import { topologicalOrder, indexGraph } from '../graph';
import type { NodeRegistry } from '../node-def';
import { definitionOf, nodePortsOf } from '../component-ports';
import {
  COMPONENT_KIND,
  zComponentDef,
  type ComponentDef,
  type EdgeDoc,
  type GraphDocument,
  type NodeDoc,
  type PortRef,
} from './schema';

type Parts = Pick<GraphDocument, 'nodes' | 'edges' | 'groups' | 'components'>;

/**
 * Makes some nodes of a graph into one component: they become its definition (with the wires
 * between them), one instance takes their place, and each wire that crossed the border becomes a
 * port: one input per outside output that fed them (however many inner inputs it fed), one output
 * per inner output that fed the rest of the graph. Wires keep their place in the list, so a
 * `multiple` input outside keeps its order. Undefined when there is nothing to make.
 */
export function makeComponent(
  graph: Parts,
  selected: ReadonlySet<string>,
  ids: { component: string; instance: string },
  registry: NodeRegistry,
): Parts | undefined {
  const inside = graph.nodes.filter((node) => selected.has(node.id));
  if (inside.length === 0) return undefined;
  const isIn = (ref: PortRef) => selected.has(ref.node);
  const inner = graph.edges.filter((edge) => isIn(edge.from) && isIn(edge.to));
  const incoming = graph.edges.filter((edge) => !isIn(edge.from) && isIn(edge.to));
  const outgoing = graph.edges.filter((edge) => isIn(edge.from) && !isIn(edge.to));

  const left = Math.min(...inside.map((node) => node.position.x));
  const top = Math.min(...inside.map((node) => node.position.y));
  const taken = new Set<string>();
  const distinct = (name: string) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate); n++) candidate = `${name} ${n}`;
    taken.add(candidate);
    return candidate;
  };
  const refKey = (ref: PortRef) => `${ref.node}\u0000${ref.port}`;

  const inputs: ComponentDef['inputs'] = [];
  const inputBySource = new Map<string, ComponentDef['inputs'][number]>();
  for (const edge of incoming) {
    const existing = inputBySource.get(refKey(edge.from));
    if (existing) {
      if (!existing.to.some((to) => refKey(to) === refKey(edge.to))) existing.to.push(edge.to);
      continue;
    }
    const port = { name: distinct(edge.to.port), to: [edge.to] };
    inputBySource.set(refKey(edge.from), port);
    inputs.push(port);
  }
  taken.clear();
  const outputs: ComponentDef['outputs'] = [];
  const outputBySource = new Map<string, ComponentDef['outputs'][number]>();
  for (const edge of outgoing) {
    if (outputBySource.has(refKey(edge.from))) continue;
    const port = { name: distinct(edge.from.port), from: edge.from };
    outputBySource.set(refKey(edge.from), port);
    outputs.push(port);
  }

  // A node inside that fed nothing at all was where the graph ended (an Assemble): what it makes
  // comes out of the component, so the component ends the graph as the node did.
  const feeds = new Set(graph.edges.map((edge) => edge.from.node));
  for (const node of inside) {
    if (feeds.has(node.id)) continue;
    for (const port of Object.keys(nodePortsOf(node, registry, graph.components ?? []).outputs)) {
      const from = { node: node.id, port };
      const border = { name: distinct(port), from };
      outputBySource.set(refKey(from), border);
      outputs.push(border);
    }
  }

  const definition: ComponentDef = {
    id: ids.component,
    version: 1,
    name: nameOf(inside, inner, registry, graph.components ?? []),
    // Take settings (re-rolls, dropped takes) are of this use: they go to the instance, below.
    nodes: inside.map(({ takes: _takes, ...node }) => ({
      ...node,
      position: { x: node.position.x - left, y: node.position.y - top },
    })),
    edges: inner,
    inputs,
    outputs,
    params: [],
  };
  // Labels come from the inner ports, so the instance reads as its inside did.
  const byId = new Map(inside.map((node) => [node.id, node]));
  const portsAt = (id: string) => nodePortsOf(byId.get(id)!, registry, graph.components ?? []);
  for (const port of inputs) {
    const label = portsAt(port.to[0].node).inputs[port.to[0].port]?.label;
    if (label) port.label = label;
  }
  for (const port of outputs) {
    const label = portsAt(port.from.node).outputs[port.from.port]?.label;
    if (label) port.label = label;
  }

  // Where the first of them in run order stood: a spot that was free of the rest of the graph.
  const { order } = topologicalOrder(indexGraph({ nodes: inside, edges: inner }));
  const first = inside.find((node) => node.id === order[0]) ?? inside[0];
  const instance: NodeDoc = {
    id: ids.instance,
    kind: COMPONENT_KIND,
    kindVersion: 1,
    position: first.position,
    params: {
      component: { id: definition.id, version: definition.version },
      ...(inside.some((node) => node.takes)
        ? {
            inner: Object.fromEntries(
              inside.filter((node) => node.takes).map((node) => [node.id, { takes: node.takes }]),
            ),
          }
        : {}),
    },
  };
  const edges: EdgeDoc[] = [];
  const wired = new Set<string>();
  for (const edge of graph.edges) {
    if (isIn(edge.from) && isIn(edge.to)) continue;
    if (isIn(edge.to)) {
      // One wire per outside source into its border input, however many inner inputs it fed.
      const port = inputBySource.get(refKey(edge.from))!;
      const key = `${refKey(edge.from)}\u0000${port.name}`;
      if (wired.has(key)) continue;
      wired.add(key);
      edges.push({ id: edge.id, from: edge.from, to: { node: instance.id, port: port.name } });
    } else if (isIn(edge.from))
      edges.push({
        id: edge.id,
        from: { node: instance.id, port: outputBySource.get(refKey(edge.from))!.name },
        to: edge.to,
      });
    else edges.push(edge);
  }
  const nodes = graph.nodes.filter((node) => !selected.has(node.id));
  nodes.push(instance);
  const groups = graph.groups
    ?.map((group) => ({ ...group, nodes: group.nodes.filter((id) => !selected.has(id)) }))
    .filter((group) => group.nodes.length > 0);
  // Nothing is made that the graph could not be saved and opened again with (a name too long, too many ports).
  if (!zComponentDef.safeParse(definition).success) return undefined;
  return { nodes, edges, groups, components: [...(graph.components ?? []), definition] };
}

/** "Prompt → Still → Pick": the inner nodes' titles in the order they run, the first three. */
function nameOf(
  nodes: readonly NodeDoc[],
  edges: readonly EdgeDoc[],
  registry: NodeRegistry,
  components: readonly ComponentDef[],
): string {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const { order } = topologicalOrder(indexGraph({ nodes: [...nodes], edges: [...edges] }));
  const titles = order.map((id) => {
    const node = byId.get(id)!;
    return node.title ?? registry.get(node.kind)?.title ?? definitionOf(node, components)?.name ?? node.kind;
  });
  const name = titles.length > 3 ? `${titles.slice(0, 3).join(' → ')} …` : titles.join(' → ');
  return name.length > 200 ? `${name.slice(0, 199)}…` : name;
}
