import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, NodeError } from '../../graph-engine';
import { fakeProviders, runExecutor } from '../fake-providers';
import type { AudioRequest } from '../providers';
import { audioNode } from '.';

const wav = { wav: new Blob(['pcm'], { type: 'audio/wav' }), duration: 8, sampleRate: 48_000, channels: 2 };

describe('the Audio executor', () => {
  it('asks for a local bed with its trims, fades and loop, passing the signal, and stores the sound with its length', async () => {
    const signal = new AbortController().signal;
    let asked: { request: AudioRequest; signal: AbortSignal } | undefined;
    const providers = fakeProviders({
      audio: { render: async (request, given) => ((asked = { request, signal: given }), wav) },
    });
    const { outputs } = await runExecutor(audioNode, {
      params: { mode: 'local-bed', style: 'pulse', tempo: 120, length: 8, fadeIn: 0.5, gain: -3, loop: true },
      providers,
      signal,
    });
    expect(asked!.request).toMatchObject({
      source: { kind: 'bed', style: 'pulse', tempo: 120, length: 8 },
      fadeIn: 0.5,
      gainDb: -3,
      loopTo: 8,
    });
    expect(asked!.signal).toBe(signal);
    expect(outputs.audio.meta).toMatchObject({ duration: 8, sampleRate: 48_000, channels: 2 });
  });

  it('renders your file, and points at the file param when there is none', async () => {
    const artifacts = new MemoryArtifactStore();
    const file = await artifacts.put(new Blob(['song'], { type: 'audio/mpeg' }));
    let source: AudioRequest['source'] | undefined;
    const providers = fakeProviders({ audio: { render: async (request) => ((source = request.source), wav) } });
    await runExecutor(audioNode, { params: { mode: 'file', file }, providers, artifacts });
    expect(source?.kind).toBe('file');
    const failure = await runExecutor(audioNode, { params: { mode: 'file' }, providers }).catch(
      (error: unknown) => error,
    );
    expect([failure instanceof NodeError, (failure as NodeError).port]).toEqual([true, 'file']);
  });
});
