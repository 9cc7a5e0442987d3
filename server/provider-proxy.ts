import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { credentialOf, redact } from '../src/providers/cloud/errors.ts';
import {
  baseUrlEnv,
  CLOUD_PROVIDERS,
  isProviderName,
  keysFromEnv,
  providerNamed,
  type ProviderKeys,
  type ProviderName,
} from '../src/providers/cloud/providers.ts';
import {
  baseFor,
  downloadContentType,
  downloadTarget,
  KEY_HEADERS,
  proxyTarget,
  PROXY_CONFIG_PATH,
  PROXY_PREFIX,
  PROXY_REFUSAL,
  PROXY_UNREACHABLE,
  PROXY_TOKEN_HEADER,
  PROXY_UPSTREAM_FAILURE,
  sameOriginRequest,
} from '../src/providers/cloud/proxy-rules.ts';
import { parseServerList } from '../src/providers/cloud/comfyui/servers.ts';
import { forward, Refusal } from './forward.ts';
import { socketProxy } from './socket-proxy.ts';

type Next = (error?: unknown) => void;

/** The providers these keys can call: some API of theirs gets its auth from them. */
async function providersWithKeys(keys: ProviderKeys): Promise<ProviderName[]> {
  const usable = await Promise.all(
    CLOUD_PROVIDERS.map(async ({ name }) => {
      const provider = providerNamed(name);
      const headers = await Promise.all(Object.keys(provider.apis).map((api) => provider.auth(keys, api)));
      // A provider that needs no key (a ComfyUI server of one's own) makes empty headers: no key is held.
      return headers.some((made) => made && Object.keys(made).length > 0) ? [name] : [];
    }),
  );
  return usable.flat();
}

/** Every answer on a proxy route: never sniffed into a page, never run as one. */
const GUARD_HEADERS = { 'x-content-type-options': 'nosniff', 'content-security-policy': 'sandbox' };

/**
 * The proxy's own answer. `sent` says the request may have reached the provider (a dropped
 * connection, a timeout): the page must then treat a paid submit as possibly made, not refused.
 * `unreachable`: the provider could not be reached at all (nothing was sent; a server gone away).
 */
