import { z } from 'zod';
import { zArtifactRef } from '../../graph-engine';

/** Where an Audio node's sound comes from, as the node and the inspector name it. */
export const AUDIO_SOURCES = {
  'local-bed': 'Local bed (synthesized, offline)',
  file: 'Your sound file',
  'from-clip': 'Audio of the incoming clip',
} as const;
/** The local bed's styles, as the node and the inspector name them. */
export const BED_STYLES = { pad: 'Ambient pad', pulse: 'Pulse' } as const;

export const zAudioParams = z
  .object({
    /** `local-bed`: a synthesized pad or pulse (local, not AI). `file`: your sound file. `from-clip`: the audio of the incoming clip. */
    mode: z.enum(['local-bed', 'file', 'from-clip']).default('local-bed').meta({ labels: AUDIO_SOURCES }),
    file: zArtifactRef.optional(),
    style: z.enum(['pad', 'pulse']).default('pad').meta({ labels: BED_STYLES }),
    tempo: z.number().int().min(40).max(200).default(90),
    root: z.enum(['C', 'D', 'E', 'F', 'G', 'A', 'B']).default('D'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    /** Seconds of local bed, and the length a looped sound is filled to. */
    length: z.number().min(0.5).max(600).default(8),
    trimIn: z.number().min(0).default(0),
    trimOut: z.number().min(0).optional(),
    gain: z.number().min(-40).max(12).default(0),
    fadeIn: z.number().min(0).max(30).default(0),
    fadeOut: z.number().min(0).max(30).default(0),
    loop: z.boolean().default(false),
  })
  .refine((params) => params.trimOut === undefined || params.trimOut > params.trimIn, {
    message: 'trim out must be after trim in',
    path: ['trimOut'],
  });
export type AudioParams = z.infer<typeof zAudioParams>;
