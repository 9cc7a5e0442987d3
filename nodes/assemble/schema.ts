import { z } from 'zod';
import type { ParamsMigration } from '../../graph-engine';
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
  /** The point kept in frame when the clip is cropped to the cut's shape: 0–1 across and down. */
  focusX: z.number().min(0).max(1).default(0.5).meta({ title: 'Focus across (0–1)' }),
  focusY: z.number().min(0).max(1).default(0.5).meta({ title: 'Focus down (0–1)' }),
});
export type ClipSettings = z.infer<typeof zClipSettings>;

/** The title fonts, bundled and served from this app's origin (licences in licenses/fonts/). */
export const TITLE_FONTS = {
  sans: { label: 'Sans (Inter)', family: 'Reelgraph Title Sans', weight: 700 },
  serif: { label: 'Serif (Playfair Display)', family: 'Reelgraph Title Serif', weight: 700 },
  display: { label: 'Display (Bebas Neue)', family: 'Reelgraph Title Display', weight: 400 },
} as const;
export type TitleFont = keyof typeof TITLE_FONTS;

/** Where a title sits in the frame (inside its title-safe margin), before its offset. */
export const ANCHORS = {
  'top-left': 'Top left',
  top: 'Top',
  'top-right': 'Top right',
  left: 'Left',
  center: 'Centre',
  right: 'Right',
  'bottom-left': 'Bottom left',
  bottom: 'Bottom',
  'bottom-right': 'Bottom right',
} as const;

export const zTitle = z
  .object({
    /** The words; a new line starts a line. */
    text: z.string().max(300).default('Title'),
    font: z
      .enum(Object.keys(TITLE_FONTS) as [TitleFont, ...TitleFont[]])
      .default('sans')
      .meta({ labels: Object.fromEntries(Object.entries(TITLE_FONTS).map(([id, font]) => [id, font.label])) }),
    /** Its letters' height as a share of the frame's height, in percent (so it looks the same at any size). */
    size: z.number().min(1).max(40).default(8).meta({ title: 'Size (% of height)' }),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
      .default('#ffffff')
      .meta({ title: 'Colour' }),
    anchor: z
      .enum(Object.keys(ANCHORS) as [keyof typeof ANCHORS, ...(keyof typeof ANCHORS)[]])
      .default('bottom')
      .meta({ labels: ANCHORS, title: 'Place' }),
    /** Moves it from its anchor, in percent of the frame's width and height (right and down). */
    offsetX: z.number().min(-50).max(50).default(0).meta({ title: 'Across (% of width)' }),
    offsetY: z.number().min(-50).max(50).default(0).meta({ title: 'Down (% of height)' }),
    /** When it comes in and goes, in seconds of the cut (no end: it stays to the end). */
    start: z.number().min(0).default(0).meta({ title: 'In (s)' }),
    end: z.number().min(0).optional().meta({ title: 'Out (s)' }),
    /** Seconds it fades in and out over. */
    fade: z.number().min(0).max(5).default(0.5).meta({ title: 'Fade (s)' }),
    /** A dark band behind the words, as a lower third has. */
    band: z.boolean().default(false),
  })
  .refine((title) => title.end === undefined || title.end > title.start, {
    message: 'its out must come after its in',
    path: ['end'],
  });
export type Title = z.infer<typeof zTitle>;

/** The lower-third preset: a name and a role, small, bottom left, on a band, in for four seconds. */
export const LOWER_THIRD: Title = {
  text: 'Name\nRole',
  font: 'sans',
  size: 4.5,
  color: '#ffffff',
  anchor: 'bottom-left',
  offsetX: 0,
  offsetY: 0,
  start: 0.5,
  end: 4.5,
  fade: 0.4,
  band: true,
};

/** The cut's shape: its first clip's, or one a platform asks for. */
export const FRAMES = {
  'match-first': 'As the first clip',
  '16:9': '16:9 (landscape)',
  '9:16': '9:16 (vertical)',
  '1:1': '1:1 (square)',
  '4:5': '4:5 (portrait feed)',
} as const;
export type Frame = keyof typeof FRAMES;

/** How a clip of another shape fills the cut's frame. */
export const FITS = {
  crop: 'Crop to fill',
  blur: 'Whole, blurred fill',
  bars: 'Whole, black bars',
} as const;
export type Fit = keyof typeof FITS;

export const zAssembleParams = z.object({
  /** The timeline order: positions in the list of connected clips (drag to reorder). */
  order: z.array(z.number().int().min(0)).max(200).optional(),
  /** Settings per connected clip, by its position among the connections. */
  clips: z.array(zClipSettings).max(200).default([]),
  resolution: z
    .enum(['match-first', ...RESOLUTION_NAMES])
    .default('match-first')
    .meta({ labels: MATCH_FIRST }),
  /**
   * The cut's frames: one deliverable each (16:9 and 9:16 from one timeline), each its own take,
   * made and cached on its own, so adding a frame makes only that one.
   */
  frames: z
    .array(z.enum(Object.keys(FRAMES) as [Frame, ...Frame[]]).meta({ labels: FRAMES }))
    .min(1, 'choose at least one frame')
    .max(Object.keys(FRAMES).length)
    .refine((frames) => new Set(frames).size === frames.length, 'each frame once')
    .default(['match-first'])
    .meta({ title: 'Frames' }),
  fit: z
    .enum(Object.keys(FITS) as [Fit, ...Fit[]])
    .default('crop')
    .meta({ labels: FITS }),
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
  /** Words over the picture, each with its time on the cut: rendered into the MP4 as the node previews them. */
  titles: z.array(zTitle).max(20).default([]),
});
export type AssembleParams = z.infer<typeof zAssembleParams>;

export const ASSEMBLE_MIGRATIONS: readonly ParamsMigration[] = [
  {
    from: 1,
    name: 'one frame becomes a list of frames, one deliverable each',
    up(params) {
      params.frames = [params.frame ?? 'match-first'];
      delete params.frame;
    },
  },
];

/** The timeline order as input positions: the stored order where it is a valid permutation, else connection order. */
export function timelineOrder(order: readonly number[] | undefined, count: number): number[] {
  const natural = Array.from({ length: count }, (_, at) => at);
  if (!order || order.length !== count) return natural;
  const seen = new Set(order);
  return seen.size === count && order.every((at) => at < count) ? [...order] : natural;
}
