import { z } from 'zod';
import {
  definitionsUsedBy,
  zComponentDef,
  zEdgeDoc,
  zNodeDoc,
  type ComponentDef,
  type EdgeDoc,
  type GraphDocument,
  type NodeDoc,
} from '../../graph-engine';

/** What the clipboard carries between canvases (and browser tabs): some nodes and the connections among them. */
export const FRAGMENT_FORMAT = 'reelgraph.fragment';
const zFragment = z.object({
  format: z.literal(FRAGMENT_FORMAT),
  nodes: z.array(zNodeDoc).min(1).max(5_000),
  edges: z.array(zEdgeDoc).max(20_000),
  /** The components the nodes use, so an instance pasted into another graph opens there. */
  components: z.array(zComponentDef).max(1_000).optional(),
});
export type Fragment = z.infer<typeof zFragment>;

/** The selected nodes and the connections between them, as clipboard text. */
export function copyFragment(doc: GraphDocument, selected: ReadonlySet<string>): string | undefined {
  const nodes = doc.nodes.filter((node) => selected.has(node.id));
  if (nodes.length === 0) return undefined;
  const edges = doc.edges.filter((edge) => selected.has(edge.from.node) && selected.has(edge.to.node));
  const components = definitionsUsedBy(nodes, doc.components ?? []);
  return JSON.stringify({
    format: FRAGMENT_FORMAT,
    nodes,
    edges,
    ...(components.length > 0 ? { components } : {}),
  } satisfies Fragment);
}

/** Parses pasted text: a fragment, or undefined when it is something else (then the paste is not ours). */
export function readFragment(text: string): Fragment | undefined {
  try {
    const parsed = zFragment.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The fragment with fresh ids (so it never collides), moved by `offset`, connections rewired to the copies. */
export function placeFragment(
  fragment: Fragment,
  offset: { x: number; y: number },
  newId: () => string,
): { nodes: NodeDoc[]; edges: EdgeDoc[]; components: readonly ComponentDef[] } {
  const ids = new Map(fragment.nodes.map((node) => [node.id, `${node.kind}-${newId()}`]));
  return {
    components: fragment.components ?? [],
    nodes: fragment.nodes.map((node) => ({
      ...node,
      id: ids.get(node.id)!,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    })),
    edges: fragment.edges
      .filter((edge) => ids.has(edge.from.node) && ids.has(edge.to.node))
      .map((edge) => ({
        id: newId(),
        from: { ...edge.from, node: ids.get(edge.from.node)! },
        to: { ...edge.to, node: ids.get(edge.to.node)! },
      })),
  };
}
