import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { animateRequest, cloudFor, ignore, never, pngHeader, startMock } from '../../../../tests/mocks/cloud-kit';
import { MOCK_KEYS, type ProviderMock } from '../../../../tests/mocks/provider-mock';
import { zCameraParams } from '../../../../nodes/camera/schema';
import { ProviderError } from '../errors';
import { MemoryJobStore } from '../job-store';
import { MemoryArtifactStore } from '../../../../graph-engine';

let kling: ProviderMock;
beforeEach(async () => void (kling = await startMock('kling')));
afterEach(async () => kling.close());

const claims = (authorization: unknown) =>
  JSON.parse(Buffer.from(String(authorization).split('.')[1], 'base64url').toString());
const submits = () => kling.requests.filter((request) => request.method === 'POST');

describe('Kling legacy image2video', () => {
  it('sends the documented request with a valid JWT and polls to the clip', async () => {
    const { cloud } = cloudFor({ kling });
    const progress: number[] = [];
    const result = await cloud.animate(animateRequest('kling-v3-std'), never, (f) => progress.push(f));
    expect(await result.clip.text()).toBe('fake mp4 bytes for adapter tests');
    const [submit] = submits();
    expect(submit.path).toBe('/v1/videos/image2video');
    expect(submit.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const jwt = claims(submit.headers.authorization);
    expect(jwt.iss).toBe(MOCK_KEYS.accessKey);
    expect(jwt.exp - jwt.nbf).toBe(1805);
    const body = submit.body as Record<string, unknown>;
    expect(body).toMatchObject({
      model_name: 'kling-v3',
      mode: 'std',
      duration: '5',
      sound: 'off',
      prompt: 'leaves drifting',
    });
    expect(typeof body.image).toBe('string');
    expect(String(body.image).startsWith('data:')).toBe(false);
    expect(body.external_task_id).toMatch(/^reelgraph-[0-9a-f]{24}-[0-9a-f]{8}$/);
    expect(body).not.toHaveProperty('camera_control');
    expect(
      kling.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/v1/videos/image2video/'))
        .length,
    ).toBe(3);
    expect(result.cost).toBeCloseTo(0.084 * 5);
    expect(result.info).toMatchObject({
      provider: 'kling',
      model: 'kling-v3-std',
      upstream: 'kling-v3',
      taskId: 'kling-task-1',
    });
    expect(progress.at(-1)).toBe(1);
  });

  it('uses native camera control for one axis on Kling 1.5 Pro (zoom sign flipped), words for more', async () => {
    const { cloud } = cloudFor({ kling });
    const pushIn = zCameraParams.parse({ zoom: 4 });
    await cloud.animate(animateRequest('kling-v1-5-pro', { camera: pushIn }), never, ignore);
    expect((submits()[0].body as Record<string, unknown>).camera_control).toEqual({
      type: 'simple',
      config: { horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: -4 },
    });
    const crane = zCameraParams.parse({ vertical: 5, tilt: -2 });
    await cloud.animate(animateRequest('kling-v1-5-pro', { camera: crane }), never, ignore);
    const second = submits()[1].body as Record<string, unknown>;
    expect(second).not.toHaveProperty('camera_control');
    expect(second.prompt).toContain('Camera: the camera cranes up steadily, the camera tilts down slowly');
    // An end frame and camera control are mutually exclusive on Kling: the end frame goes, the move is put in words.
    await cloud.animate(
      animateRequest('kling-v1-5-pro', {
        camera: pushIn,
        endFrame: new Blob([pngHeader(640, 360)], { type: 'image/png' }),
      }),
      never,
      ignore,
    );
    const third = submits()[2].body as Record<string, unknown>;
    expect(third).not.toHaveProperty('camera_control');
    expect(third.image_tail).toBe(Buffer.from(pngHeader(640, 360)).toString('base64'));
    expect(third.prompt).toContain('Camera: the camera pushes in steadily');
  });

  it('refuses with a readable auth error on 401 and does not retry it', async () => {
    kling.inject('POST', /image2video$/, {
      status: 401,
      body: { code: 1004, message: 'token expired', request_id: 'r' },
    });
    const { cloud } = cloudFor({ kling });
    const error = await cloud.animate(animateRequest('kling-v3-std'), never, ignore).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('auth');
    expect((error as Error).message).toBe('Kling: the token expired · token expired · code 1004');
    expect(submits()).toHaveLength(1);
  });

  it('waits as long as Retry-After says on 429, then succeeds with one task', async () => {
    kling.inject('POST', /image2video$/, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { code: 1302, message: 'rate limit', request_id: 'r' },
    });
    // The waits are recorded, not spent: no test races the clock.
    const waits: number[] = [];
    const retry = {
      retries: 3,
      baseDelayMs: 5,
      maxDelayMs: 20,
      random: () => 0.5,
      wait: async (ms: number) => void waits.push(ms),
    };
    const { cloud } = cloudFor({ kling }, undefined, {}, undefined, undefined, { retry });
    await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    expect(waits).toEqual([1000]);
    expect(submits()).toHaveLength(2);
    expect(kling.submits()).toBe(1);
  });

  it('never resends a submit blindly: after a 5xx it looks the attempt up, and sends a new attempt only when Kling has none', async () => {
    kling.inject(
      'POST',
      /image2video$/,
      { status: 500, body: { code: 5000, message: 'internal error', request_id: 'r' } },
      2,
    );
    const { cloud } = cloudFor({ kling });
    await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    const sent = submits().map((request) => (request.body as { external_task_id: string }).external_task_id);
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(3);
    const lookups = kling.requests.filter((request) => request.method === 'GET' && request.path.includes('reelgraph-'));
    expect(lookups.map((request) => request.path.split('/').at(-1))).toEqual(sent.slice(0, 2));
    expect(kling.submits()).toBe(1);
  });

  it('finds the billed task when Kling made it and then answered 5xx: one task, one charge', async () => {
    kling.injectAfterWork('POST', /image2video$/, {
      status: 502,
      body: { code: 5001, message: 'bad gateway', request_id: 'r' },
    });
    const jobs = new MemoryJobStore();
    const { cloud, ledger } = cloudFor({ kling }, jobs);
    const result = await cloud.animate(animateRequest('kling-v3-std', { nodeId: 'animate' }), never, ignore);
    expect(result.info?.taskId).toBe('kling-task-1');
    expect(submits()).toHaveLength(1);
    expect(kling.submits()).toBe(1);
    expect([...jobs.records.values()][0].state).toBe('done');
    // One row in the spend history, made, at the catalog's price for what was asked.
    expect([...ledger.rows.values()]).toEqual([
      expect.objectContaining({
        provider: 'kling',
        model: 'kling-v3-std',
        graphId: 'g1',
        nodeId: 'animate',
        estimate: result.cost,
        params: { duration: 5, resolution: '720p', audio: false, camera: 'none' },
        taskId: 'kling-task-1',
        outcome: 'made',
      }),
    ]);
  });

  it('reports a content refusal at submit without retrying', async () => {
    kling.inject('POST', /image2video$/, {
      status: 400,
      body: { code: 1301, message: 'content security policy', request_id: 'r' },
    });
    const { cloud } = cloudFor({ kling });
    const error = (await cloud
      .animate(animateRequest('kling-v3-std'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('content');
    expect(error.message).toContain('Kling’s content policy refused the request');
    expect(submits()).toHaveLength(1);
  });

  it('reports a content refusal after submit, and forgets the failed (unbilled) task', async () => {
    kling.outcome = { kind: 'failed', message: 'Failure to pass the risk control system' };
    const jobs = new MemoryJobStore();
    const { cloud } = cloudFor({ kling }, jobs);
    const error = (await cloud
      .animate(animateRequest('kling-v3-std'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('content');
    expect(error.message).toContain('risk control');
    expect(jobs.records.size).toBe(0);
  });

  it('keeps a task whose poll answer is malformed, and resumes it on the next run without a second submit', async () => {
    kling.inject('GET', /^\/v1\/videos\/image2video\//, { status: 200, raw: '<html>gateway</html>' });
    const jobs = new MemoryJobStore();
    const first = cloudFor({ kling }, jobs).cloud;
    const error = (await first
      .animate(animateRequest('kling-v3-std'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('not JSON');
    const second = cloudFor({ kling }, jobs).cloud;
    await second.animate(animateRequest('kling-v3-std'), never, ignore);
    expect(kling.submits()).toBe(1);
  });

  it('gives up on a task that never finishes, and resumes the same task later', async () => {
    kling.outcome = { kind: 'never' };
    const jobs = new MemoryJobStore();
    const { cloud, settings } = cloudFor({ kling }, jobs);
    void settings;
    const error = (await cloud
      .animate(animateRequest('kling-v3-std'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('run again to keep waiting for it');
    expect([...jobs.records.values()][0].state).toBe('submitted');
    kling.outcome = { kind: 'done' };
    await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    expect(kling.submits()).toBe(1);
  });

  it('resumes polling after a reload instead of submitting again (Kling has no cancel)', async () => {
    const jobs = new MemoryJobStore();
    const controller = new AbortController();
    kling.outcome = { kind: 'never' };
    const before = cloudFor({ kling }, jobs).cloud;
    const pending = before.animate(animateRequest('kling-v3-std'), controller.signal, () =>
      controller.abort(new Error('page closed')),
    );
    await expect(pending).rejects.toThrow('page closed');
    expect([...jobs.records.values()][0]).toMatchObject({ state: 'submitted', handle: { id: 'kling-task-1' } });
    kling.outcome = { kind: 'done' };
    const after = cloudFor({ kling }, jobs).cloud;
    const result = await after.animate(animateRequest('kling-v3-std'), never, ignore);
    expect(result.info?.taskId).toBe('kling-task-1');
    expect(kling.submits()).toBe(1);
  });

  it('finds a task by our external id when the page went away before the submit was answered', async () => {
    const jobs = new MemoryJobStore();
    // The task is made, and its answer held back while the page goes away (an event, not a race).
    kling.submitDelayMs = 10_000;
    const controller = new AbortController();
    kling.onSubmitted = () => controller.abort(new Error('page closed'));
    const pending = cloudFor({ kling }, jobs).cloud.animate(animateRequest('kling-v3-std'), controller.signal, ignore);
    await expect(pending).rejects.toThrow('page closed');
    kling.onSubmitted = undefined;
    expect(kling.submits()).toBe(1);
    expect([...jobs.records.values()][0].state).toBe('submitting');
    kling.submitDelayMs = 0;
    const result = await cloudFor({ kling }, jobs).cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    expect(result.info?.taskId).toBe('kling-task-1');
    expect(kling.submits()).toBe(1);
    expect(
      kling.requests.some(
        (request) =>
          request.method === 'GET' &&
          /^\/v1\/videos\/image2video\/reelgraph-[0-9a-f]{24}-[0-9a-f]{8}$/.test(request.path),
      ),
    ).toBe(true);
  });

  it('downloads a task finished in an earlier run again, and says plainly when its link has expired', async () => {
    const jobs = new MemoryJobStore();
    const { cloud } = cloudFor({ kling }, jobs);
    await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    expect([...jobs.records.values()][0].state).toBe('done');
    // The same request again (the result was lost before it reached the cache): downloaded, not resubmitted.
    const again = await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    expect(again.info?.taskId).toBe('kling-task-1');
    expect(kling.submits()).toBe(1);
    kling.inject('GET', /^\/media\//, { status: 404, body: { code: 1203, message: 'file expired', request_id: 'r' } });
    await expect(cloud.animate(animateRequest('kling-v3-std'), never, ignore)).rejects.toThrow(
      "Kling: the link to task kling-task-1's result has expired (HTTP 404), so it cannot be downloaded. It was billed; running again makes it anew, and is billed again.",
    );
    expect(jobs.records.size).toBe(0);
  });

  it('says at once that a link refused by the storage host has expired, never its raw XML', async () => {
    const jobs = new MemoryJobStore();
    kling.inject('GET', /^\/media\//, {
      status: 403,
      raw: '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
    });
    const error = (await cloudFor({ kling }, jobs)
      .cloud.animate(animateRequest('kling-v3-std'), never, ignore)
      .catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe(
      "Kling: the link to task kling-task-1's result has expired (HTTP 403), so it cannot be downloaded. It was billed; running again makes it anew, and is billed again.",
    );
    expect(kling.requests.filter((request) => request.path.startsWith('/media/'))).toHaveLength(1);
  });

  it('makes a re-rolled take as a new task, even where its seed was used before', async () => {
    const { cloud } = cloudFor({ kling });
    await cloud.animate(animateRequest('kling-v3-std', { seed: 7 }), never, ignore);
    await cloud.animate(animateRequest('kling-v3-std', { seed: 7, reroll: 2 }), never, ignore);
    await cloud.animate(animateRequest('kling-v3-std', { seed: 7 }), never, ignore);
    expect(kling.submits()).toBe(2);
  });

  it('keeps a made clip with its job: after its link expires it is found again, and nothing is paid twice', async () => {
    const jobs = new MemoryJobStore();
    const kept = new MemoryArtifactStore();
    const { cloud } = cloudFor({ kling }, jobs, {}, undefined, kept);
    const first = await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    expect([...jobs.records.values()][0].kept).toHaveLength(1);
    // The app's cache lost the result (its key changed), and the provider's link has expired since.
    kling.inject(
      'GET',
      /^\/media\//,
      { status: 404, body: { code: 1203, message: 'file expired', request_id: 'r' } },
      5,
    );
    const again = await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    expect(new Uint8Array(await again.clip.arrayBuffer())).toEqual(new Uint8Array(await first.clip.arrayBuffer()));
    expect(kling.submits()).toBe(1);
  });

  it('never puts a key in an error message, even when the provider echoes it', async () => {
    kling.inject('POST', /image2video$/, {
      status: 400,
      body: { code: 1201, message: `bad param near ${MOCK_KEYS.secretKey}`, request_id: 'r' },
    });
    const { cloud } = cloudFor({ kling });
    const error = (await cloud
      .animate(animateRequest('kling-v3-std'), never, ignore)
      .catch((caught: unknown) => caught)) as Error;
    expect(error.message).toContain('[key]');
    expect(error.message).not.toContain(MOCK_KEYS.secretKey);
  });

  it('says which keys are missing before sending anything', async () => {
    const { cloud } = cloudFor({ kling }, new MemoryJobStore(), { keys: {} });
    await expect(cloud.animate(animateRequest('kling-v3-std'), never, ignore)).rejects.toThrow(
      'Kling: no key: add your Kling API key, or your access key and secret key, in Settings',
    );
    expect(kling.requests).toHaveLength(0);
  });

  it('sends a WebP still as JPEG (Kling takes JPEG or PNG), and says so with the clip', async () => {
    const webp = new Uint8Array(30);
    webp.set([0x52, 0x49, 0x46, 0x46, 22, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x58]);
    webp.set([0xff, 0x04, 0, 0xcf, 0x02, 0], 24); // VP8X canvas 1280×720, stored minus one
    const { cloud } = cloudFor({ kling });
    const result = await cloud.animate(
      animateRequest('kling-v3-std', { still: new Blob([webp], { type: 'image/webp' }) }),
      never,
      ignore,
    );
    expect(result.info?.params.still).toBe('sent as JPEG: it takes JPEG or PNG, not WebP');
    expect(submits()).toHaveLength(1);
  });

  it('refuses, before anything is sent, a still whose shape Kling does not take', async () => {
    const { cloud } = cloudFor({ kling });
    const tall = animateRequest('kling-v3-std', { still: new Blob([pngHeader(600, 1800)], { type: 'image/png' }) });
    await expect(cloud.check(tall, never)).rejects.toThrow(
      'Kling V3 Standard cannot take this still: it takes shapes between 1:2.5 and 2.5:1; this one is 600×1800 (1:3): crop it first. Nothing was sent.',
    );
    await expect(cloud.animate(tall, never, ignore)).rejects.toThrow('Nothing was sent.');
    expect(kling.requests).toHaveLength(0);
  });

  it('signs the legacy routes with the console API key when that is the only key', async () => {
    const { cloud } = cloudFor({ kling }, new MemoryJobStore(), { keys: { klingApiKey: MOCK_KEYS.apiKey } });
    await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    expect(submits()[0].headers.authorization).toBe(`Bearer ${MOCK_KEYS.apiKey}`);
  });

  it('signs the legacy routes with the JWT when the access and secret keys are here, and the 3.0 routes with the console key', async () => {
    const keys = {
      klingApiKey: MOCK_KEYS.apiKey,
      klingAccessKey: MOCK_KEYS.accessKey,
      klingSecretKey: MOCK_KEYS.secretKey,
    };
    const { cloud } = cloudFor({ kling }, new MemoryJobStore(), { keys });
    await cloud.animate(animateRequest('kling-v3-std'), never, ignore);
    await cloud.animate(animateRequest('kling-3.0'), never, ignore);
    const [legacy, v3] = submits();
    expect(claims(legacy.headers.authorization).iss).toBe(MOCK_KEYS.accessKey);
    expect(v3.headers.authorization).toBe(`Bearer ${MOCK_KEYS.apiKey}`);
  });

  it('sends no camera_control for a still camera (Kling needs exactly one moving axis)', async () => {
    const { cloud } = cloudFor({ kling });
    await cloud.animate(animateRequest('kling-v1-5-pro', { camera: zCameraParams.parse({}) }), never, ignore);
    const body = submits()[0].body as Record<string, unknown>;
    expect(body).not.toHaveProperty('camera_control');
    expect(body.prompt).toContain('Camera: static, locked-off shot.');
  });
});

describe('Kling 3.0 per-model routes', () => {
  it('says before sending that the 3.0 routes need the console API key, not the access and secret keys', async () => {
    const { cloud, ledger } = cloudFor({ kling });
    await expect(cloud.animate(animateRequest('kling-3.0'), never, ignore)).rejects.toThrow(
      'Kling: no key: the Kling 3.0 routes take only the console API key',
    );
    expect(kling.requests).toHaveLength(0);
    // Never sent, so not in the spend history at all (not even as refused).
    expect(ledger.rows.size).toBe(0);
  });

  it('finds a task made before a 5xx by its external_task_id, with one task', async () => {
    kling.injectAfterWork('POST', /^\/image-to-video\//, { status: 500, body: { code: 5000, message: 'internal' } });
    const { cloud } = cloudFor({ kling }, new MemoryJobStore(), { keys: { klingApiKey: MOCK_KEYS.apiKey } });
    const result = await cloud.animate(animateRequest('kling-3.0'), never, ignore);
    expect(result.info?.taskId).toBe('kling-task-1');
    expect(submits()).toHaveLength(1);
    expect(kling.requests.some((request) => request.path.startsWith('/tasks?external_task_ids=reelgraph-'))).toBe(true);
  });

  it('sends again after a 5xx when the lookup by external_task_id (documented) answers no task: one task, one clip', async () => {
    kling.inject('POST', /^\/image-to-video\//, { status: 500, body: { code: 5000, message: 'internal' } });
    const { cloud } = cloudFor({ kling }, new MemoryJobStore(), { keys: { klingApiKey: MOCK_KEYS.apiKey } });
    const result = await cloud.animate(animateRequest('kling-3.0'), never, ignore);
    expect(result.info?.taskId).toBe('kling-task-1');
    expect(kling.submits()).toBe(1);
  });

  it('stops as "may have been billed" when the task list answers tasks not made under our id (the filter not applied)', async () => {
    const jobs = new MemoryJobStore();
    const { cloud } = cloudFor({ kling }, jobs, { keys: { klingApiKey: MOCK_KEYS.apiKey } });
    await cloud.animate(animateRequest('kling-3.0'), never, ignore);
    kling.klingIgnoresExternalFilter = true;
    kling.inject('POST', /^\/image-to-video\//, { status: 500, body: { code: 5000, message: 'internal' } });
    await expect(cloud.animate(animateRequest('kling-3.0', { seed: 5 }), never, ignore)).rejects.toThrow(
      /not made under our id.*may have been made and billed/s,
    );
    expect(kling.submits()).toBe(1);
  });

  it('posts contents and settings with the API key and polls /tasks', async () => {
    const { cloud } = cloudFor({ kling }, new MemoryJobStore(), {
      keys: { klingApiKey: MOCK_KEYS.apiKey },
      baseUrls: { kling: kling.url },
    });
    await cloud.animate(animateRequest('kling-3.0', { duration: 7, resolution: '1080p', audio: true }), never, ignore);
    const [submit] = submits();
    expect(submit.path).toBe('/image-to-video/kling-3.0');
    expect(submit.headers.authorization).toBe(`Bearer ${MOCK_KEYS.apiKey}`);
    const body = submit.body as { contents: { type: string; url?: string }[]; settings: Record<string, unknown> };
    expect(body.contents.map((content) => content.type)).toEqual(['prompt', 'first_frame']);
    expect(body.contents[1].url).toMatch(/^data:image\/png;base64,/);
    expect(body.settings).toEqual({ resolution: '1080p', duration: 7, audio: 'native', multi_shot: false });
    expect(kling.requests.some((request) => request.path === '/tasks?task_ids=kling-task-1')).toBe(true);
  });
});

describe('Kling images', () => {
  it('makes n images in one task', async () => {
    const { cloud } = cloudFor({ kling });
    const result = await cloud.generateImages(
      { model: 'kling-image-v3', prompt: 'a lighthouse', count: 3, size: 1280, aspect: '16:9', seed: 1 },
      never,
      ignore,
    );
    expect(result.images).toHaveLength(3);
    expect(submits()[0].body).toMatchObject({ model_name: 'kling-v3', n: 3, aspect_ratio: '16:9', resolution: '2k' });
    expect(result.cost).toBeCloseTo(0.028 * 3);
  });
});
