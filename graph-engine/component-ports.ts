import { COMPONENT_KIND, zInstanceParams, type ComponentDef, type NodeDoc, type PortRef } from './document/schema';
import { portsOf, type NodePorts, type NodeRegistry } from './node-def';
import { PATH_SEPARATOR } from './flatten';
import { elementType, listType, type InputSpec, type OutputSpec } from './ports';

const NO_PORTS: NodePorts = { inputs: {}, outputs: {} };

/** The definition an instance uses, where the graph holds it. */
export function definitionOf(
  node: Pick<NodeDoc, 'kind' | 'params'>,
  components: readonly ComponentDef[],
): ComponentDef | undefined {
  if (node.kind !== COMPONENT_KIND) return undefined;
  const params = zInstanceParams.safeParse(node.params);
  return params.success ? findDefinition(components, params.data.component) : undefined;
}

/** A component's definition by the id and version an instance names. */
export function findDefinition(
  components: readonly ComponentDef[],
  ref: Pick<ComponentDef, 'id' | 'version'>,
): ComponentDef | undefined {
  return components.find((def) => def.id === ref.id && def.version === ref.version);
}

/**
 * The component opened at a path id (`a`, or `a/b` for an instance inside `a`'s component): the
 * instances on the way in, outermost first, with each one's definition; undefined where the path
 * does not lead through instances the graph holds the definitions of. A cycle of definitions ends it.
 */
export function openedAt(
  graph: { nodes: readonly NodeDoc[]; components?: readonly ComponentDef[] },
  path: string,
): { id: string; definition: ComponentDef }[] | undefined {
  const components = graph.components ?? [];
  const chain: { id: string; definition: ComponentDef }[] = [];
  let nodes = graph.nodes;
  for (const segment of path.split(PATH_SEPARATOR)) {
    const node = nodes.find((candidate) => candidate.id === segment);
    const definition = node && definitionOf(node, components);
    if (!definition || chain.some((step) => step.definition.id === definition.id)) return undefined;
    const id = chain.length === 0 ? segment : chain[chain.length - 1].id + PATH_SEPARATOR + segment;
    chain.push({ id, definition });
    nodes = definition.nodes;
  }
  return chain;
}

/**
 * A node's ports, drawn and wired: its kind's (`portsOf`), or for an instance its component's
 * border. A node of an unknown kind, or an instance whose definition is missing, has none.
 */
export function nodePortsOf(
  node: Pick<NodeDoc, 'kind' | 'params'>,
  registry: NodeRegistry,
  components: readonly ComponentDef[],
  seen: ReadonlySet<ComponentDef> = new Set(),
): NodePorts {
  if (node.kind === COMPONENT_KIND) {
    const def = definitionOf(node, components);
    return def && !seen.has(def) ? componentPortsOf(def, registry, components, seen) : NO_PORTS;
  }
  const def = registry.get(node.kind);
  return def ? portsOf(def, node.params) : NO_PORTS;
}

/**
 * A component's border as ports: an input accepts what the first inner input it feeds accepts
 * (optional when every one it feeds is), an output is typed as the inner output it carries, and
 * each is labelled as the border says or else as the inner port is.
 */
export function componentPortsOf(
  def: ComponentDef,
  registry: NodeRegistry,
  components: readonly ComponentDef[],
  seen: ReadonlySet<ComponentDef> = new Set(),
): NodePorts {
  const inside = new Set([...seen, def]);
  const byId = new Map(def.nodes.map((node) => [node.id, node]));
  const portsAt = (id: string) => {
    const node = byId.get(id);
    return node ? nodePortsOf(node, registry, components, inside) : NO_PORTS;
  };
  const inputs: Record<string, InputSpec> = {};
  for (const border of def.inputs) {
    const specs = border.to.map((to) => portsAt(to.node).inputs[to.port]);
    const [first] = specs;
    inputs[border.name] = {
      accepts: first?.accepts ?? [],
      ...(specs.every((spec) => spec?.optional) ? { optional: true } : {}),
      ...(first?.multiple ? { multiple: true } : {}),
      label: border.label ?? first?.label ?? border.name,
    };
  }

  /** The type an inner output carries, said in the border's terms where it follows an input. */
  const typeOf = (ref: PortRef, depth = 0): OutputSpec['type'] | undefined => {
    const type = portsAt(ref.node).outputs[ref.port]?.type;
    if (type === undefined || typeof type === 'string' || depth > def.nodes.length) return type;
    const relative = 'elementOf' in type ? type.elementOf : type.listOf;
    const fedBy = (to: PortRef) => to.node === ref.node && to.port === relative;
    const border = def.inputs.find((input) => input.to.some(fedBy));
    if (border) return 'elementOf' in type ? { elementOf: border.name } : { listOf: border.name };
    const wire = def.edges.find((edge) => fedBy(edge.to));
    const source = wire && typeOf(wire.from, depth + 1);
    if (typeof source !== 'string') return undefined;
    return 'elementOf' in type ? (elementType(source) ?? source) : (listType(source) ?? source);
  };
  const outputs: Record<string, OutputSpec> = {};
  for (const border of def.outputs) {
    outputs[border.name] = {
      type: typeOf(border.from) ?? { elementOf: '' },
      label: border.label ?? portsAt(border.from.node).outputs[border.from.port]?.label ?? border.name,
    };
  }
  return { inputs, outputs };
}
