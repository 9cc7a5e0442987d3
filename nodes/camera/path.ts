import { AXES, type Axis, type CameraPath, type Easing } from './schema';

/** Where the camera is at one moment, in frame units: the basis of every renderer and preview. */
export interface Pose {
  /** Camera offset from the centre, as a fraction of frame width (right) and height (up). */
  x: number;
  y: number;
  /** Roll in radians, clockwise. */
  rotation: number;
  /** Zoom factor (above 1: pushed in). */
  zoom: number;
}

const EASE: Record<Easing, (t: number) => number> = {
  linear: (t) => t,
  'ease-in': (t) => t * t * t,
  'ease-out': (t) => 1 - (1 - t) ** 3,
  'ease-in-out': (t) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2),
};

/** How far each axis at ±10 moves the camera. Pan and tilt are rotations approximated by shifts in 2D. */
const RANGE = { horizontal: 0.15, vertical: 0.15, pan: 0.2, tilt: 0.2, roll: (15 * Math.PI) / 180, zoom: 0.8 } as const;
/** The camera never shifts more than this share of the frame, so overscan stays bounded. */
const MAX_SHIFT = 0.35;

/** The axis values at a fraction `progress` of the move: keyframes interpolated linearly, from zero to the end pose. */
export function axesAt(path: CameraPath, progress: number): Record<Axis, number> {
  const stops = [
    { at: 0, axes: {} as Partial<Record<Axis, number>> },
    ...[...path.keyframes].sort((a, b) => a.at - b.at),
    { at: 1, axes: Object.fromEntries(AXES.map((axis) => [axis, path[axis]])) as Partial<Record<Axis, number>> },
  ];
  let next = 1;
  while (next < stops.length - 1 && stops[next].at < progress) next++;
  const from = stops[next - 1];
  const to = stops[next];
  const span = to.at - from.at;
  const f = span <= 0 ? 1 : Math.min(1, Math.max(0, (progress - from.at) / span));
  const value = (stop: (typeof stops)[number], axis: Axis) => stop.axes[axis] ?? (stop.at === 1 ? path[axis] : 0);
  return Object.fromEntries(
    AXES.map((axis) => [axis, value(from, axis) + (value(to, axis) - value(from, axis)) * f]),
  ) as Record<Axis, number>;
}

/** The camera pose `seconds` into the move. At 0 it is the identity: frame one is the still. */
export function poseAt(path: CameraPath, seconds: number): Pose {
  const linear = Math.min(1, Math.max(0, seconds / path.duration));
  const axes = axesAt(path, EASE[path.easing](linear));
  const clamp = (value: number) => Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, value));
  return {
    x: clamp((axes.horizontal / 10) * RANGE.horizontal + (axes.pan / 10) * RANGE.pan),
    y: clamp((axes.vertical / 10) * RANGE.vertical + (axes.tilt / 10) * RANGE.tilt),
    rotation: (axes.roll / 10) * RANGE.roll,
    zoom: 2 ** ((axes.zoom / 10) * RANGE.zoom),
  };
}

/**
 * The least extra scale that keeps a W×H view, shifted and rolled by `pose`, inside the frame
 * the still covers: overscan instead of black borders. 1 for the identity pose.
 */
export function overscanFor(pose: Pose, width: number, height: number): number {
  const cos = Math.abs(Math.cos(pose.rotation));
  const sin = Math.abs(Math.sin(pose.rotation));
  const halfW = (width / 2) * cos + (height / 2) * sin;
  const halfH = (width / 2) * sin + (height / 2) * cos;
  const roomX = width / 2 - Math.abs(pose.x) * width;
  const roomY = height / 2 - Math.abs(pose.y) * height;
  return Math.max(1, halfW / roomX, halfH / roomY);
}

/**
 * The 2D transform from still pixels to frame pixels for `pose`, for a still of stillW×stillH
 * covering a frameW×frameH frame: [a, b, c, d, e, f] as in `setTransform`. Pushing in scales
 * about the camera's centre; a pull-out below 1 reveals what lies beyond the still (the renderer
 * fills that with a blurred extension, never black).
 */
export function frameTransform(
  pose: Pose,
  stillW: number,
  stillH: number,
  frameW: number,
  frameH: number,
): [number, number, number, number, number, number] {
  const cover = Math.max(frameW / stillW, frameH / stillH);
  const scale = cover * pose.zoom * (pose.zoom >= 1 ? overscanFor(pose, frameW, frameH) : 1);
  const cos = Math.cos(-pose.rotation) * scale;
  const sin = Math.sin(-pose.rotation) * scale;
  // Still centre → origin, scale and roll, then move so the camera point lands on the frame centre.
  const ox = -stillW / 2 - (pose.x * frameW) / cover;
  const oy = -stillH / 2 + (pose.y * frameH) / cover;
  return [cos, sin, -sin, cos, frameW / 2 + cos * ox - sin * oy, frameH / 2 + sin * ox + cos * oy];
}
