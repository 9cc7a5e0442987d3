import { COMPONENT_KIND, type GraphDocument } from './document/schema';
import { flattenComponents, type FlatGraph, type FlattenIssueCode } from './flatten';
import { fromZodIssues } from './document/issues';
import { findCycles, indexGraph, topologicalOrder, type GraphIndex } from './graph';
import { portsOf, type AnyNodeDef, type NodeRegistry } from './node-def';
import {
  describeAccepts,
  elementType,
  isCompatible,
  listType,
  mapsOver,
  type OutputSpec,
  type ValueType,
} from './ports';

export type IssueCode =
  | 'unknown-kind'
  | 'kind-too-new'
  | 'dangling-edge'
  | 'unknown-port'
  | 'type-mismatch'
  | 'too-many-edges'
  | 'missing-input'
  | 'invalid-param'
  | 'cycle'
  | 'cannot-map'
  | FlattenIssueCode;

/** A problem that stops a node from running, pointing at the node and, where it applies, the port or param. */
export interface GraphIssue {
  code: IssueCode;
  nodeId: string;
  port?: string;
  edgeId?: string;
  message: string;
}

export interface Validation {
  /** The graph with its components opened up: everything below is keyed by its path ids. */
  flat: FlatGraph;
  index: GraphIndex;
  /** Every node that can be ordered, sources first (nodes on or below a cycle are left out). */
  order: string[];
  issues: GraphIssue[];
  /** Nodes with no issue of their own and none upstream: a broken branch blocks only itself. */
  runnable: ReadonlySet<string>;
  /** Params after schema parsing (defaults filled in), for nodes whose params are valid. */
  params: ReadonlyMap<string, unknown>;
  /** The resolved type of each output, keyed `nodeId:port`. */
  outputTypes: ReadonlyMap<string, ValueType>;
  /** How each node that maps over lists or fans out over a param splits into takes. */
  mapping: ReadonlyMap<string, NodeMapping>;
}

/** How a node splits into takes: the inputs that map over a list, and the fanned-out param's values. */
export interface NodeMapping {
  /** Single inputs a list arrives at, in the kind's input order (the first varies slowest). */
  ports: string[];
  fan?: { param: string; values: readonly unknown[] };
}

/** Whether a node runs more than one take, its outputs becoming lists. */
export function mapsOverTakes(mapping: NodeMapping | undefined): boolean {
  return mapping !== undefined && (mapping.ports.length > 0 || (mapping.fan?.values.length ?? 0) > 1);
}

/**
 * Checks a graph before anything runs and says, per node and port, what is wrong. A graph with
 * components is checked, as it runs, opened up (`flattenComponents`).
 */
export function validateGraph(
  doc: Pick<GraphDocument, 'nodes' | 'edges' | 'components'>,
  registry: NodeRegistry,
): Validation {
  const flat = flattenComponents(doc);
  const index = indexGraph(flat);
  const issues: GraphIssue[] = [...flat.issues];
  const params = new Map<string, unknown>();
  const outputTypes = new Map<string, ValueType>();
  const mapping = new Map<string, NodeMapping>();
  const report = (issue: GraphIssue) => issues.push(issue);

  for (const edge of flat.edges) {
    const missing = [edge.from.node, edge.to.node].filter((id) => !index.nodes.has(id));
    if (missing.length === 0) continue;
    const present = index.nodes.has(edge.to.node) ? edge.to : index.nodes.has(edge.from.node) ? edge.from : undefined;
    if (!present) continue;
    report({
      code: 'dangling-edge',
      nodeId: present.node,
      port: present.port,
      edgeId: edge.id,
      message: `the connection "${edge.id}" leads to a node that does not exist ("${missing[0]}")`,
    });
  }

  for (const node of index.nodes.values()) {
    // An instance still here could not be opened up, and has said why.
    if (node.kind === COMPONENT_KIND) continue;
    const def = registry.get(node.kind);
    if (!def) {
      report({
        code: 'unknown-kind',
        nodeId: node.id,
        message: `unknown node kind "${node.kind}"; this app cannot run it`,
      });
      continue;
    }
    if (node.kindVersion > def.version) {
      report({
        code: 'kind-too-new',
        nodeId: node.id,
        message: `this ${def.title} node was made by a newer Reelgraph (version ${node.kindVersion}; this app knows up to ${def.version})`,
      });
    }
    const parsed = parseParams(def, node.params);
    if (parsed.success) params.set(node.id, parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        const [param] = fromZodIssues([issue]);
        report({
          code: 'invalid-param',
          nodeId: node.id,
          port: String(issue.path[0] ?? ''),
          message: `param ${param.path} ${param.message}`,
        });
      }
    }
    const ports = portsOf(def, parsed.success ? parsed.data : node.params);
    for (const edge of index.outgoing.get(node.id)!) {
      if (!(edge.from.port in ports.outputs)) {
        report({
          code: 'unknown-port',
          nodeId: node.id,
          port: edge.from.port,
          edgeId: edge.id,
          message: `${def.title} has no output "${edge.from.port}"`,
        });
      }
    }
    for (const edge of index.incoming.get(node.id)!) {
      if (!(edge.to.port in ports.inputs)) {
        report({
          code: 'unknown-port',
          nodeId: node.id,
          port: edge.to.port,
          edgeId: edge.id,
          message: `${def.title} has no input "${edge.to.port}"`,
        });
      }
    }
  }

  const { order, unordered } = topologicalOrder(index);
  for (const cycle of findCycles(index, unordered)) {
    const path = [...cycle, cycle[0]].map((id) => `"${id}"`).join(' → ');
    for (const nodeId of cycle) {
      report({ code: 'cycle', nodeId, message: `is part of a cycle (${path}); a graph must flow one way` });
    }
  }

  for (const id of order) checkInputs(id, index, registry, params, outputTypes, mapping, report);

  // A problem at a component's instance stops everything inside it.
  const failing = new Set(issues.flatMap((issue) => [issue.nodeId, ...(flat.inside.get(issue.nodeId) ?? [])]));
  const runnable = new Set<string>();
  for (const id of order) {
    if (failing.has(id)) continue;
    if (index.incoming.get(id)!.every((edge) => runnable.has(edge.from.node))) runnable.add(id);
  }
  return { flat, index, order, issues, runnable, params, outputTypes, mapping };
}

