import { VEO_STILL } from '../gemini/models.ts';
import type { ModelEntry } from '../provider.ts';

/** Vertex AI's wire format: publishers/google/models/{m}:predictLongRunning, polled by :fetchPredictOperation. */
export type VertexApi = 'vertex-veo';

const VEO_CAPABILITIES = {
  endFrame: true,
  cameraControl: false,
  audio: 'always',
  durations: [4, 6, 8],
  aspectRatios: ['16:9', '9:16'],
} as const;

/**
 * Veo 3.1's GA ids, served on Vertex AI only (the Gemini API's preview ids were shut down on
 * 2026-10-22). Priced as the Gemini API priced the same models.
 */
export const MODELS: readonly ModelEntry<VertexApi>[] = [
  {
    id: 'vertex:veo-3.1',
    label: 'Veo 3.1 (Vertex AI)',
    kind: 'video',
    api: 'vertex-veo',
    stillLimits: VEO_STILL,
    upstream: 'veo-3.1-generate-001',
    capabilities: {
      ...VEO_CAPABILITIES,
      resolutions: ['720p', '1080p', '4k'],
      durationsAt: { '1080p': [8], '4k': [8] },
    },
    price: { kind: 'per-second', rates: { '720p': 0.4, '1080p': 0.4, '4k': 0.6 } },
    caveat:
      'The GA ids and prices are taken from gateways that list them, not from a Google page Reelgraph could read.',
  },
  {
    id: 'vertex:veo-3.1-fast',
    label: 'Veo 3.1 Fast (Vertex AI)',
    kind: 'video',
    api: 'vertex-veo',
    stillLimits: VEO_STILL,
    upstream: 'veo-3.1-fast-generate-001',
    capabilities: {
      ...VEO_CAPABILITIES,
      resolutions: ['720p', '1080p', '4k'],
      durationsAt: { '1080p': [8], '4k': [8] },
    },
    price: { kind: 'per-second', rates: { '720p': 0.1, '1080p': 0.12, '4k': 0.3 } },
    caveat:
      'The GA ids and prices are taken from gateways that list them, not from a Google page Reelgraph could read.',
  },
  {
    id: 'vertex:veo-3.1-lite',
    label: 'Veo 3.1 Lite (Vertex AI)',
    kind: 'video',
    api: 'vertex-veo',
    stillLimits: VEO_STILL,
    upstream: 'veo-3.1-lite-generate-001',
    capabilities: { ...VEO_CAPABILITIES, resolutions: ['720p', '1080p'], durationsAt: { '1080p': [8] } },
    price: { kind: 'per-second', rates: { '720p': 0.05, '1080p': 0.08 } },
    caveat:
      'The GA ids and prices are taken from gateways that list them, not from a Google page Reelgraph could read.',
  },
];
