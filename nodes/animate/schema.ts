import { z } from 'zod';
import { RESOLUTION_NAMES } from '../models/resolution';

export { clipSize, RESOLUTIONS } from '../models/resolution';

/** The offline renderer: the still seen through the camera path. Local, not AI. */
export const LOCAL_CAMERA_MOVE = 'local-camera-move';
/** How the local camera move is named wherever a person chooses models. */
export const LOCAL_LABEL = 'Local camera move (offline, not AI)';

export const zAnimateParams = z.object({
  /** Several models on one still make a side-by-side comparison (one clip each). */
  models: z
    .array(z.string().min(1).max(120))
    .min(1, 'choose at least one model')
    .max(6)
    .refine((models) => new Set(models).size === models.length, 'names a model twice')
    .default([LOCAL_CAMERA_MOVE]),
  duration: z.number().min(1).max(10).default(5),
  resolution: z.enum(RESOLUTION_NAMES).default('720p'),
  fps: z.union([z.literal(24), z.literal(25), z.literal(30)]).default(24),
  /** Sound made with the clip, on models that can (Veo always makes it). */
  audio: z.boolean().default(false),
  /** For models that sample; a re-roll is a new seed. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
});
export type AnimateParams = z.infer<typeof zAnimateParams>;
