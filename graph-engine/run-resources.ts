import type { NodeRegistry } from './node-def';
import type { PreparedRun } from './run-graph';

/**
 * The pools a run's work will draw from (the `resource` its node kinds declare, e.g. `local-render`
 * or `cloud`), sorted: what a queue needs to know to run two runs side by side without either
 * crowding the other. Cached nodes draw on nothing; quick kinds that declare no pool are left out.
 */
export function runResources<Providers>(prepared: PreparedRun, registry: NodeRegistry<Providers>): string[] {
  const { validation, plan, cached } = prepared;
  const pools = new Set<string>();
  for (const id of plan.work) {
    if (cached.has(id)) continue;
    const kind = validation.index.nodes.get(id)?.kind;
    const pool = kind ? registry.get(kind)?.resource?.(validation.params.get(id)) : undefined;
    if (pool) pools.add(pool);
  }
  return [...pools].sort();
}
