import { canonicalJSON } from '../canonical-json';
import type { NodeRegistry } from '../node-def';
import { nodeChanges } from './component-changes';
import type { GraphDocument } from './schema';

/**
 * What changed from one version of a graph to another, in words: its name, nodes added and
 * removed, settings from → to, wires, components added, updated or edited, the app's inputs.
 * Empty when nothing that runs or shows differs (where nodes stand is not a change).
 */
export function graphChanges(before: GraphDocument, after: GraphDocument, registry: NodeRegistry): string[] {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`renamed “${before.name}” → “${after.name}”`);
  changes.push(...nodeChanges(before.nodes, after.nodes, registry));
  const wires = (doc: GraphDocument) => new Set(doc.edges.map((edge) => canonicalJSON([edge.from, edge.to])));
  const [was, now] = [wires(before), wires(after)];
  const added = [...now].filter((wire) => !was.has(wire)).length;
  const removed = [...was].filter((wire) => !now.has(wire)).length;
  if (added > 0) changes.push(`${added} wire${added === 1 ? '' : 's'} added`);
  if (removed > 0) changes.push(`${removed} wire${removed === 1 ? '' : 's'} removed`);
  const versions = (doc: GraphDocument) => new Map((doc.components ?? []).map((def) => [def.id, def]));
  const [had, has] = [versions(before), versions(after)];
  for (const [id, def] of has) {
    const old = had.get(id);
    if (!old) changes.push(`adds the component “${def.name}”`);
    else if (old.version !== def.version) changes.push(`“${def.name}”: version ${old.version} → ${def.version}`);
    else if (canonicalJSON(old) !== canonicalJSON(def)) changes.push(`edits the component “${def.name}”`);
  }
  for (const [id, def] of had) if (!has.has(id)) changes.push(`no component “${def.name}” any more`);
  const inputs = (doc: GraphDocument) => new Set((doc.app?.inputs ?? []).map((input) => input.label ?? input.name));
  const [shown, showing] = [inputs(before), inputs(after)];
  for (const name of showing) if (!shown.has(name)) changes.push(`shows “${name}” in the app`);
  for (const name of shown) if (!showing.has(name)) changes.push(`no longer shows “${name}” in the app`);
  return changes;
}
