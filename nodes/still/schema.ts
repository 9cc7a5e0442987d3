import { z } from 'zod';
import { zArtifactRef } from '../../graph-engine';

export const ASPECTS = {
  '16:9': 16 / 9,
  '9:16': 9 / 16,
  '1:1': 1,
  '4:3': 4 / 3,
  '3:4': 3 / 4,
  '21:9': 21 / 9,
} as const;

/** Where a Still's candidates come from, as the node and the inspector name it. */
export const STILL_SOURCES = {
  'local-draft': 'Local draft (placeholder, offline)',
  upload: 'Your photo',
  generate: 'Image model (cloud)',
} as const;

export const zStillParams = z.object({
  /**
   * `local-draft`: a deterministic placeholder from prompt + seed, for composition tests.
   * `upload`: the user's own photo. `generate`: candidates from a cloud image model.
   */
  mode: z.enum(['local-draft', 'upload', 'generate']).default('local-draft').meta({ labels: STILL_SOURCES }),
  /** The image models, for `generate`: each makes `count` candidates, side by side in one list. */
  models: z
    .array(z.string().min(1).max(120))
    .min(1, 'choose at least one image model')
    .max(4)
    .default(['nano-banana-2']),
  count: z.number().int().min(1).max(8).default(4),
  /** Candidate i uses seed + i; a re-roll is a new seed, hence a new cache key. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  aspect: z.enum(Object.keys(ASPECTS) as [keyof typeof ASPECTS, ...(keyof typeof ASPECTS)[]]).default('16:9'),
  /** Long edge in pixels. */
  size: z.number().int().min(256).max(4096).default(1280),
  /** The uploaded photo, stored in the artifact store by its SHA-256. */
  file: zArtifactRef.optional(),
});
export type StillParams = z.infer<typeof zStillParams>;

/** Width and height for an aspect and long edge, rounded to even numbers (video encoders need them). */
export function stillSize(aspect: keyof typeof ASPECTS, longEdge: number): { width: number; height: number } {
  const ratio = ASPECTS[aspect];
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  return ratio >= 1
    ? { width: even(longEdge), height: even(longEdge / ratio) }
    : { width: even(longEdge * ratio), height: even(longEdge) };
}
