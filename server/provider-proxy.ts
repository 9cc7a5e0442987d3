import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  baseUrlEnv,
  CLOUD_PROVIDERS,
  isProviderName,
  providerNamed,
  type ProviderKeys,
  type ProviderName,
} from '../src/providers/cloud/providers.ts';
import {
  baseFor,
  downloadTarget,
  proxyTarget,
  PROXY_CONFIG_PATH,
  PROXY_PREFIX,
} from '../src/providers/cloud/proxy-rules.ts';

const MAX_BODY = 64 * 1024 * 1024;
// fetch() hands back the body decoded, so its length and encoding headers no longer describe it.
const PASS_BACK = ['content-type', 'retry-after'];

type Next = (error?: unknown) => void;

function keysFromEnv(env: NodeJS.ProcessEnv): ProviderKeys {
  return Object.fromEntries(
    CLOUD_PROVIDERS.flatMap((provider) =>
      Object.entries(provider.keys).flatMap(([name, { env: variable }]) =>
        env[variable] ? [[name, env[variable]]] : [],
      ),
    ),
  );
}

/** The providers these keys can call: some API of theirs gets its auth from them. */
async function providersWithKeys(keys: ProviderKeys): Promise<ProviderName[]> {
  const usable = await Promise.all(
    CLOUD_PROVIDERS.map(async ({ name }) => {
      const provider = providerNamed(name);
      const headers = await Promise.all(Object.keys(provider.apis).map((api) => provider.auth(keys, api)));
      return headers.some(Boolean) ? [name] : [];
    }),
  );
  return usable.flat();
}

function refuse(res: ServerResponse, status: number, message: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ error: { code: 'ReelgraphProxy', message: `Reelgraph proxy: ${message}` } }));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body over 64 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Cross-site pages must not spend the keys this server holds: only same-origin calls pass. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The same-origin provider proxy that `npm start`, the preview server and the CLI serve:
 * `GET /reelgraph/providers` says which providers have keys in the environment (never the keys);
 * `/provider/<name>/<api path>` forwards allowed API calls; `/provider/<name>/fetch?url=` downloads results.
 * Keys from the environment are added here, so they never reach the page.
 */
export function providerProxy(env: NodeJS.ProcessEnv = process.env) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const url = req.url ?? '/';
    if (url === PROXY_CONFIG_PATH) {
      const keys = keysFromEnv(env);
      const baseUrls = Object.fromEntries(
        CLOUD_PROVIDERS.flatMap(({ name }) => (env[baseUrlEnv(name)] ? [[name, env[baseUrlEnv(name)]]] : [])),
      );
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: await providersWithKeys(keys), baseUrls }));
      return;
    }
    if (!url.startsWith(`${PROXY_PREFIX}/`)) return next();
    if (!sameOrigin(req)) return refuse(res, 403, 'cross-origin requests are refused');
    const [, , name, ...rest] = url.split('/');
    if (!isProviderName(name)) return refuse(res, 404, `unknown provider “${name}”`);
    const provider = name;
    const requestedBase =
      typeof req.headers['x-reelgraph-base'] === 'string' ? req.headers['x-reelgraph-base'] : undefined;
    const base = baseFor(provider, requestedBase, env[baseUrlEnv(provider)]?.replace(/\/$/, ''));
    if (base instanceof Error) return refuse(res, 403, base.message);
    const pathAndQuery = `/${rest.join('/')}`;
    const target = pathAndQuery.startsWith('/fetch?')
      ? downloadTarget(provider, new URLSearchParams(pathAndQuery.slice('/fetch?'.length)).get('url') ?? '', base)
      : proxyTarget(provider, req.method ?? 'GET', pathAndQuery, base);
    if (target instanceof Error) return refuse(res, 403, target.message);

    const headers: Record<string, string> = {};
    for (const header of ['content-type', 'accept', 'authorization', 'x-goog-api-key']) {
      const value = req.headers[header];
      if (typeof value === 'string') headers[header] = value;
    }
    const hasAuth = Boolean(headers.authorization || headers['x-goog-api-key']);
    if (!target.withKey) {
      delete headers.authorization;
      delete headers['x-goog-api-key'];
    } else if (!hasAuth) {
      const descriptor = providerNamed(provider);
      const auth = await descriptor.auth(keysFromEnv(env), target.api);
      // Forwarding without the key this call needs would only earn a 401: say which key it is.
      if (!auth) return refuse(res, 401, `no key for this call: ${descriptor.missingKey(target.api)}`);
      Object.assign(headers, auth);
    }
    try {
      const body = await readBody(req);
      const upstream = await fetch(target.url, {
        method: req.method,
        headers,
        body: body as BodyInit | undefined,
        redirect: 'follow',
      });
      res.statusCode = upstream.status;
      for (const header of PASS_BACK) {
        const value = upstream.headers.get(header);
        if (value) res.setHeader(header, value);
      }
      const bytes = Buffer.from(await upstream.arrayBuffer());
      res.end(bytes);
    } catch (error) {
      refuse(res, 502, `could not reach ${provider} (${(error as Error).message})`);
    }
  };
}

/** The proxy as a Vite plugin, for the dev server and the preview server alike. */
export function providerProxyPlugin() {
  return {
    name: 'reelgraph-provider-proxy',
    configureServer(server: { middlewares: { use(handler: ReturnType<typeof providerProxy>): void } }) {
      server.middlewares.use(providerProxy());
    },
    configurePreviewServer(server: { middlewares: { use(handler: ReturnType<typeof providerProxy>): void } }) {
      server.middlewares.use(providerProxy());
    },
  };
}
