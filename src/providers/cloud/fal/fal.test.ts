import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { animateRequest, cloudFor, ignore, never, startMock } from '../../../../tests/mocks/cloud-kit';
import { MOCK_KEYS, type ProviderMock } from '../../../../tests/mocks/provider-mock';
import { type ProviderError } from '../errors';
import { MemoryJobStore } from '../job-store';

let fal: ProviderMock;
beforeEach(async () => void (fal = await startMock('fal')));
afterEach(async () => fal.close());

describe('fal.ai queue', () => {
  it('submits to the endpoint with one key, follows the returned status and response URLs', async () => {
    const { cloud } = cloudFor({ fal });
    const result = await cloud.animate(
      animateRequest('fal:kling-v3-pro', { duration: 10, audio: true }),
      never,
      ignore,
    );
    const [submit] = fal.requests;
    expect(submit.path).toBe('/fal-ai/kling-video/v3/pro/image-to-video');
    expect(submit.headers.authorization).toBe(`Key ${MOCK_KEYS.apiKey}`);
    expect(submit.body).toEqual({
      prompt: 'leaves drifting',
      start_image_url: expect.stringMatching(/^data:image\/png;base64,/),
      duration: '10',
      generate_audio: true,
    });
    expect(fal.requests.map((request) => `${request.method} ${request.path}`)).toContain(
      'GET /fal-ai/kling-video/requests/fal-task-1/status',
    );
    expect(fal.requests.map((request) => `${request.method} ${request.path}`)).toContain(
      'GET /fal-ai/kling-video/requests/fal-task-1',
    );
    expect(await result.clip.text()).toBe('fake mp4 bytes for adapter tests');
    expect(result.cost).toBeCloseTo(1.4);
  });

  it('speaks Veo’s field names on fal (duration "8s")', async () => {
    const { cloud } = cloudFor({ fal });
    await cloud.animate(animateRequest('fal:veo-3.1-fast', { duration: 8 }), never, ignore);
    expect(fal.requests[0].body).toMatchObject({
      image_url: expect.stringMatching(/^data:/),
      duration: '8s',
      resolution: '720p',
      generate_audio: false,
    });
  });

  it('never resubmits after a dropped answer: the request may exist, so it stops and says so', async () => {
    fal.injectAfterWork('POST', /image-to-video$/, { status: 504, body: { detail: 'Gateway timeout' } });
    const jobs = new MemoryJobStore();
    const run = () => cloudFor({ fal }, jobs).cloud.animate(animateRequest('fal:veo-3.1'), never, ignore);
    await expect(run()).rejects.toThrow(/may have been made and billed/);
    await expect(run()).rejects.toThrow(/may have been made and billed/);
    expect(fal.submits()).toBe(1);
    expect(fal.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('ends a request that completed but failed upstream, says why, and forgets it instead of polling forever', async () => {
    fal.inject(
      'GET',
      /\/requests\/[\w-]+$/,
      {
        status: 504,
        body: { detail: 'Generation timed out', error_type: 'generation_timeout' },
      },
      10,
    );
    const jobs = new MemoryJobStore();
    const error = (await cloudFor({ fal }, jobs)
      .cloud.animate(animateRequest('fal:veo-3.1'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect([error.kind, error.message]).toEqual([
      'failed',
      'fal.ai: Generation timed out · generation_timeout · HTTP 504',
    ]);
    expect(jobs.records.size).toBe(0);
  });

  it('turns a 401 and a 422 into readable errors', async () => {
    fal.inject('POST', /image-to-video$/, { status: 401, body: { detail: 'Unauthorized' } });
    const { cloud } = cloudFor({ fal });
    const auth = (await cloud
      .animate(animateRequest('fal:seedance-2.0'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect([auth.kind, auth.message]).toEqual(['auth', 'fal.ai: Unauthorized · HTTP 401']);
    fal.inject('POST', /image-to-video$/, {
      status: 422,
      body: { detail: [{ loc: ['body', 'duration'], msg: 'unexpected value; permitted: "8s"' }] },
    });
    const invalid = (await cloud
      .animate(animateRequest('fal:seedance-2.0'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect([invalid.kind, invalid.message]).toEqual([
      'invalid',
      'fal.ai: body.duration: unexpected value; permitted: "8s" · HTTP 422',
    ]);
  });

  it('cancels upstream while queued, follows it to CANCELED and forgets the task, not counted', async () => {
    const jobs = new MemoryJobStore();
    fal.outcome = { kind: 'never' };
    const { cloud, ledger } = cloudFor({ fal }, jobs);
    const controller = new AbortController();
    await expect(
      cloud.animate(animateRequest('fal:kling-v3-pro'), controller.signal, () =>
        controller.abort(new Error('cancelled')),
      ),
    ).rejects.toThrow('cancelled');
    expect(
      fal.requests.some(
        (request) => request.method === 'PUT' && request.path === '/fal-ai/kling-video/requests/fal-task-1/cancel',
      ),
    ).toBe(true);
    expect(jobs.records.size).toBe(0);
    expect([...ledger.rows.values()].map((row) => row.outcome)).toEqual(['cancelled']);
  });

  it('follows a cancel fal only passed on: a request in progress that completes anyway is counted and kept, never paid again', async () => {
    const jobs = new MemoryJobStore();
    const { cloud, ledger } = cloudFor({ fal }, jobs);
    const controller = new AbortController();
    let polls = 0;
    await expect(
      cloud.animate(
        animateRequest('fal:kling-v3-pro'),
        controller.signal,
        () => ++polls === 2 && controller.abort(new Error('cancelled')),
      ),
    ).rejects.toThrow('cancelled');
    expect(fal.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
    const [row] = ledger.rows.values();
    expect([row.outcome, row.taskId]).toEqual(['made', 'fal-task-1']);
    expect([...jobs.records.values()].map((record) => record.state)).toEqual(['done']);
    // The next run downloads what was billed: nothing is sent again.
    const result = await cloud.animate(animateRequest('fal:kling-v3-pro'), never, ignore);
    expect(await result.clip.text()).toBe('fake mp4 bytes for adapter tests');
    expect(fal.submits()).toBe(1);
    expect([...ledger.rows.values()].map((entry) => entry.outcome)).toEqual(['made']);
  });

  it('counts a request stopped after it started running: fal bills what a runner spent', async () => {
    fal.falHonoursCancel = true;
    const jobs = new MemoryJobStore();
    const { cloud, ledger } = cloudFor({ fal }, jobs);
    const controller = new AbortController();
    let polls = 0;
    await expect(
      cloud.animate(
        animateRequest('fal:kling-v3-pro'),
        controller.signal,
        () => ++polls === 2 && controller.abort(new Error('cancelled')),
      ),
    ).rejects.toThrow('cancelled');
    expect([...ledger.rows.values()].map((row) => row.outcome)).toEqual(['unknown']);
    // Nothing is left to collect: the next run sends afresh.
    expect(jobs.records.size).toBe(0);
  });

  it('makes Nano Banana 2 images, through /edit when there is a reference', async () => {
    const { cloud } = cloudFor({ fal });
    const result = await cloud.generateImages(
      {
        model: 'fal:nano-banana-2',
        prompt: 'a fox',
        count: 2,
        size: 1024,
        aspect: '1:1',
        seed: 1,
        reference: new Blob([new Uint8Array([1])], { type: 'image/png' }),
      },
      never,
      ignore,
    );
    expect(result.images).toHaveLength(2);
    expect(fal.requests[0].path).toBe('/fal-ai/nano-banana-2/edit');
    expect(fal.requests[0].body).toMatchObject({
      num_images: 2,
      aspect_ratio: '1:1',
      resolution: '1K',
      image_urls: ['data:image/png;base64,AQ=='],
    });
  });
});
