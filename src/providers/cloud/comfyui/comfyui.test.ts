import { afterEach, describe, expect, it } from 'vitest';
import { NodeError } from '../../../../graph-engine';
import { animateRequest, cloudFor, ignore, never } from '../../../../tests/mocks/cloud-kit';
import { startComfyMock, type ComfyMock, type ComfyMockOptions } from '../../../../tests/mocks/comfyui-mock';
import type { ProviderError } from '../errors';
import { MemoryJobStore } from '../job-store';
import { comfyAdapter, promptIdFor } from './adapter';
import { Transport } from '../transport';
import type { VideoTask } from '../task';
import { createFarm, hear } from './farm';
import { comfyui } from './index';
import { describeComfyError } from './protocol';

const CLIP = Buffer.from('an mp4 a ComfyUI server saved');
const started: ComfyMock[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((mock) => mock.close()));
});

async function comfy(options: Partial<ComfyMockOptions> = {}): Promise<ComfyMock> {
  const mock = await startComfyMock({ video: CLIP, ...options });
  started.push(mock);
  return mock;
}

/** Cloud providers whose ComfyUI servers are these, as Settings lists them. */
const farmOf = (servers: ComfyMock[], jobs = new MemoryJobStore()) =>
  cloudFor({}, jobs, { servers: { comfyui: servers.map((server) => server.url) } });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('it should have failed'),
    (error: unknown) => error as ProviderError,
  );

