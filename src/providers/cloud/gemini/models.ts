import type { ModelEntry } from '../provider.ts';
import type { StillLimits } from '../still-limits.ts';

/**
 * Veo's frames: JPEG or PNG (Google lists no other for the Gemini API); any shape (it pads or
 * crops). No size limit is published for 3.1: Veo 2's 20 MB is kept, sending larger ones smaller.
 */
export const VEO_STILL: StillLimits = { formats: ['image/jpeg', 'image/png'], maxBytes: 20 * 1024 * 1024, minSide: 1 };

/** The Gemini API's wire formats. */
export type GeminiApi =
  | 'veo' // models/{m}:predictLongRunning
  | 'nano-banana' // models/{m}:generateContent
  | 'gemini-interactions'; // /v1beta/interactions (Gemini Omni): listed, not yet spoken

/** Prices and ids from ../shared/providers.md; Settings can override any vendor id. */
export const MODELS: readonly ModelEntry<GeminiApi>[] = [
  {
    id: 'veo-3.1',
    label: 'Veo 3.1',
    kind: 'video',
    api: 'veo',
    stillLimits: VEO_STILL,
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
    successor: 'vertex:veo-3.1',
  },
  {
    id: 'veo-3.1-fast',
    label: 'Veo 3.1 Fast',
    kind: 'video',
    api: 'veo',
    stillLimits: VEO_STILL,
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
    successor: 'vertex:veo-3.1-fast',
  },
  {
    id: 'veo-3.1-lite',
    label: 'Veo 3.1 Lite',
    kind: 'video',
    api: 'veo',
    stillLimits: VEO_STILL,
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
    successor: 'vertex:veo-3.1-lite',
  },
  {
    // Google's named replacement for the Veo 3.1 preview ids. Its Interactions API is documented
    // only for text prompts; how it takes a first frame is not, so Reelgraph does not guess.
    id: 'gemini-omni-1.1-flash',
    label: 'Gemini Omni 1.1 Flash',
    kind: 'video',
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
    id: 'nano-banana-2',
    label: 'Nano Banana 2',
    kind: 'image',
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
    api: 'nano-banana',
    upstream: 'gemini-3-pro-image',
    sizes: { '1K': 0.134, '2K': 0.134, '4K': 0.24 },
    maxCount: 8,
    reference: true,
  },
];
