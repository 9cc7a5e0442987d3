import type { z } from 'zod';
import { credentialOf, ProviderError, parseRetryAfter, redact, UNREACHABLE } from './errors.ts';
import type { ProviderDescriptor } from './provider.ts';
import type { ModelApi, ProviderKeys, ProviderName } from './providers.ts';
import {
  PROXY_REFUSAL,
  PROXY_TOKEN_HEADER,
  PROXY_UNREACHABLE,
  PROXY_UPSTREAM_FAILURE,
  SOCKET_BASE_PARAM,
  SOCKET_TOKEN_PARAM,
} from './proxy-rules.ts';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.ts';

/** The same-origin proxy: its path prefix (`/provider`) and the token the page was given for it. */
export interface ProxyRoute {
  prefix: string;
  token?: string;
}

/** Provider-specific: turn an error response into our error (code tables differ per vendor). */
export type DescribeError = (status: number, body: unknown, retryAfterMs: number | undefined) => ProviderError;

export interface TransportConfig {
  provider: ProviderDescriptor<ProviderName>;
  baseUrl: string;
  /** For servers the person runs (ComfyUI): every one configured, `baseUrl` among them. */
  servers?: readonly string[];
  keys: ProviderKeys;
  /** In the app: the same-origin proxy; undefined calls the provider directly. */
  proxy?: ProxyRoute;
  /** The proxy holds keys from the server's environment and adds them itself. */
  serverHasKeys?: boolean;
  fetch?: typeof fetch;
  /** Per HTTP request. */
  timeoutMs?: number;
  retry?: RetryPolicy;
}

export interface JsonRequest {
  body?: unknown;
  /** A multipart body instead of JSON (ComfyUI's image upload). */
  form?: FormData;
  signal: AbortSignal;
  api?: ModelApi;
  /**
   * False for paid submits: retried only on a rate limit, which proves nothing was created. A 5xx,
   * a lost connection or an unreadable answer may come after the task was made, so it is not resent.
   */
  idempotent?: boolean;
}

/** One provider's HTTP: base URL, auth, the proxy, timeouts, retries and validated answers. */
export class Transport {
  constructor(readonly config: TransportConfig) {}

  get provider(): ProviderName {
    return this.config.provider.name;
  }

  /** The same provider at another of its servers. */
  at(baseUrl: string): Transport {
    return new Transport({ ...this.config, baseUrl });
  }

  /** The keys, and the credentials made from them (a Kling JWT): none may reach a message. */
  private secrets(auth: Record<string, string> = {}): string[] {
    const sent = Object.values(auth).map(credentialOf);
    return [...Object.values(this.config.keys), ...sent].filter((value): value is string => Boolean(value));
  }

  /** Where a path or an absolute provider URL is fetched from, through the proxy when there is one. */
  private route(target: string, download = false): { url: string; headers: Record<string, string> } {
    const { proxy, provider, baseUrl } = this.config;
    const absolute = /^https?:\/\//.test(target) ? target : `${baseUrl}${target}`;
    if (!proxy) return { url: absolute, headers: {} };
    const headers: Record<string, string> = {
      // Servers the person runs are always named: the proxy's default may be another of them.
      ...(baseUrl === provider.baseUrl && !provider.userServers ? {} : { 'x-reelgraph-base': baseUrl }),
      ...(proxy.token ? { [PROXY_TOKEN_HEADER]: proxy.token } : {}),
    };
    if (!download && absolute.startsWith(`${baseUrl}/`))
      return { url: `${proxy.prefix}/${provider.name}${absolute.slice(baseUrl.length)}`, headers };
    return { url: `${proxy.prefix}/${provider.name}/fetch?url=${encodeURIComponent(absolute)}`, headers };
  }

