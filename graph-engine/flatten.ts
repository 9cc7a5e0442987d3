import {
  COMPONENT_KIND,
  zInstanceParams,
  type ComponentDef,
  type EdgeDoc,
  type GraphDocument,
  type InstanceParams,
  type NodeDoc,
  type PortRef,
  type TakeSettings,
} from './document/schema';

/** The most nodes a graph may run once its components are opened up: nesting multiplies. */
export const MAX_FLAT_NODES = 50_000;

/** Between an instance's id and its inner node's, in the path id of a node inside a component. */
export const PATH_SEPARATOR = '/';

export type FlattenIssueCode = 'unknown-component' | 'component-cycle' | 'component-too-large' | 'unknown-port';

/** A problem with a component itself, on the instance (by its path id) that uses it. */
export interface FlattenIssue {
  code: FlattenIssueCode;
  nodeId: string;
  port?: string;
  edgeId?: string;
  message: string;
}

/** A graph with every component instance replaced by its inner nodes. */
export interface FlatGraph {
  nodes: NodeDoc[];
  edges: EdgeDoc[];
  issues: FlattenIssue[];
  /**
   * For each node inside a component, by path id (`instance/inner`), the top-level instance it lies
   * in: a problem, progress or a take inside is shown there.
   */
  outerOf: ReadonlyMap<string, string>;
  /** The other way: the nodes inside each instance (top-level, or nested under its path id), by path id. */
  inside: ReadonlyMap<string, readonly string[]>;
  /** Where a top-level instance's output port (`instance:port`) comes from in the flat graph. */
  sources: ReadonlyMap<string, PortRef>;
}

type Graph = Pick<GraphDocument, 'nodes' | 'edges' | 'components'>;

/** One level opened up: its instances, and how its ports are reached in the flat graph. */
interface Opened {
  instances: ReadonlyMap<string, { def: ComponentDef; inner: Opened }>;
  /** The flat output a wire leaving `node.port` at this level carries, if the port exists. */
  sourceOf(ref: PortRef): PortRef | undefined;
  /** The flat inputs a wire arriving at `node.port` at this level feeds (none where the port does not exist). */
  targetsOf(ref: PortRef): PortRef[];
}

/**
 * Opens up every component instance into its inner nodes, each under a path id
 * (`instance/inner`, nested `outer/instance/inner`, as ComfyUI's executable node paths), and
 * rewires the wires that crossed a border to the inner ports they lead to. Cache keys are made
 * from content, not ids, so an inner node keys as it would outside the component: it stays
 * cached across an edit to another inner node and is shared by two instances that agree.
 * A graph with no instances comes back as it is. An instance that cannot be opened (a missing
 * definition, a cycle of definitions) stays as a node with an issue, so what lies below it waits.
 */
