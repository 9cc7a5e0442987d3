import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, NodeError } from '../../graph-engine';
import { fakeProviders, runExecutor } from '../fake-providers';
import type { AssembleRequest } from '../providers';
import { assembleNode } from '.';
import { ASSEMBLE_MIGRATIONS, zAssembleParams } from './schema';

describe('the Assemble executor', () => {
  it('hands the timeline over in its order, with trims, transitions, soundtrack and the signal', async () => {
    const artifacts = new MemoryArtifactStore();
    const a = await artifacts.put(new Blob(['clip a'], { type: 'video/mp4' }), { width: 1280, height: 720 });
    const b = await artifacts.put(new Blob(['clip b'], { type: 'video/mp4' }), { width: 1280, height: 720 });
    const music = await artifacts.put(new Blob(['music'], { type: 'audio/wav' }));
    const signal = new AbortController().signal;
    let asked: { request: AssembleRequest; signal: AbortSignal } | undefined;
    const providers = fakeProviders({
      timeline: {
        assemble: async (request, given) => {
          asked = { request, signal: given };
          return {
            video: new Blob(['cut'], { type: 'video/mp4' }),
            duration: 9,
            width: 1920,
            height: 1080,
            fps: 24,
            path: 're-encode',
          };
        },
      },
    });
    const { outputs } = await runExecutor(assembleNode, {
      params: {
        order: [1, 0],
        clips: [{ trimIn: 1 }, { transition: 'crossfade', transitionDuration: 1 }],
        resolution: '1080p',
        soundtrackGain: -6,
      },
      inputs: { clips: [a, b], soundtrack: music },
      providers,
      artifacts,
      signal,
    });
    expect(await Promise.all(asked!.request.clips.map((clip) => clip.blob.text()))).toEqual(['clip b', 'clip a']);
    expect(asked!.request.clips.map((clip) => [clip.trimIn, clip.transition])).toEqual([
      [0, 'crossfade'],
      [1, 'cut'],
    ]);
    expect([asked!.request.width, asked!.request.height, asked!.request.soundtrackGainDb]).toEqual([1920, 1080, -6]);
    expect(await asked!.request.soundtrack?.text()).toBe('music');
    expect(asked!.signal).toBe(signal);
    expect(outputs.video.meta).toMatchObject({ width: 1920, height: 1080, duration: 9, path: 're-encode' });
  });

  it('makes the frame of its one take (one per frame asked for), and opens a one-frame Assemble with its frame kept', async () => {
    const artifacts = new MemoryArtifactStore();
    const clip = await artifacts.put(new Blob(['clip'], { type: 'video/mp4' }), { width: 1280, height: 720 });
    const sizes: [number | undefined, number | undefined][] = [];
    const providers = fakeProviders({
      timeline: {
        assemble: async (request) => {
          sizes.push([request.width, request.height]);
          return { video: new Blob(['cut']), duration: 1, width: 1, height: 1, fps: 24, path: 're-encode' };
        },
      },
    });
    for (const frame of ['9:16', '1:1'] as const)
      await runExecutor(assembleNode, {
        params: { frames: [frame], resolution: '720p' },
        inputs: { clips: [clip] },
        providers,
        artifacts,
      });
    expect(sizes).toEqual([
      [720, 1280],
      [720, 720],
    ]);
    expect(assembleNode.fanOut).toBe('frames');

    const old: Record<string, unknown> = { frame: '4:5', fit: 'blur' };
    for (const migration of ASSEMBLE_MIGRATIONS) migration.up(old);
    expect(zAssembleParams.parse(old)).toMatchObject({ frames: ['4:5'], fit: 'blur' });
    const plain: Record<string, unknown> = {};
    for (const migration of ASSEMBLE_MIGRATIONS) migration.up(plain);
    expect(zAssembleParams.parse(plain).frames).toEqual(['match-first']);
    expect(zAssembleParams.safeParse({ frames: [] }).success).toBe(false);
    expect(zAssembleParams.safeParse({ frames: ['9:16', '9:16'] }).success).toBe(false);
  });

  it('asks for a clip when none is connected, before anything renders', async () => {
    const failure = await runExecutor(assembleNode, { inputs: {}, providers: fakeProviders() }).catch(
      (error: unknown) => error,
    );
    expect([failure instanceof NodeError, (failure as NodeError).port]).toEqual([true, 'clips']);
  });
});
