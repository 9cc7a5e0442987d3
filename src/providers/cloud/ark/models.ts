import type { ModelEntry } from '../provider.ts';
import type { StillLimits } from '../still-limits.ts';

/** Seedance 2.x frames: JPEG, PNG or WebP (among others), under 30 MB, 300 to 6000 px a side, 0.4 to 2.5 wide. */
const SEEDANCE_STILL: StillLimits = {
  formats: ['image/jpeg', 'image/png', 'image/webp'],
  maxBytes: 30 * 1024 * 1024,
  minSide: 300,
  maxSide: 6000,
  aspect: [0.4, 2.5],
};

/** ModelArk's wire format: contents/generations/tasks. */
export type ArkApi = 'seedance';

/** Prices and ids from ../shared/providers.md; Settings can override any vendor id. */
export const MODELS: readonly ModelEntry<ArkApi>[] = [
  {
    id: 'seedance-2.0',
    label: 'Seedance 2.0',
    kind: 'video',
    api: 'seedance',
    stillLimits: SEEDANCE_STILL,
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
    api: 'seedance',
    stillLimits: SEEDANCE_STILL,
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
];
