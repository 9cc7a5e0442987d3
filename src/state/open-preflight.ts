import { isArtifactRef, type GraphDocument, type NodeDoc } from '../../graph-engine';
import { LOCAL_CAMERA_MOVE } from '../../nodes/animate/schema';
import { mediaOf } from '../sharing/bundle';
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
  /** Models it names that this app does not know at all (not even as retired): their nodes need another. */
  unknownModels: string[];
  /** Photos and sounds it refers to that this browser does not hold (a link never carries them). */
  missingMedia: string[];
}

/** Where the check looks: the catalog, the keys, and (where there is one) the library and the stored media. */
export interface PreflightSources {
  catalog: readonly ProviderModel[];
  missingKey(model: string): Promise<string | undefined>;
  library?: ComponentSource;
  /** Whether this browser holds a piece of media. */
  hasMedia?(hash: string): Promise<boolean>;
}

/** The model ids a graph's nodes name, inside its components too. */
export const modelsNamed = (doc: GraphDocument): string[] => modelsCalledBy([doc, ...(doc.components ?? [])]);

/** What a graph about to open needs that this browser lacks: retired and unknown models, keys, components, media. */
export async function openPreflight(
  doc: GraphDocument,
  { catalog, missingKey, library, hasMedia }: PreflightSources,
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
  const known = new Set([LOCAL_CAMERA_MOVE, ...catalog.map((model) => model.id)]);
  const missingMedia: string[] = [];
  if (hasMedia) for (const hash of mediaOf(doc)) if (!(await hasMedia(hash))) missingMedia.push(hash);
  return {
    retired,
    keys,
    components: library ? await componentFixes(doc, library) : [],
    unknownModels: named.filter((id) => !known.has(id)),
    missingMedia,
  };
}

/**
 * The graph with references to media this browser lacks taken off their nodes (a photo, a sound, one
 * in a list), inside its components too: each such node then asks for a file of the person's own.
 */
export function withoutMedia(doc: GraphDocument, hashes: ReadonlySet<string>): GraphDocument {
  if (hashes.size === 0) return doc;
  const gone = (value: unknown) => isArtifactRef(value) && hashes.has(value.$artifact);
  // At any depth, as `mediaOf` finds them: an instance's values and inner settings too.
  const cleared = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((each) => !gone(each)).map(cleared);
    if (value === null || typeof value !== 'object' || isArtifactRef(value)) return value;
    return Object.fromEntries(
      Object.entries(value).flatMap(([name, each]) => (gone(each) ? [] : [[name, cleared(each)]])),
    );
  };
  const clearedNode = (node: NodeDoc): NodeDoc =>
    mediaOf({ ...doc, nodes: [node], components: [] }).some((hash) => hashes.has(hash))
      ? { ...node, params: cleared(node.params) as NodeDoc['params'] }
      : node;
  return {
    ...doc,
    nodes: doc.nodes.map(clearedNode),
    ...(doc.components
      ? { components: doc.components.map((def) => ({ ...def, nodes: def.nodes.map(clearedNode) })) }
      : {}),
  };
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
