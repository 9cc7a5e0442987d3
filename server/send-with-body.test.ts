import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWithBody } from './send-with-body';

let origin: string;
const server = createServer((req, res) => {
  if (req.url === '/odd-status') {
    // A status line Node's parser takes and fetch's Response cannot hold.
    req.resume();
    return void req.on('end', () => req.socket.end('HTTP/1.1 700 Odd\r\ncontent-length: 0\r\n\r\n'));
  }
  if (req.url === '/cut-off') {
    req.resume();
    return void req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.write(gzipSync(JSON.stringify({ long: 'x'.repeat(100_000) })).subarray(0, 40));
      setImmediate(() => res.socket?.destroy());
    });
  }
  if (req.url === '/twice') {
    req.resume();
    return void req.on('end', () => {
      res.setHeader('content-encoding', 'gzip, br');
      res.end(brotliCompressSync(gzipSync('twice compressed')));
    });
  }
  if (req.url === '/deflate' || req.url === '/raw-deflate') {
    req.resume();
    return void req.on('end', () => {
      res.setHeader('content-encoding', 'deflate');
      const text = JSON.stringify({ long: 'y'.repeat(200_000) });
      res.end(req.url === '/deflate' ? deflateSync(text) : deflateRawSync(text));
    });
  }
  let size = 0;
  req.on('data', (chunk: Buffer) => (size += chunk.length));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-encoding', 'gzip');
    res.end(gzipSync(JSON.stringify({ size, method: req.method })));
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => void server.close());

async function* chunks(count: number) {
  for (let at = 0; at < count; at++) yield Buffer.alloc(1000, at);
}

describe('a request body sent by node:http, answered as fetch answers', () => {
  it('streams the body and hands back the answer decoded', async () => {
    const answer = await sendWithBody(`${origin}/v1/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: chunks(5),
      signal: new AbortController().signal,
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ size: 5000, method: 'POST' });
  });

  it('fails with the system error as its cause when nothing answers, as fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await sendWithBody(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: {},
      body: chunks(1),
      signal: new AbortController().signal,
    }).catch((error: Error) => error);
    expect((failure as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });

  const post = (path: string) =>
    sendWithBody(`${origin}${path}`, {
      method: 'POST',
      headers: {},
      body: chunks(1),
      signal: new AbortController().signal,
    });

  it('rejects an answer fetch could not represent, as a failure after sending, never by crashing', async () => {
    const failure = (await post('/odd-status').catch((error: Error) => error)) as Error & { cause?: unknown };
    expect(failure.message).toMatch(/answer cannot be read/);
    expect(failure.cause).toBeUndefined();
  });

  it('fails the decoded body of an answer cut off mid-way, instead of leaving it waiting', async () => {
    const answer = await post('/cut-off');
    await expect(answer.text()).rejects.toThrow();
  });

  it('undoes every coding an answer lists, the last applied first', async () => {
    expect(await (await post('/twice')).text()).toBe('twice compressed');
  });

  it('reads deflate whether it comes zlib-wrapped, as HTTP says, or raw, as some servers send it', async () => {
    for (const path of ['/deflate', '/raw-deflate'])
      expect(((await (await post(path)).json()) as { long: string }).long).toHaveLength(200_000);
  });
});
