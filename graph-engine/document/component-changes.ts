import { canonicalJSON } from '../canonical-json';
import type { NodeRegistry } from '../node-def';
import type { ComponentDef, NodeDoc } from './schema';

/**
 * What an update from one version of a component to another changes, in words a person reads
 * before taking it: nodes added and removed, settings from → to, ports and shown settings
 * gained and lost, wires redone. Empty when nothing that runs or shows differs.
 */
export function componentChanges(before: ComponentDef, after: ComponentDef, registry: NodeRegistry): string[] {
  const changes = nodeChanges(before.nodes, after.nodes, registry);
  const names = (ports: readonly { name: string }[]) => new Set(ports.map((port) => port.name));
  const gained = (what: string, from: Set<string>, to: Set<string>) => {
    for (const name of to) if (!from.has(name)) changes.push(`a new ${what} “${name}”`);
    for (const name of from) if (!to.has(name)) changes.push(`no ${what} “${name}” any more`);
  };
  gained('input', names(before.inputs), names(after.inputs));
  gained('output', names(before.outputs), names(after.outputs));
  gained('setting on the node', names(before.params), names(after.params));
  if (canonicalJSON(before.edges) !== canonicalJSON(after.edges)) changes.push('rewires the inside');
  return changes;
}

/** Nodes added and removed, and settings from → to, between two sets of nodes (a graph's, a component's inside). */
export function nodeChanges(before: readonly NodeDoc[], after: readonly NodeDoc[], registry: NodeRegistry): string[] {
  const changes: string[] = [];
  const title = (node: NodeDoc) => node.title ?? registry.get(node.kind)?.title ?? node.kind;
  const old = new Map(before.map((node) => [node.id, node]));
  const now = new Map(after.map((node) => [node.id, node]));
  for (const node of after) if (!old.has(node.id)) changes.push(`adds ${title(node)}`);
  for (const node of before) if (!now.has(node.id)) changes.push(`removes ${title(node)}`);
  for (const node of after) {
    const was = old.get(node.id);
    if (!was) continue;
    for (const param of new Set([...Object.keys(was.params), ...Object.keys(node.params)])) {
      const [from, to] = [shown(was.params[param]), shown(node.params[param])];
      if (from !== to) changes.push(`${title(node)} · ${param}: ${from} → ${to}`);
    }
  }
  return changes;
}

/** A setting's value, short enough for one line ("default" where none is set). */
function shown(value: unknown): string {
  if (value === undefined) return 'default';
  const text = canonicalJSON(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
