import type { CloudModel } from './model';

/**
 * Models for node-kind tests, written out so the tests do not depend on the app's catalog (which
 * lives with the providers in `src/`): one video model and two image models at fixed prices.
 */
export const SAMPLE_MODELS: readonly CloudModel[] = [
  {
    id: 'veo-3.1-fast',
    label: 'Veo 3.1 Fast',
    kind: 'video',
    upstream: 'veo-3.1-fast-generate-preview',
    capabilities: {
      endFrame: true,
      cameraControl: false,
      audio: 'always',
      resolutions: ['720p', '1080p'],
      durations: [4, 6, 8],
      durationsAt: { '1080p': [8] },
    },
    price: { kind: 'per-second', rates: { '720p': 0.1, '1080p': 0.12 } },
  },
  {
    id: 'nano-banana-2',
    label: 'Nano Banana 2',
    kind: 'image',
    upstream: 'gemini-3.1-flash-image',
    sizes: { '512': 0.045, '1K': 0.067, '2K': 0.101, '4K': 0.151 },
    maxCount: 8,
    reference: true,
  },
  {
    id: 'nano-banana-pro',
    label: 'Nano Banana Pro',
    kind: 'image',
    upstream: 'gemini-3-pro-image',
    sizes: { '1K': 0.134, '2K': 0.134, '4K': 0.24 },
    maxCount: 8,
    reference: true,
  },
];
