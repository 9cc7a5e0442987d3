import { defineKind } from '../define-kind';
import { extensionsOf, NodeError, type ArtifactRef } from '../../graph-engine';
import type { AudioSource } from '../providers';
import { zAudioParams } from './schema';

/** A soundtrack: your file, the audio of a clip, or a local synthesized bed; trimmed, faded, looped. */
export const audioNode = defineKind({
  kind: 'audio',
  version: 1,
  title: 'Audio',
  description: 'A soundtrack: a file, a clip’s audio, a local bed',
  files: {
    media: 'audio',
    accept: ['audio/*'],
    extensions: extensionsOf(['audio/wav', 'audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/flac']),
    what: 'a WAV, MP3, M4A, OGG or FLAC sound file',
    toParams: (file) => ({ mode: 'file' as const, file }),
    uses: (params) => (params.mode === 'file' ? { file: params.file } : undefined),
  },
  inputs: { clip: { accepts: ['video'], optional: true, label: 'clip (for its audio)' } },
  outputs: { audio: { type: 'audio', label: 'soundtrack' } },
  params: zAudioParams,
  run: async ({ params, inputs, artifacts, providers, signal }) => {
    let source: AudioSource;
    if (params.mode === 'local-bed') {
      source = {
        kind: 'bed',
        style: params.style,
        tempo: params.tempo,
        root: params.root,
        seed: params.seed,
        length: params.length,
      };
    } else {
      const ref = params.mode === 'file' ? params.file : (inputs.clip as ArtifactRef | undefined);
      if (!ref) {
        throw params.mode === 'file'
          ? new NodeError('Choose a sound file (WAV, MP3, M4A, OGG or FLAC).', 'file')
          : new NodeError('Connect a clip to take its audio.', 'clip');
      }
      const blob = await artifacts.get(ref.$artifact);
      if (!blob)
        throw new NodeError(
          'That sound is no longer stored in this browser; add it again.',
          params.mode === 'file' ? 'file' : 'clip',
        );
      source = { kind: params.mode === 'file' ? 'file' : 'clip', blob };
    }
    const result = await providers.audio.render(
      {
        source,
        trimIn: params.trimIn,
        trimOut: params.trimOut,
        gainDb: params.gain,
        fadeIn: params.fadeIn,
        fadeOut: params.fadeOut,
        loopTo: params.loop ? params.length : undefined,
      },
      signal,
    );
    const audio = await artifacts.put(result.wav, {
      duration: result.duration,
      sampleRate: result.sampleRate,
      channels: result.channels,
    });
    return { audio };
  },
});
