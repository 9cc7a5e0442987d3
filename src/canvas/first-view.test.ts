import { describe, expect, it } from 'vitest';
import { firstViewport, READABLE_ZOOM } from './first-view';

const box = (x: number, y: number, width = 300, height = 200) => ({ x, y, width, height });

describe('where a graph opens the first time', () => {
  it('never shrinks a graph below a readable zoom: a wide one starts where its flow starts', () => {
    const boxes = [box(0, 80), box(360, 0), box(720, 0), box(1080, 0), box(1440, 200)];
    const view = firstViewport(boxes, { width: 940, height: 820 });
    expect(view.zoom).toBe(READABLE_ZOOM);
    // The left-most node sits a margin from the left edge; the graph is short enough to centre vertically.
    expect(view.x).toBe(48);
    expect(view.y).toBe((820 - 400) / 2);
  });

  it('centres a graph that fits, and starts a tall one at its top', () => {
    expect(firstViewport([box(100, 100)], { width: 1000, height: 800 })).toEqual({ x: 250, y: 200, zoom: 1 });
    const tall = firstViewport([box(-50, -500, 300, 2000)], { width: 1000, height: 800 });
    expect(tall).toEqual({ x: 1000 / 2 - 300 / 2 + 50, y: 48 + 500, zoom: 1 });
  });

  it('opens an empty graph at the origin', () => {
    expect(firstViewport([], { width: 1000, height: 800 })).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
