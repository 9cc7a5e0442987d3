import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWithBody } from './send-with-body';

let origin: string;
const server = createServer((req, res) => {
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
});
