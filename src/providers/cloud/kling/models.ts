import type { ModelEntry } from '../provider.ts';
import type { StillLimits } from '../still-limits.ts';

/** Kling's wire formats. */
export type KlingApi =
  | 'kling-v1' // POST /v1/videos/image2video, JWT from access + secret key
  | 'kling-3' // POST /{route}/{model}, contents[] + settings{}, GET /tasks
  | 'kling-image'; // POST /v1/images/generations

const KLING_V3_RATES = { std: 0.084, stdAudio: 0.126, pro: 0.112, proAudio: 0.168, k4: 0.42 };
const LEGACY_DURATIONS = [5, 10] as const;

/** image2video's `image`: JPEG or PNG, up to 10 MB, 300 px a side or more, between 1:2.5 and 2.5:1. */
const LEGACY_STILL: StillLimits = {
  formats: ['image/jpeg', 'image/png'],
  maxBytes: 10 * 1024 * 1024,
  minSide: 300,
  aspect: [1 / 2.5, 2.5],
};
/** The 3.0 routes take frames up to 50 MB, otherwise alike. */
const ROUTE_3_STILL: StillLimits = { ...LEGACY_STILL, maxBytes: 50 * 1024 * 1024 };

/** Prices and ids from ../shared/providers.md; Settings can override any vendor id. */
export const MODELS: readonly ModelEntry<KlingApi>[] = [
  {
    id: 'kling-v3-std',
    label: 'Kling V3 Standard',
    kind: 'video',
    api: 'kling-v1',
    stillLimits: LEGACY_STILL,
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
    api: 'kling-v1',
    stillLimits: LEGACY_STILL,
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
    api: 'kling-3',
    stillLimits: ROUTE_3_STILL,
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
    api: 'kling-3',
    stillLimits: ROUTE_3_STILL,
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
    api: 'kling-v1',
    stillLimits: LEGACY_STILL,
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
    api: 'kling-v1',
    stillLimits: LEGACY_STILL,
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
    api: 'kling-v1',
    stillLimits: LEGACY_STILL,
    upstream: 'kling-v1-5',
    mode: 'pro',
    // Kling's capability map lists camera control on image-to-video only for v1.5 pro, 5 s.
    capabilities: { endFrame: true, cameraControl: true, audio: 'none', resolutions: ['1080p'], durations: [5] },
    price: { kind: 'per-clip', perFiveSeconds: 0.49 },
    caveat: 'Price estimated from Kling 1.6 Pro.',
  },
  {
    id: 'kling-image-v3',
    label: 'Kling Image V3',
    kind: 'image',
    api: 'kling-image',
    upstream: 'kling-v3',
    sizes: { '1K': 0.028, '2K': 0.028 },
    maxCount: 9,
    reference: true,
  },
];
