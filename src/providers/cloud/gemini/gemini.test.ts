import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { animateRequest, cloudFor, ignore, never, startMock } from '../../../../tests/mocks/cloud-kit';
import { MOCK_KEYS, type ProviderMock } from '../../../../tests/mocks/provider-mock';
import { zCameraParams } from '../../../../nodes/camera/schema';
import { ProviderError } from '../errors';
import { describeGeminiError } from './errors';
import { MemoryJobStore } from '../job-store';
import { MemorySpendLedger } from '../spend-ledger';

/** A JPEG's start and its frame header (SOF0, 640×360): what the adapters read of it. */
const JPEG_HEADER = new Uint8Array([
  0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0x01, 0x68, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
]);

let gemini: ProviderMock;
beforeEach(async () => void (gemini = await startMock('gemini')));
afterEach(async () => gemini.close());

describe('Veo 3.1 on the Gemini API', () => {
  it('starts a long-running operation with the SDK’s wire names, polls it, and downloads with the key', async () => {
    const { cloud } = cloudFor({ gemini });
    const camera = zCameraParams.parse({ pan: 4 });
    const result = await cloud.animate(
      animateRequest('veo-3.1', {
        resolution: '1080p',
        duration: 5,
        endFrame: new Blob([JPEG_HEADER], { type: 'image/jpeg' }),
        camera,
      }),
      never,
      ignore,
    );
    const [submit] = gemini.requests;
    expect(submit.method).toBe('POST');
    expect(submit.path).toBe('/v1beta/models/veo-3.1-generate-preview:predictLongRunning');
    expect(submit.headers['x-goog-api-key']).toBe(MOCK_KEYS.apiKey);
    const body = submit.body as {
      instances: Record<string, { bytesBase64Encoded: string; mimeType: string } | string>[];
      parameters: Record<string, unknown>;
    };
    expect(body.instances[0].image).toEqual({ bytesBase64Encoded: expect.any(String), mimeType: 'image/png' });
    expect(body.instances[0].lastFrame).toEqual({
      bytesBase64Encoded: Buffer.from(JPEG_HEADER).toString('base64'),
      mimeType: 'image/jpeg',
    });
    expect(body.instances[0].prompt).toBe(
      'leaves drifting\nCamera: the camera pans right steadily, over 5 s, ease-in-out.',
    );
    // 1080p is 8 s only on Veo: the nearest it makes, and the estimate follows.
    expect(body.parameters).toEqual({
      aspectRatio: '16:9',
      resolution: '1080p',
      durationSeconds: 8,
      personGeneration: 'allow_adult',
      sampleCount: 1,
    });
    const download = gemini.requests.at(-1)!;
    expect(download.path).toMatch(/^\/v1beta\/files\/gemini-task-1:download\?alt=media$/);
    expect(download.headers['x-goog-api-key']).toBe(MOCK_KEYS.apiKey);
    expect(await result.clip.text()).toBe('fake mp4 bytes for adapter tests');
    expect(result.cost).toBeCloseTo(0.4 * 8);
  });

  it('stops after a 5xx on submit, saying the task may be billed, and sends nothing again until it is forgotten', async () => {
    gemini.injectAfterWork('POST', /predictLongRunning$/, {
      status: 500,
      body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } },
    });
    const jobs = new MemoryJobStore();
    const ledger = new MemorySpendLedger();
    const run = () => cloudFor({ gemini }, jobs, {}, ledger).cloud.animate(animateRequest('veo-3.1'), never, ignore);
    const error = (await run().catch((caught: unknown) => caught)) as ProviderError;
    expect([...ledger.rows.values()].map((row) => row.outcome)).toEqual(['unknown']);
    expect(error.kind).toBe('uncertain');
    expect(error.message).toMatch(
      /^Gemini API: the veo-3.1 submit at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC got no clear answer \(Internal error encountered\. · INTERNAL\), and Gemini API cannot look a task up by our id\. It may have been made and billed/,
    );
    await expect(run()).rejects.toThrow(/may have been made and billed/);
    expect(gemini.submits()).toBe(1);
    expect(await jobs.uncertain()).toHaveLength(1);
    // Forgotten (Settings → Submits that may have been billed): the next run sends it again.
    await jobs.delete((await jobs.uncertain())[0].key);
    await run();
    expect(gemini.submits()).toBe(2);
    expect([...ledger.rows.values()].map((row) => row.outcome)).toEqual(['unknown', 'made']);
  });

  it('names a retired id’s Vertex AI successor, and how to swap to it, when the API no longer knows it', async () => {
    gemini.inject('POST', /:predictLongRunning$/, {
      status: 404,
      body: { error: { code: 404, message: 'models/veo-3.1-fast-generate-preview is not found', status: 'NOT_FOUND' } },
    });
    const { cloud, ledger } = cloudFor({ gemini });
    await expect(cloud.animate(animateRequest('veo-3.1-fast'), never, ignore)).rejects.toThrow(
      'Gemini API: Veo 3.1 Fast (veo-3.1-fast-generate-preview) was shut down on 2026-10-22, and the API no longer knows it; nothing was billed. Its successor is Veo 3.1 Fast (Vertex AI), “vertex:veo-3.1-fast”: press Swap to Veo 3.1 Fast (Vertex AI) on the node, or put "vertex:veo-3.1-fast" in place of "veo-3.1-fast" in the node\'s models in the graph file.',
    );
    expect([...ledger.rows.values()].map((row) => row.outcome)).toEqual(['refused']);
  });

  it('shows the safety filter’s reasons as the node’s error', async () => {
    gemini.outcome = {
      kind: 'filtered',
      reasons: ['The video could not be generated because it may violate our policies. Support code: 58061214'],
    };
    const { cloud } = cloudFor({ gemini });
    const error = (await cloud
      .animate(animateRequest('veo-3.1-fast'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('content');
    expect(error.message).toBe(
      'Gemini API: Veo’s safety filter blocked the video: The video could not be generated because it may violate our policies. Support code: 58061214',
    );
  });

  it('maps Google’s error envelope: quota is retried, a bad argument is not', async () => {
    gemini.inject('POST', /predictLongRunning$/, {
      status: 429,
      body: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
    });
    gemini.inject('POST', /predictLongRunning$/, {
      status: 400,
      body: { error: { code: 400, message: 'durationSeconds must be 8 for 1080p', status: 'INVALID_ARGUMENT' } },
    });
    const { cloud } = cloudFor({ gemini });
    const error = (await cloud
      .animate(animateRequest('veo-3.1'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('Gemini API: durationSeconds must be 8 for 1080p · INVALID_ARGUMENT');
    expect(gemini.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  });
});

describe('Gemini API errors', () => {
  it('reads the wait from the body’s RetryInfo, since 429s carry no Retry-After header', () => {
    const quota = (retryDelay: string) =>
      describeGeminiError(
        429,
        {
          error: {
            code: 429,
            message: 'You exceeded your current quota.',
            status: 'RESOURCE_EXHAUSTED',
            details: [
              { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
              { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
            ],
          },
        },
        undefined,
      );
    expect(quota('37s').detail.retryAfterMs).toBe(37_000);
    expect(quota('1.5s').detail.retryAfterMs).toBe(1500);
    expect(quota('34.074824224s')).toMatchObject({ kind: 'rate', detail: { retryAfterMs: 34_075 } });
  });

  it('fails at once, saying how long, when the wait is beyond the patience for retries', async () => {
    gemini.inject('POST', /predictLongRunning$/, {
      status: 429,
      body: {
        error: {
          code: 429,
          message: 'Quota exceeded for the day',
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7200s' }],
        },
      },
    });
    await expect(cloudFor({ gemini }).cloud.animate(animateRequest('veo-3.1'), never, ignore)).rejects.toThrow(
      'Gemini API: Quota exceeded for the day · RESOURCE_EXHAUSTED (it asks to wait 120 min before trying again)',
    );
    expect(gemini.requests).toHaveLength(1);
  });
});

describe('Nano Banana 2 (generateContent)', () => {
  it('asks once per candidate, with the aspect ratio and image size', async () => {
    const { cloud } = cloudFor({ gemini });
    const result = await cloud.generateImages(
      { model: 'nano-banana-2', prompt: 'a red fox in snow', count: 3, size: 2048, aspect: '16:9', seed: 1 },
      never,
      ignore,
    );
    expect(result.images).toHaveLength(3);
    expect(result.images[0].image.type).toBe('image/png');
    const calls = gemini.requests.filter(
      (request) => request.path === '/v1beta/models/gemini-3.1-flash-image:generateContent',
    );
    expect(calls).toHaveLength(3);
    expect(calls[0].body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'a red fox in snow' }] }],
      generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9', imageSize: '2K' } },
    });
    expect(result.cost).toBeCloseTo(0.101 * 3);
  });

  it('sends a reference image inline for edits', async () => {
    const { cloud } = cloudFor({ gemini });
    await cloud.generateImages(
      {
        model: 'nano-banana-pro',
        prompt: 'on a marble table',
        count: 1,
        size: 1024,
        aspect: '1:1',
        seed: 1,
        reference: new Blob([new Uint8Array([7, 7])], { type: 'image/jpeg' }),
      },
      never,
      ignore,
    );
    const body = gemini.requests[0].body as { contents: { parts: unknown[] }[] };
    expect(body.contents[0].parts[1]).toEqual({ inlineData: { mimeType: 'image/jpeg', data: 'Bwc=' } });
  });

  it('never pays again for a call that failed after billing, and keeps the image its sibling made', async () => {
    gemini.injectAfterWork('POST', /:generateContent$/, {
      status: 500,
      body: { error: { code: 500, message: 'internal' } },
    });
    const jobs = new MemoryJobStore();
    const ledger = new MemorySpendLedger();
    const request = { model: 'nano-banana-2', prompt: 'a fox', count: 2, size: 1024, aspect: '1:1', seed: 1 };
    const run = () => cloudFor({ gemini }, jobs, {}, ledger).cloud.generateImages(request, never, ignore);
    const error = (await run().catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('uncertain');
    expect(error.message).toMatch(
      /^Gemini API: 1 of 2 Nano Banana 2 images failed: the nano-banana-2 submit at .* may have been made and billed/,
    );
    expect(error.message).toMatch(/The 1 made is kept: running again does not pay for it\.$/);
    expect(gemini.submits()).toBe(2);
    expect([...ledger.rows.values()].map((row) => row.outcome).sort()).toEqual(['made', 'unknown']);
    expect([...jobs.records.values()].map((record) => record.state).sort()).toEqual(['done', 'uncertain']);
    // Run again: the made image comes from its record, the uncertain call is not sent.
    await expect(run()).rejects.toThrow(/may have been made and billed/);
    expect(gemini.submits()).toBe(2);
    // Forgotten (as Settings does), only that one is sent.
    const [uncertain] = await jobs.uncertain();
    await jobs.delete(uncertain.key);
    const result = await run();
    expect(result.images).toHaveLength(2);
    expect(gemini.submits()).toBe(3);
    expect([...ledger.rows.values()].filter((row) => row.outcome === 'made')).toHaveLength(2);
  });

  it('keeps made images by content, and makes only the new ones when the count is raised', async () => {
    const store = new Map<string, Blob>();
    const kept = {
      put: async (blob: Blob) => (store.set(`h${store.size}`, blob), { $artifact: `h${store.size - 1}` }),
      get: async (hash: string) => store.get(hash),
    };
    const jobs = new MemoryJobStore();
    const request = { model: 'nano-banana-2', prompt: 'a fox', count: 2, size: 1024, aspect: '1:1', seed: 1 };
    const { cloud } = cloudFor({ gemini }, jobs, {}, new MemorySpendLedger(), kept);
    await cloud.generateImages(request, never, ignore);
    expect([...jobs.records.values()].map((record) => [record.state, record.outputs, record.kept?.length])).toEqual([
      ['done', [], 1],
      ['done', [], 1],
    ]);
    const more = await cloud.generateImages({ ...request, count: 3 }, never, ignore);
    expect(more.images).toHaveLength(3);
    expect(gemini.submits()).toBe(3);
  });

  it('a call stopped while out may have been billed: it is listed and never sent again on its own', async () => {
    // The image is made, and its answer held back while the run is stopped.
    gemini.submitDelayMs = 10_000;
    const controller = new AbortController();
    gemini.onSubmitted = () => controller.abort(new Error('cancelled'));
    const jobs = new MemoryJobStore();
    const ledger = new MemorySpendLedger();
    const request = { model: 'nano-banana-2', prompt: 'a fox', count: 1, size: 1024, aspect: '1:1', seed: 1 };
    await expect(
      cloudFor({ gemini }, jobs, {}, ledger).cloud.generateImages(request, controller.signal, ignore),
    ).rejects.toThrow('cancelled');
    gemini.submitDelayMs = 0;
    expect([...ledger.rows.values()].map((row) => row.outcome)).toEqual(['unknown']);
    expect((await jobs.uncertain()).map((record) => record.message)).toEqual([
      'it was stopped while the request was out',
    ]);
    await expect(cloudFor({ gemini }, jobs, {}, ledger).cloud.generateImages(request, never, ignore)).rejects.toThrow(
      /may have been made and billed/,
    );
    expect(gemini.submits()).toBe(1);
  });

  it('names the safety finish reason', async () => {
    gemini.outcome = { kind: 'filtered', reasons: [] };
    const { cloud } = cloudFor({ gemini });
    const error = (await cloud
      .generateImages(
        { model: 'nano-banana-2', prompt: 'x', count: 1, size: 1024, aspect: '1:1', seed: 1 },
        never,
        ignore,
      )
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe('content');
    expect(error.message).toBe('Gemini API: Nano Banana 2’s safety filter stopped the image (IMAGE_SAFETY)');
  });
});
