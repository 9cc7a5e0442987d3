import { describeCamera } from '../camera/describe.ts';
import { AXES, type Axis, type CameraPath } from '../camera/schema.ts';
import type { VideoModel } from './model.ts';

/**
 * How a Camera node reaches one model, said honestly:
 * - `exact`: the local renderer follows the path frame by frame;
 * - `native`: Kling's `camera_control` (type simple, exactly one non-zero axis);
 * - `prompt`: the move in words, appended to the motion prompt (the model may or may not follow);
 * - `none`: no Camera node is connected.
 */
export type CameraMapping =
  | { kind: 'none' }
  | { kind: 'exact' }
  | { kind: 'native'; config: Record<Axis, number>; text: string }
  | { kind: 'prompt'; text: string; reason: string };

/**
 * Kling names the rotations the other way round from film: its `pan` turns the camera up and down
 * (about the x axis, + = up) and its `tilt` left and right (about the y axis, + = right), as its
 * API reference and ComfyUI's Kling nodes define them. Our zoom is "+ = push in"; Kling's is
 * "+ = wider", so it is negated.
 */
function toKlingAxes(camera: CameraPath): Record<Axis, number> {
  const config = Object.fromEntries(AXES.map((axis) => [axis, camera[axis]])) as Record<Axis, number>;
  config.pan = camera.tilt;
  config.tilt = camera.pan;
  config.zoom = camera.zoom === 0 ? 0 : -camera.zoom;
  return config;
}

export function mapCamera(model: VideoModel | 'local', camera: CameraPath | undefined): CameraMapping {
  if (!camera) return { kind: 'none' };
  if (model === 'local') return { kind: 'exact' };
  const moving = AXES.filter((axis) => camera[axis] !== 0);
  if (model.capabilities.cameraControl) {
    // Kling's camera_control takes exactly one non-zero axis: a still camera is said in words.
    if (moving.length === 1 && camera.keyframes.length === 0)
      return { kind: 'native', config: toKlingAxes(camera), text: describeCamera(camera) };
    const reason =
      camera.keyframes.length > 0
        ? 'native camera control has no keyframes'
        : moving.length === 0
          ? 'native camera control has no still camera'
          : 'native camera control moves one axis at a time';
    return { kind: 'prompt', text: describeCamera(camera), reason };
  }
  return { kind: 'prompt', text: describeCamera(camera), reason: `${model.label} has no camera control` };
}

/** The one-line label the Animate node shows per model. */
export function cameraMappingLabel(mapping: CameraMapping): string {
  switch (mapping.kind) {
    case 'none':
      return 'no camera';
    case 'exact':
      return 'exact camera path';
    case 'native':
      return 'native camera control';
    case 'prompt':
      return `camera in the prompt (${mapping.reason})`;
  }
}
