import type { GraphDocument, NodeDoc } from '../../graph-engine';
import { portsOfNode } from '../../nodes';

/** Every node is drawn this wide (NodeFrame's CSS). */
export const NODE_WIDTH = 300;
const COLUMN_GAP = 64;
const ROW_GAP = 40;
const GRID = 16;

/**
 * The height each kind takes once it has run (its thumbnails, player or list shown), measured in
 * the app at 100%: a layout keeps this much room, so a node that grows covers nothing under it.
 */
const ROOM: Readonly<Record<string, number>> = {
  prompt: 240,
  still: 380,
  pick: 340,
  camera: 460,
  animate: 470,
  clip: 420,
  audio: 480,
  assemble: 420,
};
/** Each model an Animate runs beyond the first adds a row of takes. */
const PER_EXTRA_MODEL = 90;

/** The room a node is given by a layout: what its kind takes once it has run. */
export function roomFor(node: Pick<NodeDoc, 'kind' | 'params'>): number {
  const models = Array.isArray(node.params.models) ? node.params.models.length : 1;
  const extra = node.kind === 'animate' ? Math.max(0, models - 1) * PER_EXTRA_MODEL : 0;
  return (ROOM[node.kind] ?? 320) + extra;
}

export interface Sized {
  id: string;
  height: number;
}

export interface Wire {
  from: string;
  to: string;
  /** Into the target's first input, its main line (a Still's prompt, an Animate's still, an Assemble's clips). */
  main: boolean;
}

/**
 * A layered layout that reads as a pipeline: columns left to right in the direction the graph
 * flows, each node on the row of its main line (the node feeding its first input), and a node
 * that only feeds a side input (a Camera, a soundtrack) in the column just before the node it
 * feeds, under that node's main line. Within a column nodes stack in that order with room
 * between, so no two overlap. (dagre, tried first, balances rows instead and put the Camera
 * above the Still–Pick line and the Still 500 px under its Prompt.) Nodes in a cycle start a column.
 */
export function layeredPositions(
  nodes: readonly Sized[],
  wires: readonly Wire[],
): Map<string, { x: number; y: number }> {
  const ids = new Set(nodes.map((node) => node.id));
  const edges = wires.filter((wire) => ids.has(wire.from) && ids.has(wire.to) && wire.from !== wire.to);
  const into = new Map(nodes.map((node) => [node.id, edges.filter((edge) => edge.to === node.id)]));
  const outOf = new Map(nodes.map((node) => [node.id, edges.filter((edge) => edge.from === node.id)]));

  // Columns: the longest path from a source (Kahn's order), then each source moved up to just before what it feeds.
  const rank = new Map<string, number>();
  const waiting = new Map(nodes.map((node) => [node.id, into.get(node.id)!.length]));
  const ready = nodes.filter((node) => waiting.get(node.id) === 0).map((node) => node.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const edge of outOf.get(id)!) {
      rank.set(edge.to, Math.max(rank.get(edge.to) ?? 0, (rank.get(id) ?? 0) + 1));
      waiting.set(edge.to, waiting.get(edge.to)! - 1);
      if (waiting.get(edge.to) === 0) ready.push(edge.to);
    }
  }
  for (const node of nodes) if (!order.includes(node.id)) order.push(node.id);
  for (const id of order) {
    const feeds = outOf.get(id)!;
    if (into.get(id)!.length === 0 && feeds.length > 0)
      rank.set(id, Math.min(...feeds.map((edge) => rank.get(edge.to) ?? 0)) - 1);
  }
  const column = (id: string) => Math.max(0, rank.get(id) ?? 0);

  // Rows: column by column, each node where its main line is, stacked under what is already there.
  const height = new Map(nodes.map((node) => [node.id, node.height]));
  const y = new Map<string, number>();
  const mainParent = (id: string) => into.get(id)!.find((edge) => edge.main)?.from;
  const wanted = (id: string): number => {
    const parent = mainParent(id);
    if (parent !== undefined && y.has(parent)) return y.get(parent)!;
    // A node that only feeds others goes under the main line of the first node it feeds.
    const fed = outOf.get(id)![0]?.to;
    const line = fed === undefined ? undefined : mainParent(fed);
    return line !== undefined && y.has(line) ? y.get(line)! : 0;
  };
  const columns = Math.max(0, ...nodes.map((node) => column(node.id))) + 1;
  for (let at = 0; at < columns; at++) {
    // Main-line nodes first (their rows are set), then those that only feed others, each in order of where it wants to be.
    const inColumn = order.filter((id) => column(id) === at);
    const placed = [
      ...inColumn.filter((id) => mainParent(id) !== undefined),
      ...inColumn.filter((id) => mainParent(id) === undefined),
    ];
    for (const id of placed) y.set(id, wanted(id));
    placed.sort((a, b) => y.get(a)! - y.get(b)!);
    let bottom = -Infinity;
    for (const id of placed) {
      const top = Math.max(y.get(id)!, bottom + ROW_GAP);
      y.set(id, top);
      bottom = top + height.get(id)!;
    }
  }
  const snap = (value: number) => Math.round(value / GRID) * GRID;
  return new Map(
    nodes.map((node) => [node.id, { x: column(node.id) * (NODE_WIDTH + COLUMN_GAP), y: snap(y.get(node.id)!) }]),
  );
}

/** The wires of a graph, each marked where it feeds its target's first input. */
export function wiresOf(doc: Pick<GraphDocument, 'nodes' | 'edges' | 'components'>): Wire[] {
  const nodes = new Map(doc.nodes.map((node) => [node.id, node]));
  return doc.edges.map((edge) => {
    const target = nodes.get(edge.to.node);
    const inputs = target ? Object.keys(portsOfNode(target, doc.components).inputs) : [];
    return { from: edge.from.node, to: edge.to.node, main: inputs[0] === edge.to.port };
  });
}

/** A graph laid out with room for each node to grow (templates, before anything is measured). */
export function laidOut(doc: GraphDocument): GraphDocument {
  const positions = layeredPositions(
    doc.nodes.map((node) => ({ id: node.id, height: roomFor(node) })),
    wiresOf(doc),
  );
  return { ...doc, nodes: doc.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })) };
}
