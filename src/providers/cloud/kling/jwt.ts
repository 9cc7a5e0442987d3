import { bytesToBase64Url } from '../../../media/base64.ts';

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

export async function cachedKlingJwt(accessKey: string, secretKey: string): Promise<string> {
  const cacheKey = `${accessKey}\u0000${secretKey}`;
  const hit = tokens.get(cacheKey);
  if (hit && hit.until > Date.now()) return hit.token;
  const token = await klingJwt(accessKey, secretKey);
  tokens.set(cacheKey, { token, until: Date.now() + TOKEN_LIFE_MS });
  return token;
}
