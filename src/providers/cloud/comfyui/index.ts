import { defineProvider } from '../provider.ts';
import { comfyAdapter, comfyPreflight } from './adapter.ts';
import { COMFYUI } from './identity.ts';
import { MODELS } from './models.ts';
import { describeComfyError } from './protocol.ts';
import { COMFYUI_URLS_ENV, DEFAULT_COMFYUI_URL } from './servers.ts';

export const comfyui = defineProvider({
  ...COMFYUI,
  baseUrl: DEFAULT_COMFYUI_URL,
  apiHosts: [],
  userServers: { env: COMFYUI_URLS_ENV },
  // Results are served by the server that made them (`/view`), never by another host.
  mediaHosts: [],
  keys: { comfyuiApiKey: { env: 'REELGRAPH_COMFYUI_KEY', label: 'API key (optional: a server behind a key)' } },
  missingKey: () => 'a ComfyUI server of your own needs no key.',
  // A server of one's own needs none; one behind a key (Comfy Cloud, a gateway) takes it as X-API-Key.
  async auth(keys) {
    return keys.comfyuiApiKey ? { 'x-api-key': keys.comfyuiApiKey } : ({} as Record<string, string>);
  },
  describeError: describeComfyError,
  // A take on a local GPU runs minutes and may wait behind others in the queue.
  timing: { pollMs: 1000, timeoutMs: 60 * 60_000, typicalMs: 180_000 },
  // The servers queue what they cannot run yet; ours only has to keep each queue fed.
  concurrency: 8,
  paths: [
    { method: 'POST', path: /^\/upload\/image$/ },
    { method: 'POST', path: /^\/prompt$/ },
    { method: 'GET', path: /^\/history\/[\w-]+$/ },
    { method: 'GET', path: /^\/view$/ },
    { method: 'GET', path: /^\/queue$/ },
    { method: 'POST', path: /^\/queue$/ },
    { method: 'POST', path: /^\/interrupt$/ },
    { method: 'GET', path: /^\/object_info$/ },
  ],
  apis: { comfyui: { video: (http) => comfyAdapter(http), preflight: comfyPreflight } },
  models: MODELS,
});