export function flattenComponents(doc: Graph): FlatGraph {
  if (!doc.nodes.some((node) => node.kind === COMPONENT_KIND))
    return {
      nodes: doc.nodes,
      edges: doc.edges,
      issues: [],
      outerOf: new Map(),
      inside: new Map(),
      sources: new Map(),
    };
  const definitions = new Map((doc.components ?? []).map((def) => [keyOf(def), def]));
  const flat: FlatGraph & { nodes: NodeDoc[]; edges: EdgeDoc[] } = {
    nodes: [],
    edges: [],
    issues: [],
    outerOf: new Map(),
    inside: new Map(),
    sources: new Map(),
  };
  const outerOf = flat.outerOf as Map<string, string>;
  const inside = flat.inside as Map<string, string[]>;
  let budget = MAX_FLAT_NODES;

  /** Opens up one level (the graph itself, or a definition's inside under `prefix`), returning how to reach its ports. */
  function open(
    nodes: readonly NodeDoc[],
    edges: readonly EdgeDoc[],
    prefix: string,
    chain: readonly ComponentDef[],
    outer: string | undefined,
  ): Opened {
    const opened = new Map<string, { def: ComponentDef; inner: Opened }>();
    for (const node of nodes) {
      const id = prefix + node.id;
      const keep = () => {
        budget--;
        flat.nodes.push(id === node.id ? node : { ...node, id });
        if (outer === undefined) return;
        outerOf.set(id, outer);
        // Listed under each instance it lies in, down from the top-level one (`a`, then `a/b` for `a/b/c`).
        for (let end = id.indexOf(PATH_SEPARATOR); end > 0; end = id.indexOf(PATH_SEPARATOR, end + 1)) {
          const instance = id.slice(0, end);
          if (inside.has(instance)) inside.get(instance)!.push(id);
          else inside.set(instance, [id]);
        }
      };
      if (node.kind !== COMPONENT_KIND) {
        keep();
        continue;
      }
      const refused = (code: FlattenIssueCode, message: string) => {
        flat.issues.push({ code, nodeId: id, message });
        keep();
      };
      const params = zInstanceParams.safeParse(node.params);
      if (!params.success) {
        refused('unknown-component', 'does not say which component it is an instance of');
        continue;
      }
      const { id: defId, version } = params.data.component;
      const def = definitions.get(`${defId}@${version}`);
      if (!def) {
        refused(
          'unknown-component',
          `uses the component "${defId}" version ${version}, which this graph does not hold`,
        );
        continue;
      }
      if (chain.some((outerDef) => outerDef.id === def.id)) {
        const names = [...chain.slice(chain.findIndex((outerDef) => outerDef.id === def.id)), def].map(
          (each) => `"${each.name}"`,
        );
        refused(
          'component-cycle',
          `the component ${names.join(' → ')} holds itself; a component cannot contain itself`,
        );
        continue;
      }
      if (def.nodes.length > budget) {
        refused(
          'component-too-large',
          `opening "${def.name}" here would make more than ${MAX_FLAT_NODES.toLocaleString('en')} nodes to run`,
        );
        continue;
      }
      const inner = open(
        def.nodes.map((innerNode) => configured(innerNode, def, params.data)),
        def.edges,
        id + PATH_SEPARATOR,
        [...chain, def],
        outer ?? id,
      );
      opened.set(node.id, { def, inner });
    }

    function sourceOf(ref: PortRef): PortRef | undefined {
      const instance = opened.get(ref.node);
      if (!instance) return { node: prefix + ref.node, port: ref.port };
      const border = instance.def.outputs.find((port) => port.name === ref.port);
      return border && instance.inner.sourceOf(border.from);
    }

    function targetsOf(ref: PortRef): PortRef[] {
      const instance = opened.get(ref.node);
      if (!instance) return [{ node: prefix + ref.node, port: ref.port }];
      const border = instance.def.inputs.find((port) => port.name === ref.port);
      return border ? border.to.flatMap((to) => instance.inner.targetsOf(to)) : [];
    }

    for (const edge of edges) {
      const from = sourceOf(edge.from);
      const to = targetsOf(edge.to);
      const id = prefix + edge.id;
      // A wire to a port its component no longer has is left out, and said so where it stops a run:
      // at the instance it leads into, or at each input it fed from an output that is gone.
      const missing = !from
        ? { end: edge.from, side: 'output', at: to }
        : to.length === 0
          ? { end: edge.to, side: 'input', at: [{ node: prefix + edge.to.node, port: edge.to.port }] }
          : undefined;
      if (missing) {
        const name = opened.get(missing.end.node)!.def.name;
        const message = `the component "${name}" has no ${missing.side} "${missing.end.port}"`;
        for (const end of missing.at)
          flat.issues.push({ code: 'unknown-port', nodeId: end.node, port: end.port, edgeId: id, message });
        continue;
      }
      to.forEach((target, at) =>
        flat.edges.push({ id: to.length === 1 ? id : `${id}${PATH_SEPARATOR}${at}`, from: from!, to: target }),
      );
    }
    return { instances: opened, sourceOf, targetsOf };
  }

  const top = open(doc.nodes, doc.edges, '', [], undefined);
  const sources = flat.sources as Map<string, PortRef>;
  for (const [id, { def }] of top.instances)
    for (const port of def.outputs) {
      const source = top.sourceOf({ node: id, port: port.name });
      if (source) sources.set(`${id}:${port.name}`, source);
    }
  return flat;
}

