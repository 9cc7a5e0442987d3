import { AXES, type Axis, type CameraPath } from './schema.ts';

const WORDS: Record<Axis, [negative: string, positive: string]> = {
  horizontal: ['the camera trucks left', 'the camera trucks right'],
  vertical: ['the camera cranes down', 'the camera cranes up'],
  pan: ['the camera pans left', 'the camera pans right'],
  tilt: ['the camera tilts down', 'the camera tilts up'],
  roll: ['the camera rolls counter-clockwise', 'the camera rolls clockwise'],
  zoom: ['the camera pulls out', 'the camera pushes in'],
};

function strength(value: number): string {
  const size = Math.abs(value);
  return size <= 3 ? 'slowly' : size <= 7 ? 'steadily' : 'fast';
}

/**
 * A camera move in words, for models that only take direction through the prompt:
 * "Camera: the camera pushes in slowly, the camera pans right steadily, over 5 s, ease-in-out."
 */
export function describeCamera(path: CameraPath): string {
  const moves = AXES.filter((axis) => path[axis] !== 0).map(
    (axis) => `${WORDS[axis][path[axis] > 0 ? 1 : 0]} ${strength(path[axis])}`,
  );
  if (moves.length === 0) return 'Camera: static, locked-off shot.';
  return `Camera: ${moves.join(', ')}, over ${path.duration} s, ${path.easing}.`;
}
