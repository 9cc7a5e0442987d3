import { createServer, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { providerProxy } from '../../server/provider-proxy';
import { PROXY_CONFIG_PATH, PROXY_TOKEN_HEADER } from '../../src/providers/cloud/proxy-rules';

/** What a same-origin fetch from the app's page carries, and no other site can forge. */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

export interface RunningProxy {
  origin: string;
  /** This start's token, as the app's page is given it. */
  token: string;
  /** A request as the app's page sends it: same-origin, with the token. */
  call(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** The provider proxy on a loopback port with `env` as its environment; anything else answers "app". */
export async function startProxy(env: NodeJS.ProcessEnv): Promise<RunningProxy> {
  const proxy = providerProxy(env);
  const server = await listen((req, res) => void proxy(req, res, () => res.end('app')));
  const origin = originOf(server);
  const config = (await (await fetch(`${origin}${PROXY_CONFIG_PATH}`, { headers: SAME_ORIGIN })).json()) as {
    token: string;
  };
  return {
    origin,
    token: config.token,
    call: (path, init = {}) =>
      fetch(`${origin}${path}`, {
        ...init,
        headers: { ...SAME_ORIGIN, [PROXY_TOKEN_HEADER]: config.token, ...(init.headers as Record<string, string>) },
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A stand-in upstream on a loopback port. */
export async function startUpstream(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ origin: string; server: Server; close(): Promise<void> }> {
  const server = await listen(handler);
  return {
    origin: originOf(server),
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
