import type { GraphDocument, NodeDoc } from '../../graph-engine';
import { isRetired } from '../../nodes/models/model';
import type { ProviderModel } from '../providers/cloud/catalog';
import type { ProviderName } from '../providers/cloud/providers';
import { componentFixes, type ComponentFix, type ComponentSource } from './component-fixes';
import { keysNeededBy, modelsCalledBy } from './component-needs';

/** A retired model a graph names, and what does its job now (where the catalog says). */
export interface RetiredModel {
  id: string;
  label: string;
  retired: string;
  successor?: { id: string; label: string };
}

/** A provider whose key a graph needs and this browser lacks: its name in the settings, and as a person knows it. */
export interface MissingKey {
  name: ProviderName;
  label: string;
}

/** What a graph from outside needs that this browser lacks: said before it opens, each with its fix. */
export interface OpenPreflight {
  retired: RetiredModel[];
  /** Providers whose key it needs and this browser (or its server) has none of. */
  keys: MissingKey[];
  /** Components it uses that the library here can give it (a definition it lacks) or update. */
  components: ComponentFix[];
}

/** The model ids a graph's nodes name, inside its components too. */
export const modelsNamed = (doc: GraphDocument): string[] => modelsCalledBy([doc, ...(doc.components ?? [])]);

/** Retired models and missing keys of a graph about to open. */
export async function openPreflight(
  doc: GraphDocument,
  catalog: readonly ProviderModel[],
  missingKey: (model: string) => Promise<string | undefined>,
  library?: ComponentSource,
): Promise<OpenPreflight> {
  const named = modelsNamed(doc);
  const retired = catalog
    .filter((model) => named.includes(model.id) && isRetired(model))
    .map((model) => {
      const successor = catalog.find((candidate) => candidate.id === model.successor && !isRetired(candidate));
      return {
        id: model.id,
        label: model.label,
        retired: model.retires!,
        ...(successor ? { successor: { id: successor.id, label: successor.label } } : {}),
      };
    });
  // Keys for what will run: the live models, and the successors offered in place of retired ones.
  const live = [
    ...named.filter((id) => !retired.some((model) => model.id === id)),
    ...retired.flatMap((model) => (model.successor ? [model.successor.id] : [])),
  ];
  const keys = (await keysNeededBy(live, catalog, missingKey))
    .filter((need) => need.missing)
    .map((need) => ({ name: need.name, label: need.provider }));
  return { retired, keys, components: library ? await componentFixes(doc, library) : [] };
}

/** The graph with each retired model swapped for its successor (`from` → `to`), in every node naming it. */
export function withSwaps(doc: GraphDocument, swaps: ReadonlyMap<string, string>): GraphDocument {
  if (swaps.size === 0) return doc;
  const swapped = (node: NodeDoc): NodeDoc => {
    const models = node.params.models;
    if (!Array.isArray(models) || !models.some((id) => swaps.has(id as string))) return node;
    const next = [...new Set(models.map((id) => swaps.get(id as string) ?? id))];
    return { ...node, params: { ...node.params, models: next } };
  };
  return {
    ...doc,
    nodes: doc.nodes.map(swapped),
    ...(doc.components ? { components: doc.components.map((def) => ({ ...def, nodes: def.nodes.map(swapped) })) } : {}),
  };
}
