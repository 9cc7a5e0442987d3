import type { GraphDocument } from '../../graph-engine';
import { newNode, nodeDefs } from '../../nodes';
import { updateDoc } from './actions';
import { addNode } from './edits';
import { useGraphStore } from './graph-store';

/** Places tried around the middle of the view, nearest first, for a node added by click. */
const AROUND = [
  [0, 0],
  [0, 1],
  [1, 0],
  [-1, 0],
  [0, -1],
  [1, 1],
  [-1, 1],
  [1, -1],
  [-1, -1],
  [0, 2],
  [2, 0],
  [-2, 0],
];

export type Box = { left: number; top: number; right: number; bottom: number };

/** The first place near the middle of `view` (flow coordinates) that is in view and that no node occupies (a node is about 300×200). */
function freeSpot(doc: GraphDocument, view: Box): { x: number; y: number } {
  const centre = { x: (view.left + view.right) / 2, y: (view.top + view.bottom) / 2 };
  const spots = AROUND.map(([dx, dy]) => ({
    x: Math.round(centre.x - 150 + dx * 340),
    y: Math.round(centre.y - 100 + dy * 240),
  }));
  const inView = (spot: { x: number; y: number }) =>
    spot.x >= view.left && spot.y >= view.top && spot.x + 300 <= view.right && spot.y + 200 <= view.bottom;
  const free = (spot: { x: number; y: number }) =>
    !doc.nodes.some((node) => Math.abs(node.position.x - spot.x) < 320 && Math.abs(node.position.y - spot.y) < 220);
  return spots.find((spot) => inView(spot) && free(spot)) ?? spots.find(free) ?? spots[0];
}

/** Adds a node of `kind` at a position, or in free space within the visible part of the canvas. */
export function addKind(kind: string, where: { x: number; y: number } | Box): void {
  const doc = useGraphStore.getState().doc;
  const def = nodeDefs.find((candidate) => candidate.kind === kind);
  if (!doc || !def) return;
  const position = 'left' in where ? freeSpot(doc, where) : where;
  updateDoc(addNode(newNode(def.kind, { position })));
}
