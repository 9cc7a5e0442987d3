// Explicit .ts: the provider proxy loads this file through Vite's config loader.
import { bytesToBase64Url } from '../../media/base64.ts';
import type { ModelApi, ProviderName } from '../../../nodes/models/catalog';
import type { ProviderKeys } from './config';

const encoder = new TextEncoder();

const base64Url = (value: Uint8Array | string) =>
  bytesToBase64Url(typeof value === 'string' ? encoder.encode(value) : value);

/** Kling's legacy auth: an HS256 JWT over {iss: access key, exp: now+30 min, nbf: now−5 s}, signed with the secret key. */
export async function klingJwt(
  accessKey: string,
  secretKey: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  const header = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64Url(JSON.stringify({ iss: accessKey, exp: nowSeconds + 1800, nbf: nowSeconds - 5 }));
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secretKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${header}.${payload}`)));
  return `${header}.${payload}.${base64Url(signature)}`;
}

/** Tokens are reused for 25 minutes: well inside their 30-minute life, so none expires mid-request. */
const TOKEN_LIFE_MS = 25 * 60 * 1000;
const tokens = new Map<string, { token: string; until: number }>();

async function cachedKlingJwt(accessKey: string, secretKey: string): Promise<string> {
  const cacheKey = `${accessKey}\u0000${secretKey}`;
  const hit = tokens.get(cacheKey);
  if (hit && hit.until > Date.now()) return hit.token;
  const token = await klingJwt(accessKey, secretKey);
  tokens.set(cacheKey, { token, until: Date.now() + TOKEN_LIFE_MS });
  return token;
}

/**
 * The auth header a provider wants, or undefined when these keys cannot make one.
 * Kling's 3.0 routes take a static API key; the legacy routes a JWT from access + secret key
 * (used for the 3.0 routes too when no API key is set: unconfirmed, per providers.md).
 */
export async function authHeaders(
  provider: ProviderName,
  keys: ProviderKeys,
  api?: ModelApi,
): Promise<Record<string, string> | undefined> {
  switch (provider) {
    case 'kling':
      if (api === 'kling-3' && keys.klingApiKey) return { authorization: `Bearer ${keys.klingApiKey}` };
      if (keys.klingAccessKey && keys.klingSecretKey)
        return { authorization: `Bearer ${await cachedKlingJwt(keys.klingAccessKey, keys.klingSecretKey)}` };
      return undefined;
    case 'gemini':
      return keys.geminiApiKey ? { 'x-goog-api-key': keys.geminiApiKey } : undefined;
    case 'ark':
      return keys.arkApiKey ? { authorization: `Bearer ${keys.arkApiKey}` } : undefined;
    case 'fal':
      return keys.falKey ? { authorization: `Key ${keys.falKey}` } : undefined;
  }
}

/** What to tell someone whose provider has no key. */
export const MISSING_KEY: Record<ProviderName, string> = {
  kling:
    'add your Kling access key and secret key in Settings (or set KLING_ACCESS_KEY and KLING_SECRET_KEY for npm start).',
  gemini: 'add your Gemini API key in Settings (or set GEMINI_API_KEY for npm start).',
  ark: 'add your ModelArk API key in Settings (or set ARK_API_KEY for npm start).',
  fal: 'add your fal.ai key in Settings (or set FAL_KEY for npm start).',
};
