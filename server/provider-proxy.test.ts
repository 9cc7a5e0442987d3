import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../tests/mocks/cloud-kit';
import { MOCK_KEYS, type ProviderMock } from '../tests/mocks/provider-mock';
import { SAME_ORIGIN, startProxy, startUpstream, type RunningProxy } from '../tests/mocks/proxy-kit';
import { downloadTarget } from '../src/providers/cloud/proxy-rules';

let kling: ProviderMock;
let gemini: ProviderMock;
let proxy: RunningProxy;

beforeAll(async () => {
  kling = await startMock('kling', 0);
  gemini = await startMock('gemini', 0);
  const env = {
    KLING_ACCESS_KEY: MOCK_KEYS.accessKey,
    KLING_SECRET_KEY: MOCK_KEYS.secretKey,
    GEMINI_API_KEY: MOCK_KEYS.apiKey,
    REELGRAPH_KLING_BASE_URL: kling.url,
    REELGRAPH_GEMINI_BASE_URL: gemini.url,
  };
  proxy = await startProxy(env);
});
afterAll(async () => {
  await proxy.close();
  await kling.close();
  await gemini.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  proxy.call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the same-origin provider proxy', () => {
  it('says which providers have keys in the environment, never the keys', async () => {
    const text = await (await fetch(`${proxy.origin}/reelgraph/providers`, { headers: SAME_ORIGIN })).text();
    expect(JSON.parse(text)).toEqual({
      keys: ['kling', 'gemini'],
      baseUrls: { kling: kling.url, gemini: gemini.url },
      servers: {},
      token: proxy.token,
    });
    expect(text).not.toContain(MOCK_KEYS.secretKey);
    expect(text).not.toContain(MOCK_KEYS.apiKey);
  });

  it('forwards an allowed call to the configured host and signs it with the environment’s keys', async () => {
    const response = await post('/provider/kling/v1/videos/image2video', {
      model_name: 'kling-v3',
      image: 'iVBORw0KGgo=',
      prompt: 'x',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { task_id: string } }).data.task_id).toBe('kling-task-1');
    expect(kling.requests.at(-1)!.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses paths the APIs do not use, other hosts, and cross-origin pages', async () => {
    expect((await proxy.call(`/provider/kling/v1/account/costs`)).status).toBe(403);
    expect((await proxy.call(`/provider/kling/v1/videos/image2video/../../admin`)).status).not.toBe(200);
    expect((await proxy.call(`/provider/nowhere/x`)).status).toBe(404);
    const elsewhere = await post(
      '/provider/kling/v1/videos/image2video',
      {},
      { 'x-reelgraph-base': 'https://evil.example.com' },
    );
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.text()).toContain('forwards kling requests only to');
    const crossSite = await post(
      '/provider/kling/v1/videos/image2video',
      {},
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example.com' },
    );
    expect(crossSite.status).toBe(403);
    const download = await proxy.call(
      `/provider/kling/fetch?url=${encodeURIComponent('https://evil.example.com/a.mp4')}`,
    );
    expect(download.status).toBe(403);
  });

  it('downloads results from the provider, with the key only for the API host itself', async () => {
    const file = await proxy.call(
      `/provider/gemini/fetch?url=${encodeURIComponent(`${gemini.url}/v1beta/files/f1:download?alt=media`)}`,
    );
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('fake mp4 bytes for adapter tests');
    expect(gemini.requests.at(-1)!.headers['x-goog-api-key']).toBe(MOCK_KEYS.apiKey);
  });

  it('says which key a call needs instead of forwarding it unsigned (the 3.0 routes take only the API key)', async () => {
    const before = kling.requests.length;
    const response = await proxy.call(`/provider/kling/tasks?task_ids=x`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('no key for this call: the Kling 3.0 routes take only the console API key');
    expect(kling.requests).toHaveLength(before);
  });

  it('passes a compressed answer back whole', async () => {
    const answer = JSON.stringify({ id: 'task-1', padding: 'x'.repeat(5000) });
    const upstream = await startUpstream((_req, res) => {
      const body = gzipSync(answer);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(body.length),
      });
      res.end(body);
    });
    const front = await startProxy({
      ARK_API_KEY: MOCK_KEYS.apiKey,
      REELGRAPH_ARK_BASE_URL: `${upstream.origin}/api/v3`,
    });
    try {
      const response = await front.call('/provider/ark/contents/generations/tasks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await response.text()).toBe(answer);
    } finally {
      await front.close();
      await upstream.close();
    }
  });

  it('downloads from the hosts providers really serve results from, and no look-alikes', () => {
    const allowed = (provider: 'fal' | 'kling', url: string) =>
      !(downloadTarget(provider, url, 'https://queue.fal.run') instanceof Error);
    expect(allowed('fal', 'https://fal.media/files/a.mp4')).toBe(true);
    expect(allowed('fal', 'https://v3b.fal.media/files/a.mp4')).toBe(true);
    expect(allowed('fal', 'https://evilfal.media/a.mp4')).toBe(false);
    // fal's bucket on shared storage, and nobody else's there.
    expect(allowed('fal', 'https://storage.googleapis.com/falserverless/gallery/a.mp4')).toBe(true);
    expect(allowed('fal', 'https://storage.googleapis.com/other-bucket/a.mp4')).toBe(false);
    expect(allowed('fal', 'https://storage.googleapis.com/falserverless/%2e%2e/other-bucket/a.mp4')).toBe(false);
    expect(allowed('fal', 'https://storage.googleapis.com/falserverless/../other-bucket/a.mp4')).toBe(false);
    expect(allowed('fal', 'https://storage.googleapis.com/falserverlessx/a.mp4')).toBe(false);
    expect(allowed('kling', 'https://s15-kling.kwimgs.com/a.mp4')).toBe(true);
    expect(allowed('kling', 'https://v15-kling-fdl.klingai.com/a.mp4')).toBe(true);
    expect(allowed('kling', 'https://klingai.com.evil.example/a.mp4')).toBe(false);
  });

  it('leaves everything else to the app', async () => {
    const response = await fetch(`${proxy.origin}/index.html`);
    expect(await response.text()).toBe('app');
  });
});
