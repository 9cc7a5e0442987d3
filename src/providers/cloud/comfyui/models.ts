import type { ModelEntry } from '../provider.ts';

/** ComfyUI's one wire format: the API-format workflow posted to `/prompt`. */
export type ComfyApi = 'comfyui';

/** The GPU is the person's own: nothing is billed, so every rate is zero. */
const FREE = { kind: 'per-second', rates: { '480p': 0, '720p': 0 } } as const;

const WAN_14B = {
  endFrame: false,
  cameraControl: false,
  audio: 'none',
  resolutions: ['480p', '720p'],
  durations: [2, 3, 4, 5],
} as const;

/**
 * The built-in workflows (`workflows.ts`), each offered as a model. `upstream` is the workflow id;
 * the model files each needs are listed there and checked on the server before a take is queued.
 */
export const MODELS: readonly ModelEntry<ComfyApi>[] = [
  {
    id: 'comfy-wan2.2-ti2v-5b',
    label: 'Wan 2.2 TI2V 5B (your GPU)',
    kind: 'video',
    api: 'comfyui',
    upstream: 'wan2.2-ti2v-5b',
    capabilities: {
      endFrame: false,
      cameraControl: false,
      audio: 'none',
      resolutions: ['720p'],
      durations: [2, 3, 4, 5],
    },
    price: FREE,
  },
  {
    id: 'comfy-wan2.2-i2v-a14b-4step',
    label: 'Wan 2.2 I2V 14B, 4-step LoRA (your GPU)',
    kind: 'video',
    api: 'comfyui',
    upstream: 'wan2.2-i2v-a14b-4step',
    capabilities: WAN_14B,
    price: FREE,
  },
  {
    id: 'comfy-wan2.2-i2v-a14b',
    label: 'Wan 2.2 I2V 14B (your GPU)',
    kind: 'video',
    api: 'comfyui',
    upstream: 'wan2.2-i2v-a14b',
    capabilities: WAN_14B,
    price: FREE,
  },
  {
    id: 'comfy-ltxv-0.9.5-i2v',
    label: 'LTX-Video 0.9.5 (your GPU)',
    kind: 'video',
    api: 'comfyui',
    upstream: 'ltxv-0.9.5-i2v',
    capabilities: {
      endFrame: false,
      cameraControl: false,
      audio: 'none',
      resolutions: ['480p', '720p'],
      durations: [2, 3, 4, 5, 6, 7, 8, 9, 10],
    },
    price: FREE,
  },
];