  /**
   * A WebSocket URL on this server (ComfyUI's `/ws`), through the proxy when there is one (the
   * page's origin, with the server and token in the query); undefined where no page can open one.
   */
  socketUrl(path: string, query: Record<string, string>): string | undefined {
    const { proxy, provider, baseUrl } = this.config;
    const params = new URLSearchParams(query);
    if (!proxy) return `${baseUrl.replace(/^http/, 'ws')}${path}?${params}`;
    if (typeof location === 'undefined') return undefined;
    params.set(SOCKET_BASE_PARAM, baseUrl);
    if (proxy.token) params.set(SOCKET_TOKEN_PARAM, proxy.token);
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${proxy.prefix}/${provider.name}${path}?${params}`;
  }

  private async auth(api?: ModelApi): Promise<Record<string, string>> {
    const { provider, keys } = this.config;
    const headers = await provider.auth(keys, api);
    if (headers) return headers;
    if (this.config.serverHasKeys) return {};
    throw new ProviderError(provider, 'config', `no key: ${provider.missingKey(api)}`);
  }

  private async send(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    const timeoutMs = this.config.timeoutMs ?? 60_000;
    try {
      return await (this.config.fetch ?? fetch)(url, {
        ...init,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      throw new ProviderError(
        this.config.provider,
        'network',
        timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : 'could not connect (network error)',
      );
    }
  }

  private async fail(response: Response, auth: Record<string, string>): Promise<never> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: describeError gets the text.
    }
    // The app's own proxy refused (a host or path it does not forward): say so, not "HTTP 403".
    // When it sent nothing, the request is refused; when the answer was lost after sending, a paid
    // submit may have been made, which is a network failure (looked up, never simply resent).
    const proxied = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (proxied?.code === PROXY_REFUSAL || proxied?.code === PROXY_UPSTREAM_FAILURE)
      throw new ProviderError(
        this.config.provider,
        proxied.code === PROXY_REFUSAL ? 'config' : 'network',
        redact(String(proxied.message), this.secrets(auth)),
      );
    // The provider's host did not answer at all (a server gone away): a network failure, but one
    // that sent nothing, so a submit is refused rather than possibly made.
    if (proxied?.code === PROXY_UNREACHABLE)
      throw new ProviderError(this.config.provider, 'network', redact(String(proxied.message), this.secrets(auth)), {
        code: UNREACHABLE,
      });
    const error = this.config.provider.describeError(
      response.status,
      body,
      parseRetryAfter(response.headers.get('retry-after')),
    );
    throw new ProviderError(this.config.provider, error.kind, redact(error.reason, this.secrets(auth)), error.detail);
  }

  /** Sends JSON and returns the answer checked against `schema`. */
  async json<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    target: string,
    schema: z.ZodType<T>,
    request: JsonRequest,
  ): Promise<T> {
    const { url, headers } = this.route(target);
    const auth = await this.auth(request.api);
    const retryable = (error: ProviderError) =>
      error.retryable && (request.idempotent !== false || error.kind === 'rate');
    return withRetry(
      async () => {
        const response = await this.send(
          url,
          {
            method,
            headers: {
              ...headers,
              ...auth,
              // A form sets its own multipart boundary.
              ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
              accept: 'application/json',
            },
            body: request.form ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
          },
          request.signal,
        );
        if (!response.ok) return this.fail(response, auth);
        const text = response.status === 204 ? '' : await response.text();
        // An empty answer (204, or ComfyUI's bare 200) is no body, not a malformed one.
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          throw new ProviderError(
            this.config.provider,
            'malformed',
            `answered ${method} ${target.split('?')[0]} with something that is not JSON`,
          );
        }
        const checked = schema.safeParse(parsed);
        if (!checked.success) {
          const first = checked.error.issues[0];
          throw new ProviderError(
            this.config.provider,
            'malformed',
            `answered with an unexpected shape (${first.path.join('.') || 'body'}: ${first.message})`,
          );
        }
        return checked.data;
      },
      this.config.retry ?? DEFAULT_RETRY,
      request.signal,
      retryable,
    );
  }

  /** Downloads a result. The key goes along only to the provider's own host (Gemini files need it), never to a CDN. */
  async download(target: string, signal: AbortSignal): Promise<Blob> {
    // A result on another of the person's servers is fetched from that server.
    const server = this.config.servers?.find((base) => base !== this.config.baseUrl && target.startsWith(`${base}/`));
    if (server) return this.at(server).download(target, signal);
    const { url, headers } = this.route(target, true);
    const ownHost = new URL(target, this.config.baseUrl).origin === new URL(this.config.baseUrl).origin;
    const auth = ownHost ? ((await this.config.provider.auth(this.config.keys)) ?? {}) : {};
    return withRetry(
      async () => {
        const response = await this.send(url, { headers: { ...headers, ...auth } }, signal);
        if (!response.ok) return this.fail(response, auth);
        return response.blob();
      },
      this.config.retry ?? DEFAULT_RETRY,
      signal,
    );
  }
}
