import type { NodeRegistry } from './node-def';
import type { PreparedRun } from './run-graph';

export interface CostEstimate {
  /** US dollars for everything the run will execute; cached nodes cost nothing. */
  total: number;
  /** Nodes that will execute and cost something, in run order. */
  nodes: { nodeId: string; cost: number }[];
}

/** Prices what a prepared run will actually execute, with each kind's `estimateCost`. */
export function estimateCost<Providers>(
  prepared: PreparedRun,
  registry: NodeRegistry<Providers>,
  providers: Providers,
): CostEstimate {
  const nodes: CostEstimate['nodes'] = [];
  for (const id of prepared.plan.work) {
    const node = prepared.validation.index.nodes.get(id)!;
    const cost = registry.get(node.kind)?.estimateCost?.(prepared.validation.params.get(id), providers) ?? 0;
    if (cost > 0) nodes.push({ nodeId: id, cost });
  }
  return { total: nodes.reduce((sum, node) => sum + node.cost, 0), nodes };
}
