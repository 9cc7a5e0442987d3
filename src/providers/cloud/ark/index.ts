import { defineProvider } from '../provider.ts';
import { ARK } from './identity.ts';
import { MODELS } from './models.ts';
import { describeArkError, seedanceAdapter } from './seedance.ts';

export const ark = defineProvider({
  ...ARK,
  baseUrl: 'https://ark.ap-southeast.bytepluses.com/api/v3',
  apiHosts: ['ark.ap-southeast.bytepluses.com', 'ark.cn-beijing.volces.com'],
  mediaHosts: ['.volces.com', '.bytepluses.com', '.byteplus.com'],
  keys: { arkApiKey: { env: 'ARK_API_KEY', label: 'API key' } },
  missingKey: () => 'add your ModelArk API key in Settings (or set ARK_API_KEY for npm start).',
  async auth(keys) {
    return keys.arkApiKey ? { authorization: `Bearer ${keys.arkApiKey}` } : undefined;
  },
  describeError: describeArkError,
  timing: { pollMs: 5000, timeoutMs: 30 * 60_000, typicalMs: 120_000 },
  concurrency: 3,
  paths: [
    { method: 'POST', path: /^\/contents\/generations\/tasks$/ },
    { method: 'GET', path: /^\/contents\/generations\/tasks$/ },
    { method: 'GET', path: /^\/contents\/generations\/tasks\/[\w.-]+$/ },
    { method: 'DELETE', path: /^\/contents\/generations\/tasks\/[\w.-]+$/ },
  ],
  apis: { seedance: { video: seedanceAdapter } },
  models: MODELS,
});
