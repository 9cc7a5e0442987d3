import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseFor,
  downloadContentType,
  PROXY_UPSTREAM_FAILURE,
  proxyTarget,
  sameOriginRequest,
} from '../src/providers/cloud/proxy-rules';
import { SAME_ORIGIN, startProxy, startUpstream, type RunningProxy } from '../tests/mocks/proxy-kit';
import { MAX_REQUEST_BYTES } from './forward';
import { animateRequest, cloudFor, ignore, never } from '../tests/mocks/cloud-kit';
import { MemoryJobStore } from '../src/providers/cloud/job-store';
import { MemorySpendLedger } from '../src/providers/cloud/spend-ledger';
import type { ProviderError } from '../src/providers/cloud/errors';

/**
 * The proxy as an attacker meets it: another site, a link, a tag, a crafted path or base, a
 * redirect, a huge body, an upstream that stalls or echoes a key. Upstreams are loopback servers
 * standing in for provider hosts (set as the environment's base URL, as a self-hosted one would be).
 */

const KEY = 'test-gemini-not-a-key-0123456789';
const FAL = 'fal-secret-key-abcdef:0123456789';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

let seen: Seen[] = [];
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let elsewhere: Awaited<ReturnType<typeof startUpstream>>;
let proxy: RunningProxy;
/** Called when the upstream has read the first chunk of a streamed body. */
let onFirstChunk: (() => void) | undefined;
let onStalled: (() => void) | undefined;
let onStallClosed: (() => void) | undefined;

beforeAll(async () => {
  elsewhere = await startUpstream((req, res) => {
    seen.push({ method: req.method!, url: `elsewhere${req.url}`, headers: req.headers });
    res.end('elsewhere');
  });
  upstream = await startUpstream((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    const url = req.url!;
    if (url.startsWith('/media/page.html')) {
      res.setHeader('content-type', 'text/html');
      return res.end('<script>steal()</script>');
    }
    if (url.startsWith('/media/')) {
      res.setHeader('content-type', 'video/mp4');
      return res.end('mp4 bytes');
    }
    if (url === '/v1beta/files/f1:download') {
      res.writeHead(302, { location: '/media/f1.mp4' });
      return res.end();
    }
    if (url === '/v1beta/files/away:download') {
      res.writeHead(302, { location: `${elsewhere.origin}/steal` });
      return res.end();
    }
    if (url === '/v1beta/files/echo') {
      res.statusCode = 401;
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify({ error: { message: `bad key ${req.headers['x-goog-api-key']}` } }));
    }
    if (url === '/v1beta/files/stall') {
      res.on('close', () => onStallClosed?.());
      onStalled?.();
      return; // never answers
    }
    if (url.startsWith('/v1beta/models/')) {
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        if (size === 0) onFirstChunk?.();
        size += chunk.length;
      });
      req.on('end', () => res.end(JSON.stringify({ size })));
      req.on('error', () => {});
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  proxy = await startProxy({ GEMINI_API_KEY: KEY, REELGRAPH_GEMINI_BASE_URL: upstream.origin, FAL_KEY: FAL });
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
  await elsewhere.close();
});

/** A request exactly as written (fetch() would resolve `%2e%2e` and drop a length it does not send). */
function raw(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(proxy.origin);
    const sent = request({
      hostname,
      port,
      path,
      method: headers['content-length'] ? 'POST' : 'GET',
      headers: { ...SAME_ORIGIN, 'x-reelgraph-token': proxy.token, ...headers },
    });
    sent.on('response', (response) => (response.resume(), resolve(response.statusCode!)));
    sent.on('error', reject);
    sent.end();
  });
}

const fetchUrl = (url: string) => `/provider/gemini/fetch?url=${encodeURIComponent(url)}`;

