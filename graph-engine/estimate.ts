import { portsOf, type NodeRegistry } from './node-def';
import { elementType } from './ports';
import type { PreparedRun } from './run-graph';
import { elementCount } from './takes';
import { mapsOverTakes } from './validate';

export interface CostEstimate {
  /** US dollars for everything the run will execute; cached nodes and takes cost nothing. */
  total: number;
  /** Nodes that will execute and cost something, in run order, with how many takes they will run. */
  nodes: { nodeId: string; cost: number; takes: number }[];
}

/**
 * Prices what a prepared run will actually execute, take by take, with each kind's
 * `estimateCost`. Where a node's takes are known ahead (its inputs are cached or worked out),
 * only the takes not in the cache count; where they are not, every take it is expected to make
 * counts: its fanned-out values times the length each mapped list is expected to have.
 */
export function estimateCost<Providers>(
  prepared: PreparedRun,
  registry: NodeRegistry<Providers>,
  providers: Providers,
  /** Values of a node's fan-out param to leave out (a model that cannot be called: its takes send nothing). */
  leaveOut?: (nodeId: string, value: unknown) => boolean,
): CostEstimate {
  const { validation } = prepared;
  const { index } = validation;
  const expectedTakes = new Map<string, number>();
  const defOf = (id: string) => registry.get(index.nodes.get(id)!.kind)!;

  /** How many items node `id` is expected to put on `port`. */
  const lengthOf = (id: string, port: string): number => {
    const known = (prepared.cached.get(id)?.outputs ?? prepared.previewed.get(id))?.[port];
    if (Array.isArray(known)) return known.length;
    const def = defOf(id);
    const params = validation.params.get(id);
    const spec = portsOf(def, params).outputs[port];
    const isList =
      spec && (typeof spec.type === 'string' ? elementType(spec.type) !== undefined : 'listOf' in spec.type);
    const perTake = isList ? (def.listLength?.(params) ?? 1) : 1;
    return perTake * takesOf(id);
  };

  /** How many takes node `id` is expected to run (1 for a node that does not map). */
  const takesOf = (id: string): number => {
    const memo = expectedTakes.get(id);
    if (memo !== undefined) return memo;
    const mapping = validation.mapping.get(id);
    let count = 1;
    if (mapsOverTakes(mapping)) {
      const incoming = index.incoming.get(id)!;
      const lengths = mapping!.ports.map((port) => {
        const edge = incoming.find((candidate) => candidate.to.port === port)!;
        return lengthOf(edge.from.node, edge.from.port);
      });
      count = elementCount(lengths, index.nodes.get(id)!.takes?.combine) * (mapping!.fan?.values.length ?? 1);
    }
    expectedTakes.set(id, count);
    return count;
  };

  const nodes: CostEstimate['nodes'] = [];
  // Nodes with one key are one piece of work, made (and paid for) once in a run: priced once.
  const priced = new Set<string>();
  for (const id of prepared.plan.work) {
    const def = defOf(id);
    if (!def.estimateCost) continue;
    const key = prepared.keys.get(id);
    if (key !== undefined && priced.has(key)) continue;
    if (key !== undefined) priced.add(key);
    const params = validation.params.get(id);
    const fanOut = def.fanOut;
    const left = (value: unknown) => fanOut !== undefined && leaveOut !== undefined && leaveOut(id, value);
    const pending = prepared.pendingTakes.get(id)?.filter((take) => {
      const values = fanOut ? (take as Record<string, unknown>)[fanOut] : undefined;
      return !(Array.isArray(values) && values.length > 0 && values.every(left));
    });
    let cost: number;
    let takes: number;
    if (pending) {
      cost = pending.reduce<number>((sum, take) => sum + def.estimateCost!(take, providers), 0);
      takes = pending.length;
    } else {
      // Unknown elements: each costs what one take of every fanned-out value costs.
      const mapping = validation.mapping.get(id);
      const fanned = mapping?.fan?.values.length ?? 1;
      const kept = mapping?.fan?.values.filter((value) => !left(value));
      const asked =
        fanOut && kept && kept.length < fanned ? { ...(params as Record<string, unknown>), [fanOut]: kept } : params;
      takes = (takesOf(id) * (kept?.length ?? fanned)) / fanned;
      cost = kept?.length === 0 ? 0 : (def.estimateCost(asked, providers) * takesOf(id)) / fanned;
    }
    if (cost > 0) nodes.push({ nodeId: id, cost, takes });
  }
  return { total: nodes.reduce((sum, node) => sum + node.cost, 0), nodes };
}
