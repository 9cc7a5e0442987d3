import { describe, expect, it } from 'vitest';
import { graphDoc, node } from '../../graph-engine/test-kit';
import { NODE_WIDTH, roomFor } from '../templates/layout';
import { freeSpot } from './free-spot';

const still = { kind: 'still', params: {} };
const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }, height: number) =>
  a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + height && b.y < a.y + height;

describe('where a new node goes', () => {
  it('where it was asked for, on empty canvas', () => {
    expect(freeSpot(graphDoc([]), still, { x: 96, y: 64 })).toEqual({ x: 96, y: 64 });
  });

  it('beside the nodes already there, never on top of one, nearest first', () => {
    const doc = graphDoc([node('a', 'still', {}, 0), node('b', 'still', {}, 340)]);
    const spot = freeSpot(doc, still, { x: 10, y: 10 });
    for (const other of doc.nodes) expect(overlaps(spot, other.position, roomFor(still))).toBe(false);
    expect(Math.hypot(spot.x, spot.y)).toBeLessThan(700);
  });

  it('inside the view when it can', () => {
    const doc = graphDoc([node('a', 'still', {}, 0)]);
    const view = { left: -100, top: -100, right: 1000, bottom: 700 };
    const spot = freeSpot(doc, still, { x: 0, y: 0 }, view);
    expect(spot.x).toBeGreaterThanOrEqual(view.left);
    expect(spot.x + NODE_WIDTH).toBeLessThanOrEqual(view.right);
    expect(overlaps(spot, { x: 0, y: 0 }, roomFor(still))).toBe(false);
  });
});
