import { defineProvider } from '../provider.ts';
import { FAL } from './identity.ts';
import { MODELS } from './models.ts';
import { describeFalError, falAdapter, falImageInput, falVideoInput } from './queue.ts';
import type { ImageTask, VideoTask } from '../task.ts';

export const fal = defineProvider({
  ...FAL,
  baseUrl: 'https://queue.fal.run',
  apiHosts: ['queue.fal.run'],
  // fal's CDN (v3.fal.media, v3b.fal.media), and its bucket on Google Cloud Storage, where some results are served.
  mediaHosts: ['fal.media', 'fal.run', 'fal.ai', 'storage.googleapis.com/falserverless/'],
  keys: { falKey: { env: 'FAL_KEY', label: 'Key' } },
  missingKey: () => 'add your fal.ai key in Settings (or set FAL_KEY for npm start).',
  async auth(keys) {
    return keys.falKey ? { authorization: `Key ${keys.falKey}` } : undefined;
  },
  describeError: describeFalError,
  timing: { pollMs: 3000, timeoutMs: 30 * 60_000, typicalMs: 120_000 },
  concurrency: 2,
  paths: [
    { method: 'POST', path: /^\/(fal-ai|bytedance)(\/[\w.-]+)+$/ },
    { method: 'GET', path: /^\/(fal-ai|bytedance)\/[\w.-]+\/requests\/[\w-]+(\/status)?$/ },
    { method: 'PUT', path: /^\/(fal-ai|bytedance)\/[\w.-]+\/requests\/[\w-]+\/cancel$/ },
  ],
  apis: {
    fal: {
      video: (http) => falAdapter<VideoTask>(http, falVideoInput, (task) => task.model.upstream),
      // Image edits (with a reference) are the endpoint's /edit subpath.
      image: (http) =>
        falAdapter<ImageTask>(http, falImageInput, (task) =>
          task.reference ? `${task.model.upstream}/edit` : task.model.upstream,
        ),
    },
  },
  models: MODELS,
});
