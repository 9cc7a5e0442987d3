import { z } from 'zod';
import { RESOLUTION_NAMES } from '../models/resolution';

export const TRANSITIONS = ['cut', 'crossfade', 'fade-black'] as const;
/** The transitions as the node and the inspector name them. */
export const TRANSITION_NAMES: Readonly<Record<(typeof TRANSITIONS)[number], string>> = {
  cut: 'Cut',
  crossfade: 'Crossfade',
  'fade-black': 'Fade through black',
};
const MATCH_FIRST = { 'match-first': 'As the first clip' } as const;

export const zClipSettings = z.object({
  trimIn: z.number().min(0).default(0),
  trimOut: z.number().min(0).optional(),
  /** How this clip comes in after the one before it. */
  transition: z.enum(TRANSITIONS).default('cut').meta({ labels: TRANSITION_NAMES }),
  transitionDuration: z.number().min(0.1).max(3).default(0.5),
});
export type ClipSettings = z.infer<typeof zClipSettings>;

export const zAssembleParams = z.object({
  /** The timeline order: positions in the list of connected clips (drag to reorder). */
  order: z.array(z.number().int().min(0)).max(200).optional(),
  /** Settings per connected clip, by its position among the connections. */
  clips: z.array(zClipSettings).max(200).default([]),
  resolution: z
    .enum(['match-first', ...RESOLUTION_NAMES])
    .default('match-first')
    .meta({ labels: MATCH_FIRST }),
  fps: z
    .union([z.literal('match-first'), z.literal(24), z.literal(25), z.literal(30)])
    .default('match-first')
    .meta({ labels: MATCH_FIRST }),
  soundtrackGain: z.number().min(-40).max(12).default(0),
  /**
   * Seconds over which a soundtrack longer than the picture fades out, ending silent on the last
   * frame (0: cut there). One that ends first ends as the Audio node made it, its own fades kept.
   */
  soundtrackFadeOut: z.number().min(0).max(10).default(2),
  /** How far clip audio dips under the soundtrack, in dB. */
  duck: z.number().min(-40).max(0).default(-12),
});
export type AssembleParams = z.infer<typeof zAssembleParams>;

/** The timeline order as input positions: the stored order where it is a valid permutation, else connection order. */
export function timelineOrder(order: readonly number[] | undefined, count: number): number[] {
  const natural = Array.from({ length: count }, (_, at) => at);
  if (!order || order.length !== count) return natural;
  const seen = new Set(order);
  return seen.size === count && order.every((at) => at < count) ? [...order] : natural;
}
