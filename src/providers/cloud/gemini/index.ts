import { defineProvider } from '../provider.ts';
import { describeGeminiError } from './errors.ts';
import { GEMINI } from './identity.ts';
import { MODELS } from './models.ts';
import { generateNanoBanana } from './nano-banana.ts';
import { veoAdapter } from './veo.ts';

export const gemini = defineProvider({
  ...GEMINI,
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiHosts: ['generativelanguage.googleapis.com'],
  // Veo's files are served by the API host itself (with the key), never a CDN.
  mediaHosts: [],
  keys: { geminiApiKey: { env: 'GEMINI_API_KEY', label: 'API key' } },
  missingKey: () => 'add your Gemini API key in Settings (or set GEMINI_API_KEY for npm start).',
  async auth(keys) {
    return keys.geminiApiKey ? { 'x-goog-api-key': keys.geminiApiKey } : undefined;
  },
  describeError: describeGeminiError,
  // Veo's docs poll every 10 s; it takes 11 s to about 6 min.
  timing: { pollMs: 10_000, timeoutMs: 20 * 60_000, typicalMs: 90_000 },
  concurrency: 2,
  paths: [
    { method: 'POST', path: /^\/v1beta\/models\/[\w.-]+:(predictLongRunning|generateContent)$/ },
    { method: 'GET', path: /^\/v1beta\/(models\/[\w.-]+\/)?operations\/[\w.-]+$/ },
    { method: 'GET', path: /^\/v1beta\/files\/[\w.-]+(:download)?$/ },
  ],
  apis: {
    veo: { video: veoAdapter },
    'nano-banana': { imageNow: generateNanoBanana },
    'gemini-interactions': {},
  },
  models: MODELS,
});
