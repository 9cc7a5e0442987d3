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
    const def = registry.get(validation.index.nodes.get(id)?.kind ?? '');
    if (!def?.resource) continue;
    const params = validation.params.get(id);
    const fan = validation.mapping.get(id)?.fan;
    // As the engine asks it, take by take: a node fanned out over models draws on each one's pool.
    const each =
      prepared.pendingTakes.get(id) ??
      (fan ? fan.values.map((value) => ({ ...(params as Record<string, unknown>), [fan.param]: [value] })) : [params]);
    for (const take of each) {
      const pool = def.resource(take);
      if (pool) pools.add(pool);
    }
  }
  return [...pools].sort();
}
