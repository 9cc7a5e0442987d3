import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, NodeError } from '../../graph-engine';
import { fakeProviders, runExecutor } from '../fake-providers';
import { clipNode } from '.';

const frame = { image: new Blob(['png'], { type: 'image/png' }), width: 1280, height: 720, at: 3.958 };

describe('the Clip executor', () => {
  it('passes the clip on as it is, with its meta, and its last frame as a still', async () => {
    const artifacts = new MemoryArtifactStore();
    const file = await artifacts.put(new Blob(['mp4'], { type: 'video/mp4' }), { duration: 4, width: 1280 });
    const signal = new AbortController().signal;
    let asked: { clip: Blob; signal: AbortSignal } | undefined;
    const providers = fakeProviders({
      video: { lastFrame: async (clip, given) => ((asked = { clip, signal: given }), frame) },
    });
    const { outputs } = await runExecutor(clipNode, { params: { file }, providers, artifacts, signal });
    expect(outputs.clip).toEqual(file);
    expect(await asked!.clip.text()).toBe('mp4');
    expect(asked!.signal).toBe(signal);
    expect(outputs.last).toMatchObject({
      mime: 'image/png',
      meta: { width: 1280, height: 720, source: 'last-frame', at: 3.958 },
    });
    expect(await (await artifacts.get(outputs.last.$artifact))!.text()).toBe('png');
  });

  it('points at the file param when there is no video, or when it is no longer stored', async () => {
    const providers = fakeProviders({ video: { lastFrame: async () => frame } });
    const none = await runExecutor(clipNode, { providers }).catch((error: unknown) => error);
    expect(none).toBeInstanceOf(NodeError);
    expect(none).toMatchObject({ port: 'file', message: expect.stringMatching(/^Choose a video/) as string });
    const gone = { $artifact: 'f'.repeat(64), mime: 'video/mp4', size: 3 };
    const lost = await runExecutor(clipNode, { params: { file: gone }, providers }).catch((error: unknown) => error);
    expect(lost).toMatchObject({ port: 'file', message: expect.stringMatching(/no longer stored/) as string });
  });

  it('declares the videos it takes, and that it always uses its file', () => {
    const ref = { $artifact: 'a'.repeat(64), mime: 'video/mp4', size: 1 };
    expect(clipNode.files!.toParams(ref)).toEqual({ file: ref });
    expect(clipNode.files!.uses({})).toEqual({ file: undefined });
    expect(clipNode.files!.extensions['.mov']).toBe('video/quicktime');
  });
});
