import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createRegistry,
  defineNode,
  MemoryArtifactStore,
  MemoryResultStore,
  NodeError,
  runGraph,
  takeKey,
  type AnyNodeDef,
  type ArtifactRef,
} from '../../graph-engine';
import { edge, graphDoc, node } from '../../graph-engine/test-kit';
import { fakeProviders, runExecutor } from '../fake-providers';
import type { AnimateRequest, NodeProviders } from '../providers';
import { animateNode } from '.';
import { LOCAL_CAMERA_MOVE, zAnimateParams } from './schema';

const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });

/** A video provider that makes a clip naming its model, at $0.50 (the local move is free). */
function clipMaker(asked: { request: AnimateRequest; signal: AbortSignal }[]): NodeProviders['video']['animate'] {
  return async (request, signal, progress) => {
    asked.push({ request, signal });
    progress(1);
    return {
      clip: new Blob([request.model, await request.still.text()], { type: 'video/mp4' }),
      width: 1280,
      height: 720,
      fps: 24,
      duration: 5,
      cost: request.model === 'local-camera-move' ? 0 : 0.5,
    };
  };
}

/** Runs an Animate over stills (blobs of these texts) with these models, through the engine. */
async function animateOver(stills: string[], models: string[], video: Partial<NodeProviders['video']>) {
  const artifacts = new MemoryArtifactStore();
  const refs = await Promise.all(
    stills.map((text) => artifacts.put(new Blob([text], { type: 'image/png' }), { width: 1600, height: 900 })),
  );
  const stillsKind = defineNode({
    kind: 'stills',
    version: 1,
    title: 'Stills',
    description: 'test stills',
    inputs: {},
    outputs: { images: { type: 'images' } },
    params: z.object({}),
    run: async () => ({ images: refs }),
  });
  const run = { failed: [] as string[] };
  const summary = await runGraph({
    doc: graphDoc(
      [node('stills', 'stills'), node('animate', 'animate', { models })],
      [edge('stills.images', 'animate.still')],
    ),
    registry: createRegistry<NodeProviders>([stillsKind as AnyNodeDef<NodeProviders>, animateNode]),
    results: new MemoryResultStore(),
    artifacts,
    providers: fakeProviders({ video: { check: async () => {}, ...video } }),
    onEvent: (event) => event.type === 'nodeFailed' && run.failed.push(event.message),
  });
  return { run, summary };
}

