import { definitionOf } from '../component-ports';
import { canonicalJSON } from '../canonical-json';
import { COMPONENT_KIND, type ComponentDef, type InstanceParams, type NodeDoc } from './schema';

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

/**
 * Definitions brought into a graph (pasted, placed from the library, imported) joined to those it
 * holds. One it holds already, the same at the same id and version, is not added twice; one that
 * differs under the same id and version (the graph's copy was edited since) comes in under an id of
 * its own, so each instance runs what it was made with. `renamed` says which came in renamed,
 * `id@version` → new id; instances among the incoming definitions are retargeted already.
 */
export function withDefinitions(
  components: readonly ComponentDef[] | undefined,
  added: readonly ComponentDef[],
): { components: ComponentDef[] | undefined; renamed: ReadonlyMap<string, string> } {
  const held = new Map((components ?? []).map((def) => [`${def.id}@${def.version}`, def]));
  const ids = new Set((components ?? []).map((def) => def.id));
  const renamed = new Map<string, string>();
  for (const def of added) {
    const same = held.get(`${def.id}@${def.version}`);
    if (!same || canonicalJSON(same) === canonicalJSON(def)) continue;
    // Brought in before under an id of its own (pasted again): that copy serves.
    const content = canonicalJSON({ ...def, id: '' });
    const copy = (components ?? []).find(
      (other) => other.version === def.version && canonicalJSON({ ...other, id: '' }) === content,
    );
    if (copy) {
      renamed.set(`${def.id}@${def.version}`, copy.id);
      continue;
    }
    let id = `${def.id}-2`;
    for (let n = 3; ids.has(id) || added.some((other) => other.id === id); n++) id = `${def.id}-${n}`;
    ids.add(id);
    renamed.set(`${def.id}@${def.version}`, id);
  }
  const incoming = added
    .map((def) => {
      const id = renamed.get(`${def.id}@${def.version}`);
      return { ...def, id: id ?? def.id, nodes: retargeted(def.nodes, renamed) };
    })
    .filter((def) => !held.has(`${def.id}@${def.version}`));
  return {
    components: incoming.length === 0 ? components && [...components] : [...(components ?? []), ...incoming],
    renamed,
  };
}

/** Nodes with each instance of a renamed definition (`id@version` → id) pointing at its new id. */
export function retargeted<N extends Pick<NodeDoc, 'kind' | 'params'>>(
  nodes: readonly N[],
  renamed: ReadonlyMap<string, string>,
): N[] {
  if (renamed.size === 0) return [...nodes];
  return nodes.map((node) => {
    if (node.kind !== COMPONENT_KIND) return node;
    const uses = (node.params as Partial<InstanceParams>).component;
    const id = uses && renamed.get(`${uses.id}@${uses.version}`);
    return id ? { ...node, params: { ...node.params, component: { ...uses, id } } } : node;
  });
}
