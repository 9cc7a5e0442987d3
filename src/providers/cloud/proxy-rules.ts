import type { ModelApi, ProviderName } from '../../../nodes/models/catalog';
import { DEFAULT_BASE_URLS } from './config.ts';

/**
 * What the same-origin proxy may forward: only the paths each provider's API uses, only to that
 * provider's hosts (or the base URL set in the environment), and downloads only from its media hosts.
 * Pure, so the rules are unit-tested without a server.
 */
const PATHS: Record<ProviderName, { method: string; path: RegExp; api?: ModelApi }[]> = {
  kling: [
    { method: 'POST', path: /^\/v1\/videos\/image2video$/, api: 'kling-v1' },
    { method: 'GET', path: /^\/v1\/videos\/image2video\/[\w.-]+$/, api: 'kling-v1' },
    { method: 'POST', path: /^\/v1\/images\/generations$/, api: 'kling-image' },
    { method: 'GET', path: /^\/v1\/images\/generations\/[\w.-]+$/, api: 'kling-image' },
    { method: 'POST', path: /^\/(image-to-video|omni-video)\/[\w.-]+$/, api: 'kling-3' },
    { method: 'GET', path: /^\/tasks$/, api: 'kling-3' },
  ],
  gemini: [
    { method: 'POST', path: /^\/v1beta\/models\/[\w.-]+:(predictLongRunning|generateContent)$/ },
    { method: 'GET', path: /^\/v1beta\/(models\/[\w.-]+\/)?operations\/[\w.-]+$/ },
    { method: 'GET', path: /^\/v1beta\/files\/[\w.-]+(:download)?$/ },
  ],
  ark: [
    { method: 'POST', path: /^\/contents\/generations\/tasks$/ },
    { method: 'GET', path: /^\/contents\/generations\/tasks\/[\w.-]+$/ },
    { method: 'DELETE', path: /^\/contents\/generations\/tasks\/[\w.-]+$/ },
  ],
  fal: [
    { method: 'POST', path: /^\/(fal-ai|bytedance)(\/[\w.-]+)+$/ },
    { method: 'GET', path: /^\/(fal-ai|bytedance)\/[\w.-]+\/requests\/[\w-]+(\/status)?$/ },
    { method: 'PUT', path: /^\/(fal-ai|bytedance)\/[\w.-]+\/requests\/[\w-]+\/cancel$/ },
  ],
};

/** The official API hosts (providers.md), besides the default one. */
const API_HOSTS: Record<ProviderName, readonly string[]> = {
  kling: ['api-singapore.klingai.com', 'api-beijing.klingai.com', 'api.klingai.com'],
  gemini: ['generativelanguage.googleapis.com'],
  ark: ['ark.ap-southeast.bytepluses.com', 'ark.cn-beijing.volces.com'],
  fal: ['queue.fal.run'],
};

/** Where results are served from: each provider's storage/CDN domains. */
const MEDIA_SUFFIXES: Record<ProviderName, readonly string[]> = {
  kling: ['.klingai.com'],
  gemini: [],
  ark: ['.volces.com', '.bytepluses.com', '.byteplus.com'],
  fal: ['.fal.media', '.fal.run', '.fal.ai'],
};

export interface ProxyTarget {
  url: string;
  api?: ModelApi;
  /** Whether the provider's key may go along (never to a media host other than the API's own). */
  withKey: boolean;
}

/** The base URL requests go to: a header from the page (a host from Settings) only if it is one of the provider's, else the environment's or the default. */
export function baseFor(
  provider: ProviderName,
  requested: string | undefined,
  envBase: string | undefined,
): string | Error {
  const fallback = envBase ?? DEFAULT_BASE_URLS[provider];
  if (!requested || requested === fallback) return fallback;
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return new Error(`“${requested}” is not a URL`);
  }
  if (url.protocol === 'https:' && API_HOSTS[provider].includes(url.hostname)) return requested.replace(/\/$/, '');
  return new Error(
    `the proxy forwards ${provider} requests only to ${API_HOSTS[provider].join(', ')} or ${baseUrlHint(provider)}`,
  );
}

const baseUrlHint = (provider: ProviderName) => `the host in REELGRAPH_${provider.toUpperCase()}_BASE_URL`;

/** Checks a proxied API call; returns where it goes, or why it is refused. */
export function proxyTarget(
  provider: ProviderName,
  method: string,
  pathAndQuery: string,
  base: string,
): ProxyTarget | Error {
  const [path] = pathAndQuery.split('?');
  if (path.includes('..') || path.includes('//')) return new Error('path not allowed');
  const rule = PATHS[provider].find(
    (candidate) => candidate.method === method && candidate.path.test(decodeURIComponent(path)),
  );
  if (!rule) return new Error(`${method} ${path} is not a ${provider} API path Reelgraph uses`);
  return { url: `${base}${pathAndQuery}`, api: rule.api, withKey: true };
}

/** Checks a download; the key goes along only to the API host itself (Gemini's files). */
export function downloadTarget(provider: ProviderName, target: string, base: string): ProxyTarget | Error {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return new Error('not a URL');
  }
  const baseUrl = new URL(base);
  if (url.origin === baseUrl.origin) return { url: url.href, withKey: true };
  const host = url.hostname;
  const allowed =
    url.protocol === 'https:' &&
    (API_HOSTS[provider].includes(host) || MEDIA_SUFFIXES[provider].some((suffix) => host.endsWith(suffix)));
  if (!allowed) return new Error(`the proxy does not download ${provider} results from ${host}`);
  return { url: url.href, withKey: false };
}

export const PROXY_PREFIX = '/provider';
export const PROXY_CONFIG_PATH = '/reelgraph/providers';
