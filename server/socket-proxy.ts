import { timingSafeEqual } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { isProviderName, providerNamed } from '../src/providers/cloud/providers.ts';
import {
  baseFor,
  PROXY_PREFIX,
  sameOriginRequest,
  SOCKET_BASE_PARAM,
  SOCKET_TOKEN_PARAM,
} from '../src/providers/cloud/proxy-rules.ts';

function reject(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

/**
 * Relays the progress WebSocket of a server the person runs (ComfyUI's `/ws?clientId=`):
 * `/provider/<name>/ws?clientId=&reelgraphBase=&reelgraphToken=`. Only from the app's own page,
 * with this start's token, to a base the HTTP routes would take, and only the `/ws` path. The
 * handshake goes upstream without the page's Origin (ComfyUI refuses a cross-origin one), and
 * once both sides have switched, the bytes are piped as they are.
 */
export function socketProxy(token: string, envBase: (provider: string) => string | undefined) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const [, prefix, name, path, ...rest] = url.pathname.split('/');
    if (`/${prefix}` !== PROXY_PREFIX) return false; // not ours: the dev server's own socket, say
    if (!isProviderName(name) || !providerNamed(name).userServers || path !== 'ws' || rest.length > 0) {
      reject(socket, 404, 'Not Found');
      return true;
    }
    const proof = {
      host: req.headers.host,
      origin: req.headers.origin,
      'sec-fetch-site': req.headers['sec-fetch-site'] as string | undefined,
    };
    const offered = url.searchParams.get(SOCKET_TOKEN_PARAM) ?? '';
    const tokenOk = offered.length === token.length && timingSafeEqual(Buffer.from(offered), Buffer.from(token));
    if (!sameOriginRequest(proof) || !tokenOk) {
      reject(socket, 403, 'Forbidden');
      return true;
    }
    const base = baseFor(name, url.searchParams.get(SOCKET_BASE_PARAM) ?? undefined, envBase(name));
    const clientId = url.searchParams.get('clientId') ?? '';
    if (base instanceof Error || !/^[\w-]{1,100}$/.test(clientId)) {
      reject(socket, 403, 'Forbidden');
      return true;
    }
    const target = new URL(`${base}/ws`);
    target.searchParams.set('clientId', clientId);
    const headers: Record<string, string> = {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-key': String(req.headers['sec-websocket-key'] ?? ''),
      'sec-websocket-version': String(req.headers['sec-websocket-version'] ?? '13'),
    };
    const extensions = req.headers['sec-websocket-extensions'];
    if (typeof extensions === 'string') headers['sec-websocket-extensions'] = extensions;
    const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { headers });
    upstream.setTimeout(30_000, () => upstream.destroy(new Error('no answer')));
    upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
      upstream.setTimeout(0);
      const lines = [`HTTP/1.1 101 Switching Protocols`];
      for (const name of ['upgrade', 'connection', 'sec-websocket-accept', 'sec-websocket-extensions']) {
        const value = answer.headers[name];
        if (typeof value === 'string') lines.push(`${name}: ${value}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length) socket.write(upstreamHead);
      if (head.length) upstreamSocket.write(head);
      upstreamSocket.pipe(socket).pipe(upstreamSocket);
      const close = () => {
        upstreamSocket.destroy();
        socket.destroy();
      };
      upstreamSocket.on('error', close).on('close', close);
      socket.on('error', close).on('close', close);
    });
    upstream.on('response', (answer) => {
      answer.resume();
      reject(socket, 502, 'Bad Gateway');
    });
    upstream.on('error', () => reject(socket, 502, 'Bad Gateway'));
    socket.on('error', () => upstream.destroy());
    upstream.end();
    return true;
  };
}
