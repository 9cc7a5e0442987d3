import type { GraphDocument, NodeDoc } from '../../graph-engine';
import { NODE_WIDTH, roomFor } from '../templates/layout';

/** Space kept around every node, so a new one never touches another. */
const GAP = 24;
const GRID = 16;
const RINGS = 12;

export type Box = { left: number; top: number; right: number; bottom: number };
type Spot = { x: number; y: number };

/**
 * Where a new node goes: where it was asked for (a drop, the middle of the view) if it covers no
 * node there once each has the room it takes when run, else the nearest place that covers none,
 * preferring places inside `view` when one is given.
 */
export function freeSpot(
  doc: Pick<GraphDocument, 'nodes'>,
  node: Pick<NodeDoc, 'kind' | 'params'>,
  wanted: Spot,
  view?: Box,
): Spot {
  const height = roomFor(node);
  const taken = doc.nodes.map((other) => ({
    left: other.position.x - GAP,
    top: other.position.y - GAP,
    right: other.position.x + NODE_WIDTH + GAP,
    bottom: other.position.y + roomFor(other) + GAP,
  }));
  const free = (spot: Spot) =>
    !taken.some(
      (box) => spot.x < box.right && box.left < spot.x + NODE_WIDTH && spot.y < box.bottom && box.top < spot.y + height,
    );
  const inView = (spot: Spot) =>
    !view ||
    (spot.x >= view.left && spot.y >= view.top && spot.x + NODE_WIDTH <= view.right && spot.y + height <= view.bottom);
  const snap = (value: number) => Math.round(value / GRID) * GRID;
  const spots: Spot[] = [];
  for (let dx = -RINGS; dx <= RINGS; dx++)
    for (let dy = -RINGS; dy <= RINGS; dy++)
      spots.push({ x: snap(wanted.x + dx * ((NODE_WIDTH + GAP) / 2)), y: snap(wanted.y + dy * 120) });
  const distance = (spot: Spot) => Math.hypot(spot.x - wanted.x, spot.y - wanted.y);
  spots.sort((a, b) => distance(a) - distance(b));
  return spots.find((spot) => free(spot) && inView(spot)) ?? spots.find(free) ?? wanted;
}
