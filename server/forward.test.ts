import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forward, type Refusal, UPSTREAM_TIMEOUT_MS } from './forward';

/**
 * forward()'s timeout in-process, with faked timers: only forward's own timer is faked (Node's
 * sockets keep their own), so each step waits on an event the upstream reports, never on the clock.
 */

let chunksSeen = 0;
let onUpstream: (() => void) | undefined;
const upstream = createServer((req, res) => {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    chunksSeen++;
    onUpstream?.();
  });
  req.on('end', () => {
    onUpstream?.();
    if (req.url === '/v1/silent') return; // takes the whole body and never answers
    res.end(JSON.stringify({ size }));
  });
});
const proxy = createServer((req, res) => {
  const url = `${origin(upstream)}${req.url}`;
  forward(req, res, {
    target: { url, withKey: true },
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    secrets: [],
    nextHop: () => new Error('no redirects here'),
    answerHeaders: () => ({}),
  }).catch((error: Refusal) => {
    res.statusCode = error.status;
    res.end(`${error.sent ? 'may have been sent' : 'not sent'}: ${error.message}`);
  });
});
const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  for (const server of [upstream, proxy]) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => {
  upstream.close();
  proxy.close();
});
afterEach(() => vi.useRealTimers());

/** Resolves when the upstream next reads a chunk or the end of the body. */
const upstreamMoves = () => new Promise<void>((resolve) => (onUpstream = resolve));

/** Posts through the proxy chunk by chunk, calling `afterChunk` once the upstream has each, and `afterEnd` once it has the end. */
async function slowUpload(path: string, chunks: number, afterChunk: () => void, afterEnd = afterChunk) {
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const sent = request(`${origin(proxy)}${path}`, { method: 'POST' }, (response) => {
      let text = '';
      response.on('data', (part: Buffer) => (text += part));
      response.on('end', () => resolve({ status: response.statusCode!, text }));
    });
    sent.on('error', reject);
    void (async () => {
      for (let at = 0; at < chunks; at++) {
        const moved = upstreamMoves();
        sent.write(Buffer.alloc(1000, at));
        await moved;
        afterChunk();
      }
      const ended = upstreamMoves();
      sent.end();
      await ended;
      afterEnd();
    })();
  });
  return answer;
}

describe('the upstream timeout', () => {
  it('lets an upload that keeps moving take longer than the timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    chunksSeen = 0;
    // Five chunks, each 0.8 of the timeout apart: four times the timeout in all, never that long quiet.
    const answer = await slowUpload(
      '/v1/upload',
      5,
      () => vi.advanceTimersByTime(UPSTREAM_TIMEOUT_MS * 0.8),
      () => {},
    );
    expect(answer).toEqual({ status: 200, text: JSON.stringify({ size: 5000 }) });
    expect(chunksSeen).toBe(5);
  });

  it('gives up on an upstream that took the body and then went quiet, as a request that may have been sent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Once the whole body is there, the upstream says nothing for longer than the timeout.
    const answer = await slowUpload(
      '/v1/silent',
      2,
      () => {},
      () => vi.advanceTimersByTime(UPSTREAM_TIMEOUT_MS + 1),
    );
    expect(answer.status).toBe(502);
    expect(answer.text).toMatch(/^may have been sent: no clear answer from the provider \(nothing moved for 120 s\)/);
  });
});