function refuse(res: ServerResponse, status: number, message: string, sent = false, unreachable = false) {
  if (res.headersSent) return void res.destroy();
  res.statusCode = status;
  for (const [name, value] of Object.entries(GUARD_HEADERS)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json');
  const code = sent ? PROXY_UPSTREAM_FAILURE : unreachable ? PROXY_UNREACHABLE : PROXY_REFUSAL;
  res.end(JSON.stringify({ error: { code, message: `Reelgraph proxy: ${message}` } }));
}

/** The base the environment sets: REELGRAPH_<NAME>_BASE_URL, or the first of a list of servers the person runs. */
export function envBase(env: NodeJS.ProcessEnv, provider: ProviderName): string | undefined {
  const { userServers } = providerNamed(provider);
  if (userServers) return parseServerList(env[userServers.env])[0];
  return env[baseUrlEnv(provider)]?.replace(/\/$/, '');
}

const header = (req: IncomingMessage, name: string) =>
  typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined;

/**
 * The same-origin provider proxy that `npm start`, the preview server and the CLI serve:
 * `GET /reelgraph/providers` says which providers have keys in the environment (never the keys)
 * and hands the page this start's token; `/provider/<name>/<api path>` forwards allowed API calls;
 * `/provider/<name>/fetch?url=` downloads results, served only as media. Every route answers only
 * same-origin requests, and the forwarding routes only those with the token, so no other site
 * (nor a link, an image or a script tag on one) can spend the keys held here.
 */
export function providerProxy(env: NodeJS.ProcessEnv = process.env) {
  const token = randomBytes(24).toString('base64url');
  const handler = async (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const url = req.url ?? '/';
    const isConfig = url.split('?')[0] === PROXY_CONFIG_PATH;
    if (!isConfig && !url.startsWith(`${PROXY_PREFIX}/`)) return next();
    const proof = {
      host: header(req, 'host'),
      origin: header(req, 'origin'),
      'sec-fetch-site': header(req, 'sec-fetch-site'),
    };
    if (!sameOriginRequest(proof)) return refuse(res, 403, 'only the app’s own page may use the provider proxy');
    if (isConfig) {
      const keys = keysFromEnv(env);
      const baseUrls = Object.fromEntries(
        CLOUD_PROVIDERS.flatMap(({ name }) => (env[baseUrlEnv(name)] ? [[name, env[baseUrlEnv(name)]]] : [])),
      );
      for (const [name, value] of Object.entries(GUARD_HEADERS)) res.setHeader(name, value);
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      const servers = Object.fromEntries(
        CLOUD_PROVIDERS.flatMap(({ name, userServers }) =>
          userServers && env[userServers.env] ? [[name, parseServerList(env[userServers.env])]] : [],
        ),
      );
      res.end(JSON.stringify({ keys: await providersWithKeys(keys), baseUrls, servers, token }));
      return;
    }
    const offered = header(req, PROXY_TOKEN_HEADER) ?? '';
    if (offered.length !== token.length || !timingSafeEqual(Buffer.from(offered), Buffer.from(token)))
      return refuse(res, 403, 'this request does not carry the token the app’s page was given');

    const [, , name, ...rest] = url.split('/');
    if (!isProviderName(name)) return refuse(res, 404, `unknown provider “${name}”`);
    const provider = name;
    const base = baseFor(provider, header(req, 'x-reelgraph-base'), envBase(env, provider));
    if (base instanceof Error) return refuse(res, 403, base.message);
    const pathAndQuery = `/${rest.join('/')}`;
    const download = pathAndQuery.startsWith('/fetch?');
    const method = req.method ?? 'GET';
    if (download && method !== 'GET') return refuse(res, 405, 'downloads are GET requests');
    const target = download
      ? downloadTarget(provider, new URLSearchParams(pathAndQuery.slice('/fetch?'.length)).get('url') ?? '', base)
      : proxyTarget(provider, method, pathAndQuery, base);
    if (target instanceof Error) return refuse(res, 403, target.message);

    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-length', 'accept', ...KEY_HEADERS]) {
      const value = header(req, name);
      if (value) headers[name] = value;
    }
    const hasAuth = KEY_HEADERS.some((name) => headers[name]);
    if (!target.withKey) {
      for (const name of KEY_HEADERS) delete headers[name];
    } else if (!hasAuth) {
      const descriptor = providerNamed(provider);
      const auth = await descriptor.auth(keysFromEnv(env), target.api);
      // Forwarding without the key this call needs would only earn a 401: say which key it is.
      if (!auth) return refuse(res, 401, `no key for this call: ${descriptor.missingKey(target.api)}`);
      Object.assign(headers, auth);
    }
    const secrets = [
      ...Object.values(keysFromEnv(env)),
      ...KEY_HEADERS.flatMap((name) => (headers[name] ? [credentialOf(headers[name])] : [])),
    ].filter((value): value is string => Boolean(value));
    try {
      await forward(req, res, {
        target,
        method,
        headers,
        secrets,
        nextHop: (next) => downloadTarget(provider, next, base),
        answerHeaders: (type) => ({
          ...GUARD_HEADERS,
          'cache-control': 'no-store',
          ...(download
            ? { 'content-type': downloadContentType(type), 'content-disposition': 'attachment' }
            : type
              ? { 'content-type': type }
              : {}),
        }),
      });
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(502, (error as Error).message, true);
      refuse(
        res,
        refusal.status,
        `${provider}: ${redact(refusal.message, secrets)}`,
        refusal.sent,
        refusal.unreachable,
      );
    }
  };
  /** The progress WebSocket of servers the person runs, for an HTTP server's `upgrade` event. */
  const upgrade = socketProxy(token, (name) => (isProviderName(name) ? envBase(env, name) : undefined));
  return Object.assign(handler, { upgrade });
}

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
interface ViteLikeServer {
  middlewares: { use(handler: ReturnType<typeof providerProxy>): void };
  httpServer?: { on(event: 'upgrade', listener: UpgradeListener): unknown } | null;
}

function install(server: ViteLikeServer) {
  const proxy = providerProxy();
  server.middlewares.use(proxy);
  // Vite's own socket (HMR) listens on the same event; ours answers only its own paths.
  server.httpServer?.on('upgrade', (req, socket, head) => void proxy.upgrade(req, socket, head));
}

/** The proxy as a Vite plugin, for the dev server and the preview server alike. */
export function providerProxyPlugin() {
  return {
    name: 'reelgraph-provider-proxy',
    configureServer: install,
    configurePreviewServer: install,
  };
}
