import type { ModelEntry } from '../provider.ts';
import type { StillLimits } from '../still-limits.ts';

/** fal's Seedance 2.0 page: JPEG, PNG or WebP up to 30 MB. Its other endpoints publish none. */
const FAL_SEEDANCE_STILL: StillLimits = {
  formats: ['image/jpeg', 'image/png', 'image/webp'],
  maxBytes: 30 * 1024 * 1024,
  minSide: 1,
};

/** fal's queue: queue.fal.run/{endpoint}, one key for many vendors' models. */
export type FalApi = 'fal';

/** Prices and ids from ../shared/providers.md; Settings can override any vendor id. */
export const MODELS: readonly ModelEntry<FalApi>[] = [
  {
    id: 'fal:kling-v3-pro',
    label: 'Kling V3 Pro via fal',
    kind: 'video',
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
    api: 'fal',
    upstream: 'bytedance/seedance-2.0/image-to-video',
    falInputs: 'seedance',
    stillLimits: FAL_SEEDANCE_STILL,
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
    id: 'fal:nano-banana-2',
    label: 'Nano Banana 2 via fal',
    kind: 'image',
    api: 'fal',
    upstream: 'fal-ai/nano-banana-2',
    falInputs: 'nano-banana',
    sizes: { '512': 0.06, '1K': 0.08, '2K': 0.12, '4K': 0.16 },
    maxCount: 4,
    reference: true,
  },
];