describe('only the app’s own page may use the proxy', () => {
  const attempts: [string, Record<string, string>][] = [
    ['no proof at all (a non-browser, or an old link)', {}],
    ['an <img> or <script> on another site', { 'sec-fetch-site': 'cross-site' }],
    ['a page on another local port', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:1' }],
    ['a link typed or clicked into the address bar', { 'sec-fetch-site': 'none' }],
    ['a no-cors fetch from another origin', { origin: 'https://evil.example.com' }],
  ];

  it.each(attempts)('refuses the list of keys to %s', async (_who, headers) => {
    const response = await fetch(`${proxy.origin}/reelgraph/providers`, { headers });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(proxy.token);
  });

  it.each(attempts)('forwards nothing for %s, token or not', async (_who, headers) => {
    seen = [];
    for (const path of ['/provider/gemini/v1beta/files/f1:download', fetchUrl(`${upstream.origin}/media/a.mp4`)]) {
      const plain = await fetch(`${proxy.origin}${path}`, { headers });
      const withToken = await fetch(`${proxy.origin}${path}`, {
        headers: { ...headers, 'x-reelgraph-token': proxy.token },
      });
      expect([plain.status, withToken.status]).toEqual([403, 403]);
    }
    expect(seen).toEqual([]);
  });

  it('refuses a same-origin request without this start’s token', async () => {
    seen = [];
    const none = await fetch(`${proxy.origin}/provider/gemini/v1beta/files/f1:download`, { headers: SAME_ORIGIN });
    const wrong = await fetch(`${proxy.origin}/provider/gemini/v1beta/files/f1:download`, {
      headers: { ...SAME_ORIGIN, 'x-reelgraph-token': 'x'.repeat(proxy.token.length) },
    });
    expect([none.status, wrong.status]).toEqual([403, 403]);
    expect(await none.text()).toContain('does not carry the token');
    expect(seen).toEqual([]);
  });

  it('judges proof the way browsers give it', () => {
    expect(sameOriginRequest({ host: 'localhost:5173', 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(sameOriginRequest({ host: 'localhost:5173', origin: 'http://localhost:5173' })).toBe(true);
    // A browser that says the site differs is believed over any Origin.
    expect(
      sameOriginRequest({ host: 'localhost:5173', origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site' }),
    ).toBe(false);
    expect(sameOriginRequest({ host: 'localhost:5173', origin: 'http://localhost:8080' })).toBe(false);
    expect(sameOriginRequest({ host: 'localhost:5173', origin: 'null' })).toBe(false);
  });
});

describe('downloads are served as media, never as a page of the app', () => {
  it('serves another host’s HTML as an attachment of bytes, sandboxed and never sniffed', async () => {
    const response = await proxy.call(fetchUrl(`${upstream.origin}/media/page.html`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe('attachment');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe('sandbox');
  });

  it('keeps media types and nothing else', () => {
    expect(downloadContentType('video/mp4')).toBe('video/mp4');
    expect(downloadContentType('image/png; charset=binary')).toBe('image/png');
    for (const type of ['text/html', 'image/svg+xml', 'application/javascript', 'text/xml', '', null])
      expect(downloadContentType(type)).toBe('application/octet-stream');
  });

  it('sends the key only to an API path on the API’s origin, not to any path there', async () => {
    seen = [];
    await proxy.call(fetchUrl(`${upstream.origin}/media/a.mp4`));
    expect(seen[0].headers['x-goog-api-key']).toBeUndefined();
  });
});

describe('redirects are followed by hand', () => {
  it('checks each hop, and drops the key when the next one is not an API path of the same origin', async () => {
    seen = [];
    const response = await proxy.call(fetchUrl(`${upstream.origin}/v1beta/files/f1:download`));
    expect(await response.text()).toBe('mp4 bytes');
    expect(seen.map(({ url }) => url)).toEqual(['/v1beta/files/f1:download', '/media/f1.mp4']);
    expect(seen[0].headers['x-goog-api-key']).toBe(KEY);
    expect(seen[1].headers['x-goog-api-key']).toBeUndefined();
  });

  it('never follows one to a host the provider does not use', async () => {
    seen = [];
    const response = await proxy.call(fetchUrl(`${upstream.origin}/v1beta/files/away:download`));
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('redirected to a host it may not go to');
    expect(seen.map(({ url }) => url)).toEqual(['/v1beta/files/away:download']);
  });
});

describe('paths and bases cannot be bent', () => {
  it.each([
    '/provider/gemini/v1beta/models/%2e%2e/%2e%2e/admin',
    '/provider/gemini/v1beta/files/%2E%2E%2Fadmin',
    '/provider/gemini/v1beta/files/a%2fb',
    '/provider/gemini/v1beta/files/a%5cb',
    '/provider/gemini/v1beta/files/..',
    '/provider/fal/fal-ai/%2e%2e/%2e%2e/admin',
  ])('refuses %s before anything is sent', async (path) => {
    seen = [];
    expect(await raw(path)).toBe(403);
    expect(seen).toEqual([]);
  });

  it('holds the API origin’s download paths to the same rules', async () => {
    seen = [];
    const response = await proxy.call(fetchUrl(`${upstream.origin}/v1beta/files/%2e%2e/admin`));
    expect(response.status).toBe(403);
    expect(seen).toEqual([]);
  });

  it('matches rules on the plain path', () => {
    expect(proxyTarget('fal', 'POST', '/fal-ai/kling-video/v3/pro/image-to-video', 'https://queue.fal.run')).toEqual({
      url: 'https://queue.fal.run/fal-ai/kling-video/v3/pro/image-to-video',
      api: undefined,
      withKey: true,
    });
    expect(proxyTarget('fal', 'POST', '/fal-ai/./x', 'https://queue.fal.run')).toBeInstanceOf(Error);
    expect(proxyTarget('fal', 'POST', '/fal-ai\\..\\x', 'https://queue.fal.run')).toBeInstanceOf(Error);
  });

  it.each([
    'https://generativelanguage.googleapis.com?',
    'https://generativelanguage.googleapis.com/#',
    'https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?',
    'https://user:pass@generativelanguage.googleapis.com',
    'https://generativelanguage.googleapis.com:8443',
    'https://generativelanguage.googleapis.com/upload',
    'http://generativelanguage.googleapis.com',
    'https://generativelanguage.googleapis.com.evil.example',
  ])('accepts only a bare https base on the provider’s hosts, not %s', (base) => {
    expect(baseFor('gemini', base, undefined)).toBeInstanceOf(Error);
  });

  it('accepts the bases the providers document, with their API paths', () => {
    expect(baseFor('ark', 'https://ark.cn-beijing.volces.com/api/v3', undefined)).toBe(
      'https://ark.cn-beijing.volces.com/api/v3',
    );
    expect(baseFor('ark', 'https://ark.cn-beijing.volces.com/api/v3/contents', undefined)).toBeInstanceOf(Error);
    const vertex = 'https://europe-west4-aiplatform.googleapis.com/v1/projects/my-project/locations/europe-west4';
    expect(baseFor('vertex', vertex, undefined)).toBe(vertex);
    expect(baseFor('vertex', `${vertex}/../../x`, undefined)).toBeInstanceOf(Error);
  });
});

describe('bodies stream, under caps, and stop when either side does', () => {
  it('streams a request body upstream as it arrives', async () => {
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (onFirstChunk = resolve));
    const rest = new Promise<void>((resolve) => (release = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('{"part":1,'));
        // The second half is sent only after the upstream has the first: a buffering proxy would hang here.
        await reached;
        controller.enqueue(new TextEncoder().encode('"part2":2}'));
        controller.close();
        release();
      },
    });
    const response = await proxy.call('/provider/gemini/v1beta/models/m:generateContent', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    await rest;
    expect(await response.json()).toEqual({ size: 20 });
    onFirstChunk = undefined;
  });

  it('refuses a body declared over the cap before sending anything', async () => {
    seen = [];
    const status = await raw('/provider/gemini/v1beta/models/m:generateContent', {
      'content-type': 'application/json',
      'content-length': String(MAX_REQUEST_BYTES + 1),
    });
    expect(status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('stops a streamed body at the cap', async () => {
    const chunk = new Uint8Array(8 * 1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_REQUEST_BYTES + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await proxy
      .call('/provider/gemini/v1beta/models/m:generateContent', { method: 'POST', body, duplex: 'half' } as RequestInit)
      .catch((error: Error) => error);
    // Either the refusal arrives, or the proxy hung up on the rest of the body.
    if (response instanceof Response) expect([413, 502]).toContain(response.status);
    else expect(response).toBeInstanceOf(Error);
  });

  it('lets go of the upstream when the page gives up', async () => {
    const started = new Promise<void>((resolve) => (onStalled = resolve));
    const closed = new Promise<void>((resolve) => (onStallClosed = resolve));
    const page = new AbortController();
    const request = proxy.call('/provider/gemini/v1beta/files/stall', { signal: page.signal }).catch(() => 'aborted');
    await started;
    page.abort();
    expect(await request).toBe('aborted');
    // The upstream's connection is closed: nothing is left waiting on a page that is gone.
    await closed;
  });
});

describe('no credential reaches the page', () => {
  it('takes a key echoed by an upstream error out of the answer', async () => {
    const echoed = await proxy.call(fetchUrl(`${upstream.origin}/v1beta/files/echo`));
    expect(echoed.status).toBe(401);
    const text = await echoed.text();
    expect(text).not.toContain(KEY);
    expect(text).toContain('[key]');
  });

  it('never prints a key that cannot be sent (a newline in it) in its refusal', async () => {
    const broken = 'test-broken-not-a-key\nInjected: 1';
    const front = await startProxy({ GEMINI_API_KEY: broken, REELGRAPH_GEMINI_BASE_URL: upstream.origin });
    try {
      const response = await front.call('/provider/gemini/v1beta/files/f1:download');
      expect(response.status).toBe(502);
      const text = await response.text();
      expect(text).not.toContain('test-broken-not-a-key');
    } finally {
      await front.close();
    }
  });
});

describe('a paid submit whose answer the proxy lost', () => {
  it('is a submit that may have been billed, never one that was refused (which a later run would send again)', async () => {
    let submits = 0;
    // The provider takes the submit, then the connection drops before any answer.
    const dropping = await startUpstream((req, res) => {
      req.resume();
      req.on('end', () => (submits++, res.socket?.destroy()));
    });
    const front = await startProxy({ GEMINI_API_KEY: KEY, REELGRAPH_GEMINI_BASE_URL: dropping.origin });
    const jobs = new MemoryJobStore();
    const ledger = new MemorySpendLedger();
    const pageFetch: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...SAME_ORIGIN } });
    const through = {
      proxy: { prefix: `${front.origin}/provider`, token: front.token },
      serverKeys: () => new Set(['gemini' as const]),
      fetch: pageFetch,
    };
    try {
      const run = () =>
        cloudFor({}, jobs, { keys: {} }, ledger, undefined, through).cloud.animate(
          animateRequest('veo-3.1'),
          never,
          ignore,
        );
      const error = (await run().catch((caught: unknown) => caught)) as ProviderError;
      expect(error.kind).toBe('uncertain');
      expect(error.message).toMatch(/may have been made and billed/);
      // Run again: nothing is sent; the submit waits for the person in Settings.
      await expect(run()).rejects.toThrow(/may have been made and billed/);
      expect(submits).toBe(1);
      expect(await jobs.uncertain()).toHaveLength(1);
    } finally {
      await front.close();
      await dropping.close();
    }
  });

  it('is one that may have been billed when the provider answered and a later hop could not connect', async () => {
    // The provider takes the submit, answers 303 to its own origin, and is gone before the follow-up GET.
    const leaving = await startUpstream((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(303, { location: '/v1beta/operations/op1' });
        res.end(() => void leaving.close());
      });
    });
    const front = await startProxy({ GEMINI_API_KEY: KEY, REELGRAPH_GEMINI_BASE_URL: leaving.origin });
    try {
      const answer = await front.call('/provider/gemini/v1beta/models/m:predictLongRunning', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"instances":[]}',
      });
      expect(answer.status).toBe(502);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(PROXY_UPSTREAM_FAILURE);
    } finally {
      await front.close();
    }
  });
});
