/**
 * The cut's frame, and where each clip goes in it: its size from the chosen shape and resolution,
 * and each clip's rectangle by how it fits (cropped around its focus point, or whole). Pure, so the
 * renderer and the node's preview place every clip alike.
 */
import { RESOLUTIONS, sizeAtShortSide, type Resolution } from '../models/resolution';
import type { Fit, Frame } from './schema';

/**
 * The cut's size for its shape and resolution, from its first clip where either follows it;
 * undefined when both do (the first clip's own size).
 */
export function cutSize(
  frame: Frame,
  resolution: 'match-first' | Resolution,
  first: { width: number; height: number },
): { width: number; height: number } | undefined {
  if (frame === 'match-first' && resolution === 'match-first') return undefined;
  const [aspectWidth, aspectHeight] =
    frame === 'match-first' ? [first.width, first.height] : frame.split(':').map(Number);
  const short = resolution === 'match-first' ? Math.min(first.width, first.height) : RESOLUTIONS[resolution];
  return sizeAtShortSide(short, aspectWidth, aspectHeight);
}

/** The size a frame of the cut is made at, from its resolution and its first clip's meta (undefined until that clip has a size). */
export function cutSizeOf(
  frame: Frame,
  resolution: 'match-first' | Resolution | undefined,
  first: Record<string, unknown> | undefined,
): { width: number; height: number } | undefined {
  if (typeof first?.width !== 'number' || typeof first.height !== 'number') return undefined;
  const own = { width: first.width, height: first.height };
  return cutSize(frame, resolution ?? 'match-first', own) ?? own;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a clip of `source` size is drawn in a `width`×`height` frame. Crop covers the frame and
 * puts the focus point (0–1 across and down) as near the middle as covering allows, so it is
 * always in frame; blur and bars show the whole clip, centred (blur also gives the covering
 * rectangle its blurred copy fills with).
 */
export function clipRect(
  fit: Fit,
  focus: { x: number; y: number },
  source: { width: number; height: number },
  width: number,
  height: number,
): { rect: Rect; fill?: Rect } {
  const cover = Math.max(width / source.width, height / source.height);
  const covered = { width: source.width * cover, height: source.height * cover };
  const clamp = (value: number, low: number) => Math.min(0, Math.max(low, value));
  const cropped: Rect = {
    ...covered,
    x: clamp(width / 2 - focus.x * covered.width, width - covered.width),
    y: clamp(height / 2 - focus.y * covered.height, height - covered.height),
  };
  if (fit === 'crop') return { rect: cropped };
  const contain = Math.min(width / source.width, height / source.height);
  const whole = { width: source.width * contain, height: source.height * contain };
  const rect = { ...whole, x: (width - whole.width) / 2, y: (height - whole.height) / 2 };
  if (fit === 'bars') return { rect };
  return { rect, fill: { ...covered, x: (width - covered.width) / 2, y: (height - covered.height) / 2 } };
}
