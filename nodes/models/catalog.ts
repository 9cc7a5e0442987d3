/**
 * The cloud model catalog, as data: one place to update when vendors rename, reprice or retire
 * models (they did all three throughout 2026). Prices and ids come from ../shared/providers.md;
 * every upstream id and base URL can be overridden in Settings, and users can add models.
 */

export type ProviderName = 'kling' | 'gemini' | 'ark' | 'fal';

/** The wire format an adapter speaks. */
export type ModelApi =
  | 'kling-v1' // POST /v1/videos/image2video, JWT from access + secret key
  | 'kling-3' // POST /{route}/{model}, contents[] + settings{}, GET /tasks
  | 'kling-image' // POST /v1/images/generations
  | 'veo' // Gemini API models/{m}:predictLongRunning
  | 'nano-banana' // Gemini API models/{m}:generateContent
  | 'seedance' // ModelArk contents/generations/tasks
  | 'fal' // queue.fal.run/{endpoint}
  | 'gemini-interactions'; // Gemini API /v1beta/interactions (Gemini Omni): listed, not yet spoken

/** How fal names the inputs of an endpoint family. */
export type FalInputs = 'kling' | 'veo' | 'seedance' | 'nano-banana';

export interface VideoCapabilities {
  endFrame: boolean;
  /** Native six-axis camera control (Kling `camera_control` type simple: exactly one axis). */
  cameraControl: boolean;
  audio: 'none' | 'optional' | 'always';
  resolutions: readonly string[];
  durations: readonly number[];
  /** Seedance 2.x refuses realistic human faces in the start frame. */
  rejectsFaces?: boolean;
  /** Resolutions that only allow some durations (Veo: 1080p and 4K are 8 s only). */
  durationsAt?: Readonly<Record<string, readonly number[]>>;
  /** The frame shapes it outputs, nearest to the still's taken; absent: the output follows the still. */
  aspectRatios?: readonly string[];
}

/** US dollars; `perSecond` by output resolution, `audio` the same with sound on. */
export type VideoPrice =
  | { kind: 'per-second'; rates: Readonly<Record<string, number>>; audio?: Readonly<Record<string, number>> }
  | { kind: 'per-clip'; perFiveSeconds: number; audio?: number }
  /** Seedance: tokens = width × height × (24 × seconds + 1) / 1024, priced per million. */
  | { kind: 'per-token'; perMillion: Readonly<Record<string, number>> };

export interface ModelBase {
  /** Our id, stored in graphs; stable even when the vendor's id changes. */
  id: string;
  label: string;
  provider: ProviderName;
  api: ModelApi;
  /** The vendor's model id (model_name, route segment, or fal endpoint). */
  upstream: string;
  /** Kling legacy: std or pro. */
  mode?: 'std' | 'pro';
  /** Kling 3.0 routes: image-to-video or omni-video. */
  route?: string;
  falInputs?: FalInputs;
  /** ISO date the vendor said the id stops working, where known. */
  retires?: string;
  /** What the vendor recommends instead. */
  replacement?: string;
  /** Where the facts are uncertain ([?] in providers.md), said plainly in the UI. */
  caveat?: string;
  /** Why Reelgraph cannot call this model yet; shown instead of offering it. */
  unavailable?: string;
}

export interface VideoModel extends ModelBase {
  kind: 'video';
  capabilities: VideoCapabilities;
  price: VideoPrice;
}

export interface ImageModel extends ModelBase {
  kind: 'image';
  /** Output sizes the model takes (`imageSize` / `resolution`), with the price of one image at each. */
  sizes: Readonly<Record<string, number>>;
  maxCount: number;
  reference: boolean;
}

export type CloudModel = VideoModel | ImageModel;

const KLING_V3_RATES = { std: 0.084, stdAudio: 0.126, pro: 0.112, proAudio: 0.168, k4: 0.42 };
const LEGACY_DURATIONS = [5, 10] as const;

