import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { BrowserContext, Request, Route } from 'playwright-core';
import { providerProxy } from '../server/provider-proxy';
import { PROXY_CONFIG_PATH, PROXY_PREFIX } from '../src/providers/cloud/proxy-rules';

/** The origin the app is served under, always the same: IndexedDB (the cache) is per origin. */
export const APP_ORIGIN = 'http://localhost:41730';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface AppHost {
  origin: string;
  /**
   * An address the page fetches a local file from, streamed from disk (CORS for the app's origin
   * only, at an unguessable path, for as long as the host runs): `--file`s of any size.
   */
  offer(path: string, mime: string): string;
  /** An address the page PUTs a file's bytes to, streamed to `path` on disk (the render's outputs, of any size). */
  receive(path: string): string;
  /** The first thing that went wrong in serving, if anything did (one line). */
  failure(): string | undefined;
  close(): Promise<void>;
}

function fromApp(request: Request): boolean {
  try {
    return new URL(request.frame().url()).origin === APP_ORIGIN;
  } catch {
    return false; // a worker's request has no frame: none of them calls a provider
  }
}

/**
 * Files the runner and the page hand each other, each at an unguessable path on a loopback port,
 * streamed to and from disk: a file of any size, never one message through the automation channel.
 */
async function startFileServer(): Promise<{
  server: Server;
  offer(path: string, mime: string): string;
  receive(path: string): string;
}> {
  const offered = new Map<string, { path: string; mime: string }>();
  const wanted = new Map<string, string>();
  const server = createServer((req, res) => {
    const token = /^\/file\/([\w-]{24})$/.exec(req.url ?? '')?.[1] ?? '';
    res.setHeader('access-control-allow-origin', APP_ORIGIN);
    const file = offered.get(token);
    const target = wanted.get(token);
    // The page asks first (CORS, and Chromium's Private Network Access for a loopback address).
    if (req.method === 'OPTIONS' && (target || file)) {
      res.setHeader('access-control-allow-methods', target ? 'PUT' : 'GET');
      res.setHeader('access-control-allow-headers', 'content-type');
      res.setHeader('access-control-allow-private-network', 'true');
      res.statusCode = 204;
      return res.end();
    }
    if (req.method === 'PUT' && target) {
      // Each address takes one file.
      wanted.delete(token);
      const out = createWriteStream(target);
      const failed = () => ((res.statusCode = 500), res.end());
      out.on('error', failed);
      req.on('error', () => out.destroy());
      return void req.pipe(out).on('finish', () => ((res.statusCode = 204), res.end()));
    }
    if (!file || req.method !== 'GET') {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('content-type', file.mime);
    res.setHeader('content-length', statSync(file.path).size);
    createReadStream(file.path)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the file server did not start');
  return {
    server,
    offer(path, mime) {
      const token = randomBytes(18).toString('base64url');
      offered.set(token, { path, mime });
      return `http://127.0.0.1:${address.port}/file/${token}`;
    },
    receive(path) {
      const token = randomBytes(18).toString('base64url');
      wanted.set(token, path);
      return `http://127.0.0.1:${address.port}/file/${token}`;
    },
  };
}

/** The same-origin provider proxy on a loopback port: the only requests that leave the browser. */
async function startProxy(): Promise<{ server: Server; url: string }> {
  const handle = providerProxy();
  const server = createServer((req, res) => {
    handle(req, res, () => {
      res.statusCode = 404;
      res.end();
    }).catch(() => {
      if (!res.headersSent) res.statusCode = 502;
      res.end();
    });
  });
  // Playwright reuses idle connections; a server that closes them first (Node's default is after
  // 5 s) races the next request, which then dies with ECONNRESET. The client closes them instead.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the provider proxy did not start');
  return { server, url: `http://127.0.0.1:${address.port}` };
}

/**
 * Serves a production build of the app to `context` under APP_ORIGIN, straight from its folder:
 * no dev server, no module transforms, nothing relayed but provider calls. Nothing listens on the
 * origin's port, so renders with different profiles never collide. A request that cannot be
 * served is answered with a failure the page sees, and recorded; it never throws in the runner.
 */
export async function hostApp(context: BrowserContext, buildDir: string): Promise<AppHost> {
  const proxy = await startProxy();
  const files = await startFileServer();
  // The page reaches the file server on a loopback port: Chromium asks for that (Local Network
  // Access), and the runner's page is allowed.
  await context.grantPermissions(['local-network-access'], { origin: APP_ORIGIN }).catch(() => {});
  let firstFailure: string | undefined;
  const fail = (what: string, error: unknown) => {
    firstFailure ??= `${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  };

  const serveFile = async (route: Route, pathname: string) => {
    const file = normalize(join(buildDir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
    if (!file.startsWith(buildDir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      await route.fulfill({ status: 404, body: 'not found' });
      return;
    }
    await route.fulfill({ path: file, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
  };
  const relayToProxy = async (route: Route, url: URL) => {
    const request = route.request();
    // The proxy accepts only same-origin calls. The page's origin is the fixed one while the
    // proxy's is local, so the relay vouches for a call made by a page of the app, and no other.
    const headers: Record<string, string> = { ...request.headers() };
    if (fromApp(request)) headers['sec-fetch-site'] = 'same-origin';
    delete headers.origin;
    const target = { url: `${proxy.url}${url.pathname}${url.search}`, headers, maxRedirects: 0 };
    // A reset reused connection never reached the proxy; a read is asked again, a paid call never is.
    const response = await route
      .fetch(target)
      .catch((error: unknown) =>
        request.method() === 'GET' && /ECONNRESET/.test(String(error)) ? route.fetch(target) : Promise.reject(error),
      );
    await route.fulfill({ response });
  };

  await context.route(`${APP_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const toProxy = url.pathname === PROXY_CONFIG_PATH || url.pathname.startsWith(`${PROXY_PREFIX}/`);
    try {
      await (toProxy ? relayToProxy(route, url) : serveFile(route, url.pathname));
    } catch (error) {
      // A page closing mid-request is not a failure; anything else is, and the page sees it fail.
      if (!/closed|disposed/i.test(String(error))) fail(`serving ${url.pathname}`, error);
      await route.abort('failed').catch(() => {});
    }
  });
  return {
    origin: APP_ORIGIN,
    offer: files.offer,
    receive: files.receive,
    failure: () => firstFailure,
    close: async () => {
      files.server.closeAllConnections();
      await Promise.all(
        [proxy.server, files.server].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}