/** The flat nodes a run of these nodes brings up to date: an instance is every node inside it. */
export function flatTargets(flat: Pick<FlatGraph, 'inside'>, ids: readonly string[]): string[] {
  return ids.flatMap((id) => [id, ...(flat.inside.get(id) ?? [])]);
}

/**
 * What a top-level instance's border outputs carry, by port, from the outputs of the flat nodes
 * (undefined when none has been made).
 */
export function instanceOutputs(
  flat: Pick<FlatGraph, 'sources'>,
  instance: string,
  outputsOf: (node: string) => Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  for (const [key, source] of flat.sources) {
    const port = key.slice(instance.length + 1);
    if (!key.startsWith(`${instance}:`) || port.includes(':')) continue;
    const made = outputsOf(source.node)?.[source.port];
    if (made !== undefined) (found ??= {})[port] = made;
  }
  return found;
}

function keyOf(def: Pick<ComponentDef, 'id' | 'version'>): string {
  return `${def.id}@${def.version}`;
}

/**
 * An inner node as this instance runs it: the definition's params, what was set on it for this
 * instance alone, then the instance's values of the params the definition exposes. An exposed
 * param of a nested instance sets that instance's value; settings for nodes deeper down are
 * handed on under their path below it.
 */
function configured(node: NodeDoc, def: ComponentDef, instance: InstanceParams): NodeDoc {
  const own = instance.inner?.[node.id];
  const exposed = def.params.filter(
    (param) => param.node === node.id && instance.values && Object.hasOwn(instance.values, param.name),
  );
  const deeper = Object.entries(instance.inner ?? {}).filter(([path]) => path.startsWith(node.id + PATH_SEPARATOR));
  if (!own && exposed.length === 0 && deeper.length === 0) return node;
  let params: Record<string, unknown> = { ...node.params, ...own?.params };
  if (node.kind === COMPONENT_KIND) {
    const nested = params as Partial<InstanceParams>;
    const values = { ...nested.values };
    for (const param of exposed) values[param.param] = instance.values![param.name];
    const inner = { ...nested.inner };
    for (const [path, settings] of deeper) {
      const below = path.slice(node.id.length + 1);
      inner[below] = {
        params: { ...inner[below]?.params, ...settings.params },
        takes: mergedTakes(inner[below]?.takes, settings.takes),
      };
    }
    params = { ...params, values, inner };
  } else for (const param of exposed) params[param.param] = instance.values![param.name];
  const takes = mergedTakes(node.takes, own?.takes);
  return { ...node, params, ...(takes ? { takes } : {}) };
}

/**
 * The definition's take settings with what one instance set on top, field by field: its combine
 * where it chose one, re-rolls added up, dropped takes joined. Replacing them whole would bring
 * back takes the definition dropped and undo its re-rolls, so paid takes would be made again.
 */
function mergedTakes(base: TakeSettings | undefined, own: TakeSettings | undefined): TakeSettings | undefined {
  if (!own || !base) return own ?? base;
  const rerolls = { ...base.rerolls };
  for (const [take, count] of Object.entries(own.rerolls ?? {})) rerolls[take] = (rerolls[take] ?? 0) + count;
  const dropped = [...new Set([...(base.dropped ?? []), ...(own.dropped ?? [])])];
  const combine = own.combine ?? base.combine;
  return {
    ...(combine ? { combine } : {}),
    ...(Object.keys(rerolls).length > 0 ? { rerolls } : {}),
    ...(dropped.length > 0 ? { dropped } : {}),
  };
}

/**
 * Nodes and wires with every node id renamed (a component's inside under its instance's path,
 * `instance/inner`, and back): how the canvas shows an opened component, and how its edits land.
 */
export function renamedNodes<N extends { id: string }, E extends Pick<EdgeDoc, 'id' | 'from' | 'to'>>(
  graph: { nodes: readonly N[]; edges: readonly E[] },
  rename: (id: string) => string,
): { nodes: N[]; edges: E[] } {
  return {
    nodes: graph.nodes.map((node) => ({ ...node, id: rename(node.id) })),
    edges: graph.edges.map((edge) => ({
      ...edge,
      id: rename(edge.id),
      from: { ...edge.from, node: rename(edge.from.node) },
      to: { ...edge.to, node: rename(edge.to.node) },
    })),
  };
}
