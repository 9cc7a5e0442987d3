import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, NodeError } from '../../graph-engine';
import { fakeProviders, runExecutor } from '../fake-providers';
import type { AssembleRequest } from '../providers';
import { assembleNode } from '.';

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

  it('asks for a clip when none is connected, before anything renders', async () => {
    const failure = await runExecutor(assembleNode, { inputs: {}, providers: fakeProviders() }).catch(
      (error: unknown) => error,
    );
    expect([failure instanceof NodeError, (failure as NodeError).port]).toEqual([true, 'clips']);
  });
});
