import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { animateRequest, cloudFor, ignore, never, startMock, STILL } from '../../../../tests/mocks/cloud-kit';
import { MOCK_KEYS, type ProviderMock } from '../../../../tests/mocks/provider-mock';
import { type ProviderError } from '../errors';
import { MemoryJobStore } from '../job-store';
import { FACE_REJECTION } from './seedance';

let ark: ProviderMock;
beforeEach(async () => void (ark = await startMock('ark')));
afterEach(async () => ark.close());

const posts = () => ark.requests.filter((request) => request.method === 'POST');

describe('Seedance 2.0 on ModelArk', () => {
  it('creates a task with data-URI frames and generate_audio sent explicitly, and polls it', async () => {
    const { cloud } = cloudFor({ ark });
    const result = await cloud.animate(animateRequest('seedance-2.0', { duration: 6 }), never, ignore);
    const [create] = posts();
    expect(create.path).toBe('/api/v3/contents/generations/tasks');
    expect(create.headers.authorization).toBe(`Bearer ${MOCK_KEYS.apiKey}`);
    expect(create.body).toEqual({
      model: 'dreamina-seedance-2-0-260128',
      content: [
        { type: 'text', text: 'leaves drifting' },
        {
          type: 'image_url',
          image_url: { url: expect.stringMatching(/^data:image\/png;base64,/) },
          role: 'first_frame',
        },
      ],
      resolution: '720p',
      ratio: 'adaptive',
      duration: 6,
      generate_audio: false,
      watermark: false,
    });
    expect(await result.clip.text()).toBe('fake mp4 bytes for adapter tests');
    // 1280×720 × (24 × 6 + 1) / 1024 tokens at $4.3 per million.
    expect(result.cost).toBeCloseTo(((1280 * 720 * 145) / 1024 / 1e6) * 4.3, 4);
  });

  it('finds the billed task by model and time when ModelArk made it and then answered 5xx: one task, one charge', async () => {
    ark.injectAfterWork('POST', /tasks$/, {
      status: 500,
      body: { error: { code: 'InternalServiceError', message: 'internal error', type: 'InternalError' } },
    });
    const result = await cloudFor({ ark }).cloud.animate(animateRequest('seedance-2.0'), never, ignore);
    expect(result.info?.taskId).toBe('ark-task-1');
    expect(posts()).toHaveLength(1);
    expect(ark.submits()).toBe(1);
    const [list] = ark.requests.filter((request) => request.method === 'GET' && request.path.includes('?'));
    // Unfiltered: filter.model takes an endpoint id, not the model id a task is created with.
    expect(list.path).toBe('/api/v3/contents/generations/tasks?page_num=1&page_size=500');
  });

  it('never adopts a sibling take’s task: a 500 before create on one of two stills ends with two distinct clips', async () => {
    const jobs = new MemoryJobStore();
    const { cloud, ledger } = cloudFor({ ark }, jobs);
    const first = await cloud.animate(animateRequest('seedance-2.0'), never, ignore);
    ark.inject('POST', /tasks$/, { status: 500, body: { error: { code: 'InternalServiceError', message: 'oops' } } });
    const otherStill = new Blob([await STILL.arrayBuffer(), new Uint8Array([7])], { type: 'image/png' });
    const second = await cloud.animate(animateRequest('seedance-2.0', { still: otherStill }), never, ignore);
    expect([first.info?.taskId, second.info?.taskId]).toEqual(['ark-task-1', 'ark-task-2']);
    expect(ark.submits()).toBe(2);
    const made = [...ledger.rows.values()].filter((row) => row.outcome === 'made').map((row) => row.taskId);
    expect(made.sort()).toEqual(['ark-task-1', 'ark-task-2']);
  });

  it('never adopts an earlier run’s task for a request with another prompt', async () => {
    const jobs = new MemoryJobStore();
    await cloudFor({ ark }, jobs).cloud.animate(animateRequest('seedance-2.0'), never, ignore);
    ark.inject('POST', /tasks$/, { status: 502, body: {} });
    const again = await cloudFor({ ark }, jobs).cloud.animate(
      animateRequest('seedance-2.0', { prompt: 'a storm rolls in', seed: 9 }),
      never,
      ignore,
    );
    expect(again.info?.taskId).toBe('ark-task-2');
  });

  it('stops as "may have been billed" when the one task near a lost submit may be a sibling’s whose answer is still out', async () => {
    const jobs = new MemoryJobStore();
    ark.injectAfterWork('POST', /tasks$/, { status: 500, body: {} });
    // A sibling take's submit, sent and not yet answered: the listed task may be its.
    await jobs.put({
      key: 'sibling',
      provider: 'ark',
      model: 'seedance-2.0',
      handle: { id: '' },
      state: 'submitting',
      submittedAt: Date.now(),
    });
    const error = (await cloudFor({ ark }, jobs)
      .cloud.animate(animateRequest('seedance-2.0'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('uncertain');
    expect(error.message).toMatch(/1 other submit to ModelArk around then also went unanswered/);
    expect(ark.submits()).toBe(1);
  });

  it('does not take a task that asked for other settings as the lost one', async () => {
    // Another app on the account made a 10 s task just now; ours (5 s) got a 500 before it was made.
    await cloudFor({ ark }).cloud.animate(animateRequest('seedance-2.0', { duration: 10 }), never, ignore);
    ark.inject('POST', /tasks$/, { status: 500, body: {} });
    const error = (await cloudFor({ ark })
      .cloud.animate(animateRequest('seedance-2.0', { duration: 5 }), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('uncertain');
    expect(error.message).toMatch(/1 task was made around then with other settings/);
    expect(ark.submits()).toBe(1);
  });

  it('sends again after a 5xx only when ModelArk lists no task of that model; stops when it cannot tell', async () => {
    ark.inject('POST', /tasks$/, { status: 503, body: { error: { code: 'ServerOverloaded', message: 'busy' } } });
    await cloudFor({ ark }).cloud.animate(animateRequest('seedance-2.0'), never, ignore);
    expect(posts()).toHaveLength(2);
    expect(ark.submits()).toBe(1);
    // Two tasks of the model around the lost submit: which is ours cannot be told, so nothing is sent.
    ark.injectAfterWork('POST', /tasks$/, { status: 502, body: {} });
    const jobs = new MemoryJobStore();
    const error = (await cloudFor({ ark }, jobs)
      .cloud.animate(animateRequest('seedance-2.0', { seed: 2 }), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('uncertain');
    expect(error.message).toMatch(/may have been made and billed, so Reelgraph will not send it again on its own/);
    expect(ark.submits()).toBe(2);
    expect([...jobs.records.values()][0].state).toBe('uncertain');
    // Running again looks again, and still sends nothing.
    await expect(
      cloudFor({ ark }, jobs).cloud.animate(animateRequest('seedance-2.0', { seed: 2 }), never, ignore),
    ).rejects.toThrow(/may have been made and billed/);
    expect(posts()).toHaveLength(3);
  });

  it('records what ModelArk counted (its usage tokens) as the charge, next to the estimate', async () => {
    // BytePlus's worked example: 720p 16:9 5 s is 108,900 tokens; this task reports a little more.
    ark.usageTokens = 110_000;
    const { cloud, ledger } = cloudFor({ ark });
    const result = await cloud.animate(animateRequest('seedance-2.0'), never, ignore);
    expect(result.cost).toBeCloseTo(0.11 * 4.3, 6);
    const [row] = ledger.rows.values();
    expect(row.actual).toBeCloseTo(0.11 * 4.3, 6);
    expect(row.estimate).toBeCloseTo(((1280 * 720 * 121) / 1024 / 1e6) * 4.3, 6);
  });

  it('explains the face filter, and does not ask again for the same still', async () => {
    ark.inject('POST', /tasks$/, {
      status: 400,
      body: {
        error: {
          code: 'InputImageSensitiveContentDetected.PrivacyInformation',
          message: 'The request failed because the input image may contain real person.',
          type: 'BadRequest',
        },
      },
    });
    const jobs = new MemoryJobStore();
    const { cloud } = cloudFor({ ark }, jobs);
    const first = (await cloud
      .animate(animateRequest('seedance-2.0'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(first.kind).toBe('content');
    expect(first.message).toBe(`BytePlus ModelArk: ${FACE_REJECTION}`);
    const again = (await cloud
      .animate(animateRequest('seedance-2.0'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(again.message).toContain('Seedance rejects realistic human faces in the start frame');
    expect(posts()).toHaveLength(1);
  });

  it('reports an output filter from the finished task', async () => {
    ark.outcome = {
      kind: 'failed',
      code: 'OutputVideoSensitiveContentDetected.PolicyViolation',
      message: 'the output video may be related to copyright restrictions',
    };
    const { cloud } = cloudFor({ ark });
    const error = (await cloud
      .animate(animateRequest('seedance-2.0'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('content');
    expect(error.message).toContain('the output check refused the video (it can pass on a re-roll)');
  });

  it('cancels a queued task upstream (DELETE) and forgets it, since it is not billed', async () => {
    const jobs = new MemoryJobStore();
    ark.outcome = { kind: 'never' };
    const { cloud } = cloudFor({ ark }, jobs);
    const controller = new AbortController();
    // Aborted as soon as the first poll reports the task queued.
    await expect(
      cloud.animate(animateRequest('seedance-2.0'), controller.signal, () => controller.abort(new Error('cancelled'))),
    ).rejects.toThrow('cancelled');
    const cancel = ark.requests.find((request) => request.method === 'DELETE');
    expect(cancel?.path).toBe('/api/v3/contents/generations/tasks/ark-task-1');
    expect(jobs.records.size).toBe(0);
  });

  it('asks to cancel upstream; a running task cannot be, so it stays saved and is resumed, not resubmitted', async () => {
    const jobs = new MemoryJobStore();
    ark.outcome = { kind: 'never' };
    const { cloud } = cloudFor({ ark }, jobs);
    const controller = new AbortController();
    let polls = 0;
    // Aborted once the second poll reports the task running.
    await expect(
      cloud.animate(
        animateRequest('seedance-2.0'),
        controller.signal,
        () => ++polls === 2 && controller.abort(new Error('cancelled')),
      ),
    ).rejects.toThrow('cancelled');
    expect(ark.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
    expect(jobs.records.size).toBe(1);
    ark.outcome = { kind: 'done' };
    await cloud.animate(animateRequest('seedance-2.0'), never, ignore);
    expect(posts()).toHaveLength(1);
  });

  it('answers a malformed task body with a clear error', async () => {
    ark.inject('GET', /tasks\//, { status: 200, body: { id: 'x', status: 'exploded' } });
    const { cloud } = cloudFor({ ark });
    const error = (await cloud
      .animate(animateRequest('seedance-2.0'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/^BytePlus ModelArk: answered with an unexpected shape \(status: /);
  });
});
