import { serverBase } from './comfyui/servers.ts';
import { baseUrlEnv, providerNamed, type ModelApi, type ProviderName } from './providers.ts';

/**
 * What the same-origin proxy may forward: only the paths each provider's API uses (its descriptor's
 * `paths`), only to that provider's hosts (or the base URL set in the environment), and downloads
 * only from its media hosts. Pure, so the rules are unit-tested without a server.
 */

export interface ProxyTarget {
  url: string;
  api?: ModelApi;
  /** Whether the provider's key may go along: only to an API path of the provider's own origin. */
  withKey: boolean;
}

/**
 * Characters a path Reelgraph calls is made of. No `%` (so no encoded dot, slash or backslash
 * can turn into one upstream), no backslash, and no empty, `.` or `..` segment.
 */
function plainPath(path: string): boolean {
  return /^(\/[\w.:-]+)+$/.test(path) && !path.split('/').some((segment) => segment === '.' || segment === '..');
}

/** The path a base URL may have: the default's (Ark's `/api/v3`), or the descriptor's pattern (Vertex's project). */
function basePathAllowed(provider: ProviderName, path: string): boolean {
  const { baseUrl, basePath } = providerNamed(provider);
  return basePath ? basePath.test(path) : path === new URL(baseUrl).pathname.replace(/\/$/, '');
}

/**
 * The base URL requests go to: a header from the page (a host from Settings) only if it is a bare
 * https URL on one of the provider's hosts with the path its API has; else the environment's or the default.
 */