describe('ComfyUI on your own GPUs', () => {
  it('uploads the still, queues the filled workflow under our prompt id, follows it, and downloads the clip from /view', async () => {
    const server = await comfy();
    const request = animateRequest('comfy-wan2.2-ti2v-5b', { seed: 42, duration: 5, prompt: 'waves roll in' });
    const result = await farmOf([server]).cloud.animate(request, never, ignore);
    expect(await result.clip.text()).toBe(CLIP.toString());
    expect(result.cost).toBe(0);
    expect(server.uploads).toEqual([expect.stringMatching(/^reelgraph-[0-9a-f]{24}\.png$/)]);
    const [sent] = server.received;
    expect(sent.prompt_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent.client_id).toMatch(/^reelgraph-/);
    const graph = sent.prompt as Record<string, { inputs: Record<string, unknown> }>;
    expect(graph['56'].inputs.image).toBe(server.uploads[0]);
    expect(graph['6'].inputs.text).toBe('waves roll in');
    expect(graph['3'].inputs.seed).toBe(42);
    // 16:9 on Wan's 32 px grid is the template's own 1280×704; 5 s at 24 fps is 4k + 1 frames.
    expect(graph['55'].inputs).toMatchObject({ width: 1280, height: 704, length: 121 });
    expect(server.requests).toContain('GET /view');
    expect(result.info?.taskId).toBe(sent.prompt_id);
  });

  it('reads a clip VideoHelperSuite saved (listed under gifs) as well as core SaveVideo', async () => {
    const server = await comfy({ saves: 'gifs', combo: 'COMBO' });
    const result = await farmOf([server]).cloud.animate(animateRequest('comfy-ltxv-0.9.5-i2v'), never, ignore);
    expect(await result.clip.text()).toBe(CLIP.toString());
  });

  it('sends each take to the least-loaded server that has its files', async () => {
    const busy = await comfy({ busy: 3 });
    const idle = await comfy();
    const lacking = await comfy({ lacks: ['wan2.2_vae.safetensors'] });
    await farmOf([busy, lacking, idle]).cloud.animate(animateRequest('comfy-wan2.2-ti2v-5b'), never, ignore);
    expect([busy, lacking, idle].map((server) => server.received.length)).toEqual([0, 0, 1]);
  });

  it('says which file or node is missing on which server before anything is uploaded or queued', async () => {
    const server = await comfy({ lacks: ['wan2.2_vae.safetensors', 'Wan22ImageToVideoLatent'] });
    const { cloud } = farmOf([server]);
    const request = animateRequest('comfy-wan2.2-ti2v-5b');
    const refused = await failure(cloud.check(request, never));
    expect(refused).toBeInstanceOf(NodeError);
    expect(refused.message).toBe(
      `Wan 2.2 TI2V 5B (your GPU): no server can run wan2.2-ti2v-5b: ${server.url} lacks wan2.2_vae.safetensors in models/vae, the node Wan22ImageToVideoLatent (update ComfyUI or install the node pack). Nothing was queued.`,
    );
    expect((await failure(cloud.animate(request, never, ignore))).kind).toBe('config');
    expect(server.uploads).toEqual([]);
    expect(server.received).toEqual([]);
  });

  it('says plainly when no server answers, and how to start one', async () => {
    const server = await comfy();
    await server.stop();
    const error = await failure(farmOf([server]).cloud.animate(animateRequest('comfy-wan2.2-ti2v-5b'), never, ignore));
    expect(error.kind).toBe('config');
    expect(error.message).toContain(`no ComfyUI server answered (${server.url}). Start ComfyUI (with --listen`);
  });

  it('moves a take that was still waiting to another server when its own stops answering', async () => {
    const first = await comfy({ waitingPolls: 1000 });
    const second = await comfy({ busy: 1 });
    const { cloud } = farmOf([first, second]);
    const result = await cloud.animate(animateRequest('comfy-wan2.2-ti2v-5b'), never, () => void first.stop());
    expect(await result.clip.text()).toBe(CLIP.toString());
    expect([first.received.length, second.received.length]).toEqual([1, 1]);
    // A new attempt, so a new prompt id: the first server, back, would not confuse the two.
    expect(first.received[0].prompt_id).not.toBe(second.received[0].prompt_id);
  });

  it('reports a take lost when its server stops answering while running it, and does not send it again', async () => {
    const first = await comfy({ runningPolls: 1000 });
    const second = await comfy({ busy: 1 });
    const { cloud } = farmOf([first, second]);
    const progress = () => void (first.sent.includes('execution_start') && first.stop());
    const error = await failure(cloud.animate(animateRequest('comfy-wan2.2-ti2v-5b'), never, progress));
    expect(error.message).toContain(`${first.url} stopped answering while it ran this take, so it is lost`);
    expect(second.received).toEqual([]);
  });

  it('says the server forgot the take when it restarted, rather than waiting forever', async () => {
    const server = await comfy({ waitingPolls: 1000 });
    const error = await failure(
      farmOf([server]).cloud.animate(animateRequest('comfy-wan2.2-ti2v-5b'), never, () => server.restart()),
    );
    expect(error.message).toContain('no longer knows this take');
    expect(server.received).toHaveLength(1);
  });

  it('finds the take by its prompt id when the answer to POST /prompt was lost, and queues it once', async () => {
    const server = await comfy();
    server.dropNextAnswer = true;
    const result = await farmOf([server]).cloud.animate(animateRequest('comfy-wan2.2-ti2v-5b'), never, ignore);
    expect(await result.clip.text()).toBe(CLIP.toString());
    expect(server.received).toHaveLength(1);
  });

  it('reports the node and message of a workflow that failed on the GPU', async () => {
    const server = await comfy();
    server.failNext = 'CUDA out of memory. Tried to allocate 2.00 GiB';
    const error = await failure(
      farmOf([server]).cloud.animate(animateRequest('comfy-wan2.2-i2v-a14b-4step'), never, ignore),
    );
    expect(error.message).toBe(
      'ComfyUI: the workflow failed in KSamplerAdvanced, node 3: CUDA out of memory. Tried to allocate 2.00 GiB',
    );
  });

  it('deletes a waiting take from the queue when cancelled, and interrupts one that is running', async () => {
    const waiting = await comfy({ waitingPolls: 1000 });
    const jobs = new MemoryJobStore();
    const controller = new AbortController();
    await expect(
      farmOf([waiting], jobs).cloud.animate(animateRequest('comfy-wan2.2-ti2v-5b'), controller.signal, () =>
        controller.abort(new Error('cancelled')),
      ),
    ).rejects.toThrow('cancelled');
    expect(waiting.requests).toContain('POST /queue');
    expect(waiting.requests).not.toContain('POST /interrupt');
    expect(jobs.records.size).toBe(0);

    const running = await comfy({ runningPolls: 1000 });
    const stop = new AbortController();
    const progress = () => void (running.sent.includes('execution_start') && stop.abort(new Error('cancelled')));
    await expect(
      farmOf([running]).cloud.animate(animateRequest('comfy-wan2.2-ti2v-5b'), stop.signal, progress),
    ).rejects.toThrow('cancelled');
    expect(running.requests).toContain('POST /interrupt');
  });

  it('reports the progress its WebSocket told, samplers in order, while the take runs', async () => {
    const server = await comfy({ waitingPolls: 0, runningPolls: 1000 });
    const farm = createFarm();
    const { settings } = farmOf([server]);
    const http = new Transport({ provider: comfyui, baseUrl: server.url, keys: settings.keys });
    const adapter = comfyAdapter(http, farm);
    const model = comfyui.models.find((entry) => entry.id === 'comfy-wan2.2-i2v-a14b-4step')!;
    const task = {
      model: model as VideoTask['model'],
      fit: { duration: 2, resolution: '480p', audio: false, notes: [] },
      prompt: 'rain',
      camera: { kind: 'none' } as VideoTask['camera'],
      still: { mime: 'image/png', base64: Buffer.from('png').toString('base64') },
      aspect: 16 / 9,
      externalId: 'attempt-1',
    };
    const handle = await adapter.submit(task, never);
    expect(handle).toEqual({ id: promptIdFor('attempt-1'), urls: { server: server.url } });
    const id = handle.id;
    hear(farm, { type: 'execution_start', data: { prompt_id: id } });
    // The second of two samplers (high noise, then low), half done.
    const [, second] = Object.entries(server.received[0].prompt).filter(([, node]) =>
      /KSampler/.test((node as { class_type: string }).class_type),
    );
    hear(farm, { type: 'progress', data: { prompt_id: id, node: second[0], value: 2, max: 4 } });
    expect(await adapter.poll(handle, never)).toEqual({ state: 'pending', progress: 0.9 * 0.75 });
    // Someone else's prompt on the same socket moves nothing.
    hear(farm, { type: 'progress', data: { prompt_id: 'another', node: second[0], value: 4, max: 4 } });
    expect(await adapter.poll(handle, never)).toEqual({ state: 'pending', progress: 0.9 * 0.75 });
  });
});

describe('ComfyUI refusals', () => {
  it('names each node that failed validation, as POST /prompt answers 400', () => {
    const error = describeComfyError(
      400,
      {
        error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '' },
        node_errors: {
          '37': {
            class_type: 'UNETLoader',
            errors: [
              {
                type: 'value_not_in_list',
                message: 'Value not in list',
                details: "unet_name: 'x.safetensors' not in []",
              },
            ],
          },
        },
      },
      undefined,
    );
    expect(error.message).toBe(
      "ComfyUI: Prompt outputs failed validation · UNETLoader 37: Value not in list, unet_name: 'x.safetensors' not in []",
    );
    expect(error.detail.code).toBe('prompt_outputs_failed_validation');
  });
});
