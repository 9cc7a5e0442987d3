import { z } from 'zod';

/** The offline renderer: the still seen through the camera path. Local, not AI. */
export const LOCAL_CAMERA_MOVE = 'local-camera-move';
/** How the local camera move is named wherever a person chooses models. */
export const LOCAL_LABEL = 'Local camera move (offline, not AI)';

export const RESOLUTIONS = { '480p': 480, '720p': 720, '1080p': 1080, '4k': 2160 } as const;
/** Chromium's software H.264 encoder takes frames up to 1920 wide. */
const MAX_WIDTH = 1920;

export const zAnimateParams = z.object({
  /** Several models on one still make a side-by-side comparison (one clip each). */
  models: z
    .array(z.string().min(1).max(120))
    .min(1, 'choose at least one model')
    .max(6)
    .refine((models) => new Set(models).size === models.length, 'names a model twice')
    .default([LOCAL_CAMERA_MOVE]),
  duration: z.number().min(1).max(10).default(5),
  resolution: z
    .enum(Object.keys(RESOLUTIONS) as [keyof typeof RESOLUTIONS, ...(keyof typeof RESOLUTIONS)[]])
    .default('720p'),
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

/** The clip size for a still's aspect at a resolution: the short side is the resolution, both sides even. */
export function clipSize(
  resolution: keyof typeof RESOLUTIONS,
  stillWidth: number,
  stillHeight: number,
): { width: number; height: number } {
  const short = RESOLUTIONS[resolution];
  const aspect = stillWidth / stillHeight;
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  let width = aspect >= 1 ? short * aspect : short;
  let height = aspect >= 1 ? short : short / aspect;
  if (width > MAX_WIDTH) {
    height = (height * MAX_WIDTH) / width;
    width = MAX_WIDTH;
  }
  return { width: even(width), height: even(height) };
}