export const CATALOG: readonly CloudModel[] = [
  {
    id: 'kling-v3-std',
    label: 'Kling V3 Standard',
    kind: 'video',
    provider: 'kling',
    api: 'kling-v1',
    upstream: 'kling-v3',
    mode: 'std',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['720p'],
      durations: LEGACY_DURATIONS,
    },
    price: { kind: 'per-second', rates: { '720p': KLING_V3_RATES.std }, audio: { '720p': KLING_V3_RATES.stdAudio } },
  },
  {
    id: 'kling-v3-pro',
    label: 'Kling V3 Pro',
    kind: 'video',
    provider: 'kling',
    api: 'kling-v1',
    upstream: 'kling-v3',
    mode: 'pro',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['1080p'],
      durations: LEGACY_DURATIONS,
    },
    price: { kind: 'per-second', rates: { '1080p': KLING_V3_RATES.pro }, audio: { '1080p': KLING_V3_RATES.proAudio } },
  },
  {
    id: 'kling-3.0',
    label: 'Kling 3.0 (per-model route)',
    kind: 'video',
    provider: 'kling',
    api: 'kling-3',
    upstream: 'kling-3.0',
    route: 'image-to-video',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['720p', '1080p', '4k'],
      durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    },
    price: {
      kind: 'per-second',
      rates: { '720p': KLING_V3_RATES.std, '1080p': KLING_V3_RATES.pro, '4k': KLING_V3_RATES.k4 },
      audio: { '720p': KLING_V3_RATES.stdAudio, '1080p': KLING_V3_RATES.proAudio, '4k': KLING_V3_RATES.k4 },
    },
    caveat: 'The 3.0 routes were read from Kling’s doc bundle; whether they take base64 images is unconfirmed.',
  },
  {
    id: 'kling-3.0-omni',
    label: 'Kling V3 Omni',
    kind: 'video',
    provider: 'kling',
    api: 'kling-3',
    upstream: 'kling-3.0-omni',
    route: 'omni-video',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['720p', '1080p', '4k'],
      durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    },
    price: {
      kind: 'per-second',
      rates: { '720p': KLING_V3_RATES.std, '1080p': KLING_V3_RATES.pro, '4k': KLING_V3_RATES.k4 },
      audio: { '720p': KLING_V3_RATES.stdAudio, '1080p': KLING_V3_RATES.proAudio, '4k': KLING_V3_RATES.k4 },
    },
    caveat: 'Omni’s price is not published separately; estimated at Kling V3 per-second rates.',
  },
  {
    id: 'kling-v2-6-pro',
    label: 'Kling 2.6 Pro',
    kind: 'video',
    provider: 'kling',
    api: 'kling-v1',
    upstream: 'kling-v2-6',
    mode: 'pro',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['1080p'],
      durations: LEGACY_DURATIONS,
    },
    price: { kind: 'per-clip', perFiveSeconds: 0.35, audio: 0.7 },
  },
  {
    id: 'kling-v2-5-turbo-pro',
    label: 'Kling 2.5 Turbo Pro',
    kind: 'video',
    provider: 'kling',
    api: 'kling-v1',
    upstream: 'kling-v2-5-turbo',
    mode: 'pro',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'none',
      resolutions: ['1080p'],
      durations: LEGACY_DURATIONS,
    },
    price: { kind: 'per-clip', perFiveSeconds: 0.35 },
  },
  {
    id: 'kling-v1-5-pro',
    label: 'Kling 1.5 Pro (camera control)',
    kind: 'video',
    provider: 'kling',
    api: 'kling-v1',
    upstream: 'kling-v1-5',
    mode: 'pro',
    // Kling's capability map lists camera control on image-to-video only for v1.5 pro, 5 s.
    capabilities: { endFrame: true, cameraControl: true, audio: 'none', resolutions: ['1080p'], durations: [5] },
    price: { kind: 'per-clip', perFiveSeconds: 0.49 },
    caveat:
      'Price estimated from Kling 1.6 Pro; Kling’s English and Chinese docs disagree on which of pan and tilt is horizontal.',
  },
  {
    id: 'veo-3.1',
    label: 'Veo 3.1',
    kind: 'video',
    provider: 'gemini',
    api: 'veo',
    upstream: 'veo-3.1-generate-preview',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'always',
      resolutions: ['720p', '1080p', '4k'],
      durations: [4, 6, 8],
      durationsAt: { '1080p': [8], '4k': [8] },
      aspectRatios: ['16:9', '9:16'],
    },
    price: { kind: 'per-second', rates: { '720p': 0.4, '1080p': 0.4, '4k': 0.6 } },
    retires: '2026-10-22',
    replacement: 'gemini-omni-1.1-flash',
  },
  {
    id: 'veo-3.1-fast',
    label: 'Veo 3.1 Fast',
    kind: 'video',
    provider: 'gemini',
    api: 'veo',
    upstream: 'veo-3.1-fast-generate-preview',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'always',
      resolutions: ['720p', '1080p', '4k'],
      durations: [4, 6, 8],
      durationsAt: { '1080p': [8], '4k': [8] },
      aspectRatios: ['16:9', '9:16'],
    },
    price: { kind: 'per-second', rates: { '720p': 0.1, '1080p': 0.12, '4k': 0.3 } },
    retires: '2026-10-22',
    replacement: 'gemini-omni-1.1-flash',
  },
  {
    id: 'veo-3.1-lite',
    label: 'Veo 3.1 Lite',
    kind: 'video',
    provider: 'gemini',
    api: 'veo',
    upstream: 'veo-3.1-lite-generate-preview',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'always',
      resolutions: ['720p', '1080p'],
      durations: [4, 6, 8],
      durationsAt: { '1080p': [8] },
      aspectRatios: ['16:9', '9:16'],
    },
    price: { kind: 'per-second', rates: { '720p': 0.05, '1080p': 0.08 } },
    retires: '2026-10-22',
    replacement: 'gemini-omni-1.1-flash',
  },
  {
    // Google's named replacement for the Veo 3.1 preview ids. Its Interactions API is documented
    // only for text prompts; how it takes a first frame is not, so Reelgraph does not guess.
    id: 'gemini-omni-1.1-flash',
    label: 'Gemini Omni 1.1 Flash',
    kind: 'video',
    provider: 'gemini',
    api: 'gemini-interactions',
    upstream: 'gemini-omni-1.1-flash',
    capabilities: {
      endFrame: false,
      cameraControl: false,
      audio: 'always',
      resolutions: ['720p', '1080p', '4k'],
      durations: [3, 4, 5, 6, 7, 8, 9, 10],
    },
    price: { kind: 'per-second', rates: { '720p': 0.1, '1080p': 0.1, '4k': 0.1 } },
    unavailable:
      'Not yet supported: its API’s image-to-video request format is undocumented. Use Veo 3.1 with its current vendor id (Settings → Models).',
  },
  {
    id: 'seedance-2.0',
    label: 'Seedance 2.0',
    kind: 'video',
    provider: 'ark',
    api: 'seedance',
    upstream: 'dreamina-seedance-2-0-260128',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['480p', '720p', '1080p', '4k'],
      durations: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      rejectsFaces: true,
    },
    // With a visual input (image-to-video always has one).
    price: { kind: 'per-token', perMillion: { '480p': 4.3, '720p': 4.3, '1080p': 4.7, '4k': 2.4 } },
  },
  {
    id: 'seedance-2.0-fast',
    label: 'Seedance 2.0 Fast',
    kind: 'video',
    provider: 'ark',
    api: 'seedance',
    upstream: 'dreamina-seedance-2-0-fast-260128',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['480p', '720p', '1080p'],
      durations: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      rejectsFaces: true,
    },
    price: { kind: 'per-token', perMillion: { '480p': 3.3, '720p': 3.3, '1080p': 3.3 } },
  },
  {
    id: 'fal:kling-v3-pro',
    label: 'Kling V3 Pro via fal',
    kind: 'video',
    provider: 'fal',
    api: 'fal',
    upstream: 'fal-ai/kling-video/v3/pro/image-to-video',
    falInputs: 'kling',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['1080p'],
      durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    },
    price: { kind: 'per-second', rates: { '1080p': 0.14 } },
  },
  {
    id: 'fal:veo-3.1',
    label: 'Veo 3.1 via fal',
    kind: 'video',
    provider: 'fal',
    api: 'fal',
    upstream: 'fal-ai/veo3.1/image-to-video',
    falInputs: 'veo',
    capabilities: {
      endFrame: false,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['720p', '1080p'],
      durations: [4, 6, 8],
    },
    price: { kind: 'per-second', rates: { '720p': 0.2, '1080p': 0.2 }, audio: { '720p': 0.4, '1080p': 0.4 } },
  },
  {
    id: 'fal:veo-3.1-fast',
    label: 'Veo 3.1 Fast via fal',
    kind: 'video',
    provider: 'fal',
    api: 'fal',
    upstream: 'fal-ai/veo3.1/fast/image-to-video',
    falInputs: 'veo',
    capabilities: {
      endFrame: false,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['720p', '1080p'],
      durations: [4, 6, 8],
    },
    price: { kind: 'per-second', rates: { '720p': 0.1, '1080p': 0.1 }, audio: { '720p': 0.15, '1080p': 0.15 } },
  },
  {
    id: 'fal:seedance-2.0',
    label: 'Seedance 2.0 via fal',
    kind: 'video',
    provider: 'fal',
    api: 'fal',
    upstream: 'bytedance/seedance-2.0/image-to-video',
    falInputs: 'seedance',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'optional',
      resolutions: ['720p', '1080p'],
      durations: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      rejectsFaces: true,
    },
    price: { kind: 'per-second', rates: { '720p': 0.3, '1080p': 0.68 } },
  },
  {
    id: 'nano-banana-2',
    label: 'Nano Banana 2',
    kind: 'image',
    provider: 'gemini',
    api: 'nano-banana',
    upstream: 'gemini-3.1-flash-image',
    sizes: { '512': 0.045, '1K': 0.067, '2K': 0.101, '4K': 0.151 },
    maxCount: 8,
    reference: true,
    caveat: 'Prices are the preview id’s; whether the GA id kept them is unverified.',
  },
  {
    id: 'nano-banana-pro',
    label: 'Nano Banana Pro',
    kind: 'image',
    provider: 'gemini',
    api: 'nano-banana',
    upstream: 'gemini-3-pro-image',
    sizes: { '1K': 0.134, '2K': 0.134, '4K': 0.24 },
    maxCount: 8,
    reference: true,
  },
  {
    id: 'kling-image-v3',
    label: 'Kling Image V3',
    kind: 'image',
    provider: 'kling',
    api: 'kling-image',
    upstream: 'kling-v3',
    sizes: { '1K': 0.028, '2K': 0.028 },
    maxCount: 9,
    reference: true,
  },
  {
    id: 'fal:nano-banana-2',
    label: 'Nano Banana 2 via fal',
    kind: 'image',
    provider: 'fal',
    api: 'fal',
    upstream: 'fal-ai/nano-banana-2',
    falInputs: 'nano-banana',
    sizes: { '512': 0.06, '1K': 0.08, '2K': 0.12, '4K': 0.16 },
    maxCount: 4,
    reference: true,
  },
];

/** The ids the catalog marks as gone by `today`, for a warning next to the model. */
export function isRetired(model: CloudModel, today = new Date()): boolean {
  return model.retires !== undefined && Date.parse(model.retires) <= today.getTime();
}
