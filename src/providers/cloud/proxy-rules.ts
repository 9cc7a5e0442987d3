import { baseUrlEnv, providerNamed, type ModelApi, type ProviderName } from './providers.ts';

/**
 * What the same-origin proxy may forward: only the paths each provider's API uses (its descriptor's
 * `paths`), only to that provider's hosts (or the base URL set in the environment), and downloads
 * only from its media hosts. Pure, so the rules are unit-tested without a server.
 */

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
  const { baseUrl, apiHosts } = providerNamed(provider);
  const fallback = envBase ?? baseUrl;
  if (!requested || requested === fallback) return fallback;
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return new Error(`“${requested}” is not a URL`);
  }
  if (url.protocol === 'https:' && apiHosts.includes(url.hostname)) return requested.replace(/\/$/, '');
  return new Error(
    `the proxy forwards ${provider} requests only to ${apiHosts.join(', ')} or the host in ${baseUrlEnv(provider)}`,
  );
}

/** Checks a proxied API call; returns where it goes, or why it is refused. */
export function proxyTarget(
  provider: ProviderName,
  method: string,
  pathAndQuery: string,
  base: string,
): ProxyTarget | Error {
  const [path] = pathAndQuery.split('?');
  if (path.includes('..') || path.includes('//')) return new Error('path not allowed');
  const rule = providerNamed(provider).paths.find(
    (candidate) => candidate.method === method && candidate.path.test(decodeURIComponent(path)),
  );
  if (!rule) return new Error(`${method} ${path} is not a ${provider} API path Reelgraph uses`);
  return { url: `${base}${pathAndQuery}`, api: rule.api as ModelApi | undefined, withKey: true };
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
  const { apiHosts, mediaHosts } = providerNamed(provider);
  const allowed =
    url.protocol === 'https:' && (apiHosts.includes(host) || mediaHosts.some((domain) => servedBy(host, domain)));
  if (!allowed) return new Error(`the proxy does not download ${provider} results from ${host}`);
  return { url: url.href, withKey: false };
}

/** `fal.media` covers fal.media and v3.fal.media; `.klingai.com` only its subdomains. */
function servedBy(host: string, domain: string): boolean {
  return domain.startsWith('.') ? host.endsWith(domain) : host === domain || host.endsWith(`.${domain}`);
}

export const PROXY_PREFIX = '/provider';
export const PROXY_CONFIG_PATH = '/reelgraph/providers';
