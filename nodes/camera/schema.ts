import { z } from 'zod';

/** The six axes of Kling's camera control; each −10..10. */
export const AXES = ['horizontal', 'vertical', 'pan', 'tilt', 'roll', 'zoom'] as const;
export type Axis = (typeof AXES)[number];
export const EASINGS = ['linear', 'ease-in', 'ease-out', 'ease-in-out'] as const;
export type Easing = (typeof EASINGS)[number];
/** The easings as the node and the inspector name them. */
export const EASING_NAMES: Readonly<Record<Easing, string>> = {
  linear: 'Linear',
  'ease-in': 'Ease in',
  'ease-out': 'Ease out',
  'ease-in-out': 'Ease in and out',
};

const zAxis = z.number().min(-10).max(10);
const zAxes = z.object(
  Object.fromEntries(AXES.map((axis) => [axis, zAxis.default(0)])) as Record<Axis, z.ZodDefault<typeof zAxis>>,
);

export const zCameraParams = zAxes.extend({
  /** Seconds the move takes; the camera holds its last pose after that. */
  duration: z.number().min(0.5).max(30).default(5),
  easing: z.enum(EASINGS).default('ease-in-out').meta({ labels: EASING_NAMES }),
  /** Poses between the start (all zero) and the end (the axes above), at fractions of the move. */
  keyframes: z
    .array(z.object({ at: z.number().gt(0).lt(1), axes: zAxes.partial() }))
    .max(16)
    .default([]),
});
export type CameraParams = z.infer<typeof zCameraParams>;

/** What flows out of a Camera node: the move, fully specified. */
export type CameraPath = CameraParams;

/** Presets set the axes; they are a convenience of the view, not a param. */
export const CAMERA_PRESETS: Record<string, Partial<Record<Axis, number>>> = {
  'Push in': { zoom: 4 },
  'Slow push-in': { zoom: 2 },
  'Pull out': { zoom: -4 },
  'Pan left': { pan: -4 },
  'Pan right': { pan: 4 },
  'Tilt up': { tilt: 4 },
  'Tilt down': { tilt: -4 },
  'Orbit-like roll': { roll: 5, horizontal: 2 },
  'Crane up': { vertical: 5, tilt: -2 },
  Static: {},
};
