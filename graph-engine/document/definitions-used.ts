import { definitionOf } from '../component-ports';
import type { ComponentDef, NodeDoc } from './schema';

/**
 * The component definitions these nodes use, and those used inside them, each once: what must
 * travel with the nodes (copied, exported, saved to the library) for them to open elsewhere.
 */
export function definitionsUsedBy(
  nodes: readonly Pick<NodeDoc, 'kind' | 'params'>[],
  components: readonly ComponentDef[],
): ComponentDef[] {
  const used: ComponentDef[] = [];
  const pending = [...nodes];
  while (pending.length > 0) {
    const def = definitionOf(pending.pop()!, components);
    if (!def || used.includes(def)) continue;
    used.push(def);
    pending.push(...def.nodes);
  }
  return used;
}

/** `components` with those of `added` it lacks (by id and version): a graph keeps its own copy of a version it holds. */
export function withDefinitions(
  components: readonly ComponentDef[] | undefined,
  added: readonly ComponentDef[],
): ComponentDef[] | undefined {
  const held = new Set((components ?? []).map((def) => `${def.id}@${def.version}`));
  const missing = added.filter((def) => !held.has(`${def.id}@${def.version}`));
  return missing.length === 0 ? components && [...components] : [...(components ?? []), ...missing];
}
