import { defineProvider } from '../provider.ts';
import { describeKlingError } from './errors.ts';
import { KLING } from './identity.ts';
import { klingImageAdapter } from './image.ts';
import { cachedKlingJwt } from './jwt.ts';
import { MODELS, type KlingApi } from './models.ts';
import { klingVideoAdapter } from './video.ts';
import { kling3VideoAdapter } from './video-3.ts';

export const kling = defineProvider({
  ...KLING,
  baseUrl: 'https://api-singapore.klingai.com',
  apiHosts: ['api-singapore.klingai.com', 'api-beijing.klingai.com', 'api.klingai.com'],
  mediaHosts: ['.klingai.com', '.kwimgs.com', '.inkwai.com'],
  keys: {
    klingAccessKey: { env: 'KLING_ACCESS_KEY', label: 'Access key' },
    klingSecretKey: { env: 'KLING_SECRET_KEY', label: 'Secret key' },
    klingApiKey: { env: 'KLING_API_KEY', label: 'API key (console key, every route)' },
  },
  missingKey: (api?: KlingApi) =>
    api === 'kling-3'
      ? 'the Kling 3.0 routes take only the console API key: add it in Settings (or set KLING_API_KEY for npm start).'
      : 'add your Kling API key, or your access key and secret key, in Settings (or set KLING_API_KEY, or KLING_ACCESS_KEY and KLING_SECRET_KEY, for npm start).',
  /**
   * Kling's authentication guide: the access and secret keys sign a JWT for the legacy routes (the
   * model_name ones under /v1), the way every client signs them, so those routes get the JWT when
   * both keys are here; the console API key is "for all models" and is the only key the 3.0 routes
   * take (they refuse a JWT with code 1002), so it goes there, and to /v1 when it is the only key.
   */
  async auth(keys, api?: KlingApi) {
    if (api !== 'kling-3' && keys.klingAccessKey && keys.klingSecretKey)
      return { authorization: `Bearer ${await cachedKlingJwt(keys.klingAccessKey, keys.klingSecretKey)}` };
    if (keys.klingApiKey) return { authorization: `Bearer ${keys.klingApiKey}` };
    return undefined;
  },
  describeError: describeKlingError,
  timing: { pollMs: 5000, timeoutMs: 30 * 60_000, typicalMs: 180_000 },
  concurrency: 3,
  paths: [
    { method: 'POST', path: /^\/v1\/videos\/image2video$/, api: 'kling-v1' },
    { method: 'GET', path: /^\/v1\/videos\/image2video\/[\w.-]+$/, api: 'kling-v1' },
    { method: 'POST', path: /^\/v1\/images\/generations$/, api: 'kling-image' },
    { method: 'GET', path: /^\/v1\/images\/generations\/[\w.-]+$/, api: 'kling-image' },
    { method: 'POST', path: /^\/(image-to-video|omni-video)\/[\w.-]+$/, api: 'kling-3' },
    { method: 'GET', path: /^\/tasks$/, api: 'kling-3' },
  ],
  apis: {
    'kling-v1': { video: klingVideoAdapter },
    'kling-3': { video: kling3VideoAdapter },
    'kling-image': { image: klingImageAdapter },
  },
  models: MODELS,
});