/**
 * Parses a node's params, remembering the result per params object and kind: documents are
 * immutable, so re-validating after an edit re-parses only the nodes that changed.
 */
const parsedParams = new WeakMap<object, WeakMap<AnyNodeDef, ReturnType<AnyNodeDef['params']['safeParse']>>>();
function parseParams(def: AnyNodeDef, params: Record<string, unknown>) {
  let byKind = parsedParams.get(params);
  if (!byKind) parsedParams.set(params, (byKind = new WeakMap()));
  let parsed = byKind.get(def);
  if (!parsed) byKind.set(def, (parsed = def.params.safeParse(params, { reportInput: true })));
  return parsed;
}

/** Resolves this node's output types from its sources and checks every input's wiring. */
function checkInputs(
  id: string,
  index: GraphIndex,
  registry: NodeRegistry,
  params: ReadonlyMap<string, unknown>,
  outputTypes: Map<string, ValueType>,
  mapping: Map<string, NodeMapping>,
  report: (issue: GraphIssue) => void,
): void {
  const node = index.nodes.get(id)!;
  const def = registry.get(node.kind);
  if (!def) return;
  const incoming = index.incoming.get(id)!;
  const { inputs, outputs } = portsOf(def, params.get(id) ?? node.params);
  const mapped: string[] = [];
  for (const [port, spec] of Object.entries(inputs)) {
    const edges = incoming.filter((edge) => edge.to.port === port);
    const label = spec.label ?? port;
    if (edges.length === 0 && !spec.optional) {
      report({
        code: 'missing-input',
        nodeId: id,
        port,
        message: `needs an input on "${label}" (${describeAccepts(spec)})`,
      });
    }
    if (edges.length > 1 && !spec.multiple) {
      report({
        code: 'too-many-edges',
        nodeId: id,
        port,
        message: `"${label}" takes one connection, but has ${edges.length}`,
      });
    }
    for (const edge of edges) {
      const type = outputTypes.get(`${edge.from.node}:${edge.from.port}`);
      if (type !== undefined && !isCompatible(type, spec)) {
        report({
          code: 'type-mismatch',
          nodeId: id,
          port,
          edgeId: edge.id,
          message: `"${label}" accepts ${describeAccepts(spec)}, but "${edge.from.node}" sends ${type}`,
        });
      } else if (type !== undefined && mapsOver(type, spec) && !mapped.includes(port)) mapped.push(port);
    }
  }
  const fanValues = def.fanOut && (params.get(id) as Record<string, unknown> | undefined)?.[def.fanOut];
  const nodeMapping: NodeMapping = {
    ports: mapped,
    fan: def.fanOut && Array.isArray(fanValues) ? { param: def.fanOut, values: fanValues } : undefined,
  };
  if (nodeMapping.ports.length > 0 || nodeMapping.fan) mapping.set(id, nodeMapping);
  const maps = mapsOverTakes(nodeMapping);
  for (const [port, spec] of Object.entries(outputs)) {
    const type = resolvedType(spec.type);
    if (type === undefined) continue;
    if (!maps) {
      outputTypes.set(`${id}:${port}`, type);
      continue;
    }
    // One take per element: each output becomes the list of what every take made, in take order.
    const list = listType(type);
    if (list) outputTypes.set(`${id}:${port}`, list);
    else
      report({
        code: 'cannot-map',
        nodeId: id,
        port: nodeMapping.ports[0],
        message: `${def.title} makes one ${type} from one input, but ${
          nodeMapping.ports.length > 0
            ? `a list arrives on "${inputs[nodeMapping.ports[0]].label ?? nodeMapping.ports[0]}"`
            : 'it is asked for several'
        }; put a Pick before it to keep one`,
      });
  }

  function resolvedType(type: OutputSpec['type']): ValueType | undefined {
    if (typeof type === 'string') return type;
    const port = 'elementOf' in type ? type.elementOf : type.listOf;
    const source = incoming.find((edge) => edge.to.port === port);
    const sourceType = source && outputTypes.get(`${source.from.node}:${source.from.port}`);
    if (!sourceType) return undefined;
    return 'elementOf' in type ? (elementType(sourceType) ?? sourceType) : (listType(sourceType) ?? sourceType);
  }
}
