import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, NodeError } from '../../graph-engine';
import { fakeProviders, runExecutor } from '../fake-providers';
import type { AnimateRequest } from '../providers';
import { animateNode } from '.';

const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });

describe('the Animate executor', () => {
  it('asks every model for a clip of the still with the prompt, camera and signal, and records each cost', async () => {
    const artifacts = new MemoryArtifactStore();
    const still = await artifacts.put(png, { width: 1600, height: 900 });
    const signal = new AbortController().signal;
    const asked: { request: AnimateRequest; signal: AbortSignal }[] = [];
    const providers = fakeProviders({
      video: {
        animate: async (request, given, progress) => {
          asked.push({ request, signal: given });
          progress(1);
          return {
            clip: new Blob([request.model], { type: 'video/mp4' }),
            width: 1280,
            height: 720,
            fps: 24,
            duration: 5,
            cost: request.model === 'local-camera-move' ? 0 : 0.5,
          };
        },
      },
    });
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
      params: { models: ['local-camera-move', 'veo-3.1-fast'], duration: 5, resolution: '720p' },
      inputs: { still, prompt: 'waves roll in', camera },
      providers,
      artifacts,
      signal,
    });
    expect(
      asked.map(({ request }) => [request.model, request.prompt, request.width, request.height, request.camera]),
    ).toEqual([
      ['local-camera-move', 'waves roll in', 1280, 720, camera],
      ['veo-3.1-fast', 'waves roll in', 1280, 720, camera],
    ]);
    expect(asked.every((call) => call.signal === signal)).toBe(true);
    expect(cost).toBeCloseTo(0.5);
    expect(progress.at(-1)).toBe(1);
    expect(outputs.clips.map((clip) => clip.meta?.model)).toEqual(['local-camera-move', 'veo-3.1-fast']);
    expect(outputs.clip).toEqual(outputs.clips[0]);
  });

  it('keeps and pays for the takes that were made when another model refuses, and says which failed', async () => {
    const artifacts = new MemoryArtifactStore();
    const still = await artifacts.put(png, { width: 1600, height: 900 });
    const providers = fakeProviders({
      video: {
        animate: async (request) => {
          if (request.model === 'veo-3.1-fast') throw new Error('Gemini API: the safety filter blocked the video');
          return {
            clip: new Blob(['clip'], { type: 'video/mp4' }),
            width: 1280,
            height: 720,
            fps: 24,
            duration: 5,
            cost: 0.5,
          };
        },
      },
    });
    const failure = await runExecutor(animateNode, {
      params: { models: ['kling-v3-std', 'veo-3.1-fast'], duration: 5, resolution: '720p' },
      inputs: { still },
      providers,
      artifacts,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NodeError);
    expect((failure as Error).message).toBe(
      '1 of 2 takes made, 1 failed (veo-3.1-fast: Gemini API: the safety filter blocked the video). The takes that were made are kept: running again retries only the failed one, and the others are not paid for again.',
    );
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
