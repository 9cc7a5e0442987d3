import type { Viewport } from '@xyflow/react';

/**
 * The zoom a graph opens at the first time: node text (12 px and up) is at least 12 px on screen.
 * A fit that shrinks a big graph to see it whole makes every word illegible (a seven-node starter
 * fitted to a laptop screen drew its text at 6 px); the minimap and Fit show the whole instead.
 */
export const READABLE_ZOOM = 1;
/** Space kept between the canvas edge and the first nodes. */
const MARGIN = 48;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a graph opens the first time (before the person has panned it): at a readable zoom,
 * centred on each axis where it fits, else starting where the flow starts (its left-most and
 * top-most nodes), since a graph reads left to right.
 */
export function firstViewport(boxes: readonly Box[], canvas: { width: number; height: number }): Viewport {
  if (boxes.length === 0) return { x: 0, y: 0, zoom: READABLE_ZOOM };
  const zoom = READABLE_ZOOM;
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const width = (Math.max(...boxes.map((box) => box.x + box.width)) - left) * zoom;
  const height = (Math.max(...boxes.map((box) => box.y + box.height)) - top) * zoom;
  const place = (size: number, room: number, start: number) =>
    size + 2 * MARGIN <= room ? (room - size) / 2 - start * zoom : MARGIN - start * zoom;
  return { x: place(width, canvas.width, left), y: place(height, canvas.height, top), zoom };
}