describe('the Animate executor', () => {
  it('asks its model for a clip of the still with the prompt, camera and signal, and records the cost', async () => {
    const artifacts = new MemoryArtifactStore();
    const still = await artifacts.put(png, { width: 1600, height: 900 });
    const signal = new AbortController().signal;
    const asked: { request: AnimateRequest; signal: AbortSignal }[] = [];
    const providers = fakeProviders({ video: { animate: clipMaker(asked) } });
    const camera = {
      horizontal: 0,
      vertical: 0,
      pan: 0,
      tilt: 0,
      roll: 0,
      zoom: 2,
      duration: 5,
      easing: 'linear',
      keyframes: [],
    };
    const { outputs, cost, progress } = await runExecutor(animateNode, {
      params: { models: ['veo-3.1-fast'], duration: 5, resolution: '720p', seed: 7 },
      inputs: { still, prompt: 'waves roll in', camera },
      providers,
      artifacts,
      signal,
    });
    expect(
      asked.map(({ request }) => [
        request.model,
        request.prompt,
        request.width,
        request.height,
        request.camera,
        request.seed,
      ]),
    ).toEqual([['veo-3.1-fast', 'waves roll in', 1280, 720, camera, 7]]);
    expect(asked[0].signal).toBe(signal);
    expect(cost).toBeCloseTo(0.5);
    expect(progress.at(-1)).toBe(1);
    expect(outputs.clip.meta?.model).toBe('veo-3.1-fast');
    expect(outputs.clips).toEqual([outputs.clip]);

    const rerolled = await runExecutor(animateNode, {
      params: { models: ['veo-3.1-fast'], seed: 7 },
      inputs: { still },
      providers,
      artifacts,
      take: { index: 0, reroll: 2 },
    });
    expect(asked.at(-1)!.request.seed).toBe(9);
    expect(rerolled.outputs.clip.meta?.reroll).toBe(2);
  });

  it('makes a take per still and model; one refusal keeps and pays for the takes that were made', async () => {
    const asked: { request: AnimateRequest; signal: AbortSignal }[] = [];
    const { run, summary } = await animateOver(['a', 'b'], ['kling-v3-std', 'veo-3.1-fast'], {
      animate: async (request, signal, progress) => {
        if (request.model === 'veo-3.1-fast' && (await request.still.text()) === 'b')
          throw new Error('Gemini API: the safety filter blocked the video');
        return clipMaker(asked)(request, signal, progress);
      },
    });
    expect(asked).toHaveLength(3);
    expect(summary.status).toBe('failed');
    expect(summary.cost).toBeCloseTo(1.5);
    expect(run.failed[0]).toBe(
      '3 of 4 takes made, 1 failed (take 4 (still 2, veo-3.1-fast): Gemini API: the safety filter blocked the video). The takes that were made are kept: running again retries only the failed one.',
    );
    expect((summary.partial.get('animate')!.clips as ArtifactRef[]).map((clip) => clip.meta?.model)).toEqual([
      'kling-v3-std',
      'veo-3.1-fast',
      'kling-v3-std',
    ]);
  });

  it('checks every take against its model before any take is sent', async () => {
    const asked: { request: AnimateRequest; signal: AbortSignal }[] = [];
    const { run, summary } = await animateOver(['a', 'b'], ['kling-v3-std', 'veo-3.1-fast'], {
      check: async (request) => {
        if (request.model === 'veo-3.1-fast') throw new Error('Veo takes JPEG or PNG');
      },
      animate: clipMaker(asked),
    });
    expect(asked).toEqual([]);
    expect(summary.cost).toBe(0);
    expect(run.failed[0]).toMatch(/^Nothing was sent: 2 of 4 takes cannot be sent as they are/);
  });

  it('says which input is gone when its still is no longer stored', async () => {
    const ghost = { $artifact: 'f'.repeat(64), mime: 'image/png', size: 4 };
    const failure = await runExecutor(animateNode, { inputs: { still: ghost }, providers: fakeProviders() }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NodeError);
    expect((failure as NodeError).port).toBe('still');
  });
});

describe('the Animate cache keys', () => {
  const still = { $artifact: 'a'.repeat(64), mime: 'image/png', size: 10 };
  const incoming = [{ id: 'e', from: { node: 'pick', port: 'chosen' }, to: { node: 'animate', port: 'still' } }];
  const keyOf = (model: string) =>
    takeKey(
      animateNode,
      zAnimateParams.parse({ models: [model], resolution: '4k', duration: 5 }),
      incoming,
      () => still,
      0,
    );

  it('keeps a provider job’s key as it always was (a job sent before is found again, never sent twice)', () => {
    // Pinned: the key this take had before the local renderer was redrawn.
    expect(keyOf('kling-v3-std')).toBe('d41eed25b40f2b12d94aa0e6e518441683ab9baec7f886a9d6da8f2673c04666');
  });

  it('makes a local camera move again once its drawing changed (4K at 3840, BT.709)', () => {
    expect(keyOf(LOCAL_CAMERA_MOVE)).not.toBe('4c9240a8409c8cff5d3be2912910503d6bc12cf99053d35378568d82beeb61a5');
    // A node that also calls a provider keeps its own key; its local take alone is made again.
    expect(animateNode.outputVersion).toBeTypeOf('function');
    const mixed = zAnimateParams.parse({ models: ['kling-v3-std', LOCAL_CAMERA_MOVE] });
    expect((animateNode.outputVersion as (params: typeof mixed) => number | undefined)(mixed)).toBeUndefined();
  });
});
