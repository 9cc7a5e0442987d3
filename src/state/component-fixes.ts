import { COMPONENT_KIND, type GraphDocument, type InstanceParams } from '../../graph-engine';
import type { LibraryComponent } from '../storage/component-library';
import { applyEdit, updateInstance } from './edits';

/**
 * A component a graph uses that this browser's library can give it: a definition the graph lacks
 * (its instances are placeholders until it is taken), or a newer version than the graph's.
 */
export interface ComponentFix {
  /** The component and the version the graph's instances name. */
  id: string;
  version: number;
  /** The graph does not hold that version: its instances cannot run without the library's. */
  missing: boolean;
  /** What the library gives: the same version where it holds it, else its newest. */
  library: LibraryComponent;
}

/** Where a component's versions are kept: the library (or a test's). */
export interface ComponentSource {
  at(id: string, version: number): Promise<LibraryComponent | undefined>;
  newest(id: string): Promise<LibraryComponent | undefined>;
}

/** The components a graph's nodes name that the library can give or update, each once. */
export async function componentFixes(doc: GraphDocument, library: ComponentSource): Promise<ComponentFix[]> {
  const named = new Map<string, { id: string; version: number }>();
  for (const node of doc.nodes) {
    const ref = node.kind === COMPONENT_KIND ? (node.params as Partial<InstanceParams>).component : undefined;
    if (ref) named.set(`${ref.id}@${ref.version}`, ref);
  }
  const fixes: ComponentFix[] = [];
  for (const { id, version } of named.values()) {
    const held = (doc.components ?? []).some((def) => def.id === id && def.version === version);
    const newest = await library.newest(id);
    if (!held) {
      const found = (await library.at(id, version)) ?? newest;
      if (found) fixes.push({ id, version, missing: true, library: found });
    } else if (newest && newest.version > version) fixes.push({ id, version, missing: false, library: newest });
  }
  return fixes;
}

/** The graph with each instance a fix names moved to the library's version, as the Update button does. */
export function withComponentFixes(doc: GraphDocument, fixes: readonly ComponentFix[]): GraphDocument {
  return fixes.reduce((graph, fix) => {
    const instances = graph.nodes.filter((node) => {
      const ref = node.kind === COMPONENT_KIND ? (node.params as Partial<InstanceParams>).component : undefined;
      return ref?.id === fix.id && ref.version === fix.version;
    });
    const definitions = [fix.library.definition, ...fix.library.uses];
    return instances.reduce(
      (each, node) => applyEdit(each, updateInstance(node.id, definitions, fix.library.version)).doc,
      graph,
    );
  }, doc);
}