export function baseFor(
  provider: ProviderName,
  requested: string | undefined,
  envBase: string | undefined,
): string | Error {
  const { baseUrl, apiHosts, userServers } = providerNamed(provider);
  const fallback = envBase ?? baseUrl;
  if (!requested || requested === fallback) return fallback;
  // Servers the person runs (ComfyUI on their GPUs) are wherever they say, in Settings or the
  // environment; only the token the app's page holds can name one, and only the API's paths go there.
  if (userServers) return serverBase(requested);
  const refused = new Error(
    `the proxy forwards ${provider} requests only to https://${apiHosts.join(', ')} or the host in ${baseUrlEnv(provider)}`,
  );
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return new Error(`“${requested}” is not a URL`);
  }
  // Anything after the path (a `?` or `#`, even empty) would move the API path into the query.
  if (/[?#@\\]/.test(requested) || url.username || url.password || url.port) return refused;
  const path = url.pathname.replace(/\/$/, '');
  if (url.protocol !== 'https:' || !apiHosts.includes(url.hostname)) return refused;
  if (path && !plainPath(path)) return refused;
  if (!basePathAllowed(provider, path))
    return new Error(`“${requested}” does not have the path a ${provider} base URL has`);
  return `${url.origin}${path}`;
}

function ruleFor(provider: ProviderName, method: string, path: string) {
  return providerNamed(provider).paths.find((candidate) => candidate.method === method && candidate.path.test(path));
}

/** Checks a proxied API call; returns where it goes, or why it is refused. */
export function proxyTarget(
  provider: ProviderName,
  method: string,
  pathAndQuery: string,
  base: string,
): ProxyTarget | Error {
  const [path] = pathAndQuery.split('?');
  if (!plainPath(path)) return new Error('path not allowed (encoded or relative segments)');
  const rule = ruleFor(provider, method, path);
  if (!rule) return new Error(`${method} ${path} is not a ${provider} API path Reelgraph uses`);
  return { url: `${base}${pathAndQuery}`, api: rule.api as ModelApi | undefined, withKey: true };
}

/**
 * Checks a download (or a redirect's next hop). On the API's own origin the path is held to the
 * API's rules, and the key goes along only to an API path (Gemini's files); anything else is
 * fetched without it, and only over https from the provider's hosts.
 */
export function downloadTarget(provider: ProviderName, target: string, base: string): ProxyTarget | Error {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return new Error('not a URL');
  }
  if (url.username || url.password) return new Error('a download URL may not carry a user name or password');
  const baseUrl = new URL(base);
  if (url.origin === baseUrl.origin) {
    // The URL parser has already resolved `%2e%2e`: the path is judged as it was written.
    const written = target.slice(url.origin.length).split(/[?#]/)[0];
    if (!plainPath(url.pathname) || written !== url.pathname)
      return new Error('path not allowed (encoded or relative segments)');
    const basePath = baseUrl.pathname.replace(/\/$/, '');
    const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
    const rule = path === undefined ? undefined : ruleFor(provider, 'GET', path);
    return { url: url.href, api: rule?.api as ModelApi | undefined, withKey: Boolean(rule) };
  }
  const host = url.hostname;
  const { apiHosts, mediaHosts } = providerNamed(provider);
  // A host-and-path entry is judged on the path as written: `%2e%2e` must not climb out of it.
  const written = target.slice(url.origin.length).split(/[?#]/)[0];
  const allowed =
    url.protocol === 'https:' &&
    (apiHosts.includes(host) ||
      mediaHosts.some((entry) =>
        servedBy(host, entry, plainPath(url.pathname) && written === url.pathname ? written : undefined),
      ));
  if (!allowed) return new Error(`the proxy does not download ${provider} results from ${host}${url.pathname}`);
  return { url: url.href, withKey: false };
}

/**
 * `fal.media` covers fal.media and v3.fal.media; `.klingai.com` only its subdomains; a host with a
 * path (`storage.googleapis.com/falserverless/`) that host only, under that path only.
 */
function servedBy(host: string, entry: string, path: string | undefined): boolean {
  const slash = entry.indexOf('/');
  if (slash >= 0) return host === entry.slice(0, slash) && path !== undefined && path.startsWith(entry.slice(slash));
  return entry.startsWith('.') ? host.endsWith(entry) : host === entry || host.endsWith(`.${entry}`);
}

/** What a download may be served as on the app's origin: media, never a page or a script. */
export function downloadContentType(upstream: string | null): string {
  const type = upstream?.split(';')[0].trim().toLowerCase() ?? '';
  return /^(video|image|audio)\/[\w.+-]+$/.test(type) && type !== 'image/svg+xml' ? type : 'application/octet-stream';
}

/**
 * Whether a request comes from a page of the server's own origin. Browsers send `Sec-Fetch-Site`
 * (which no page can forge); one that does not must send an `Origin` naming this host.
 */
export function sameOriginRequest(headers: { host?: string; origin?: string; 'sec-fetch-site'?: string }): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  if (!headers.origin || !headers.host) return false;
  try {
    return new URL(headers.origin).host === headers.host;
  } catch {
    return false;
  }
}

/** The headers that carry a provider key: forwarded only with the key's call, dropped on any other hop. */
export const KEY_HEADERS = ['authorization', 'x-goog-api-key', 'x-api-key'];

export const PROXY_PREFIX = '/provider';
export const PROXY_CONFIG_PATH = '/reelgraph/providers';
/** The header carrying the per-start token that only the app's own page is given (by PROXY_CONFIG_PATH). */
export const PROXY_TOKEN_HEADER = 'x-reelgraph-token';
/** The error code of the proxy's answer when it sent nothing upstream (a refused host, path, key or size). */
export const PROXY_REFUSAL = 'ReelgraphProxy';
/** The error code when the request went upstream and no clear answer came back: a submit may have been made. */
export const PROXY_UPSTREAM_FAILURE = 'ReelgraphProxyUpstream';
/** The error code when the provider could not be reached at all (connection refused): nothing was sent. */
export const PROXY_UNREACHABLE = 'ReelgraphProxyUnreachable';
/** The query parameter a page's WebSocket carries the proxy token in (a browser cannot set a socket's headers). */
export const SOCKET_TOKEN_PARAM = 'reelgraphToken';
/** The query parameter naming the server a WebSocket goes to, as `x-reelgraph-base` does for HTTP. */
export const SOCKET_BASE_PARAM = 'reelgraphBase';
