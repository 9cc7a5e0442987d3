import type { Placement } from './timeline';
import { encodeWav } from './wav';
import { renderOffline } from './render-offline';

const SAMPLE_RATE = 48_000;

export interface MixInput {
  /** Each clip's decoded audio (undefined for a silent clip), in timeline order. */
  clipAudio: (AudioBuffer | undefined)[];
  placements: readonly Placement[];
  soundtrack?: AudioBuffer;
  duration: number;
  soundtrackGainDb: number;
  duckDb: number;
}

/**
 * The timeline's sound: each clip's own audio where it plays (dipped under a soundtrack), and the
 * soundtrack, cut to the video's length. Always returns a track, silent if there is no sound,
 * so every MP4 has its AAC stream.
 */
export async function mixTimelineAudio(mix: MixInput, signal: AbortSignal): Promise<Blob> {
  const frames = Math.max(1, Math.round(mix.duration * SAMPLE_RATE));
  const context = new OfflineAudioContext(2, frames, SAMPLE_RATE);
  const clipLevel = mix.soundtrack ? 10 ** (mix.duckDb / 20) : 1;
  mix.clipAudio.forEach((buffer, at) => {
    if (!buffer) return;
    const place = mix.placements[at];
    const player = context.createBufferSource();
    player.buffer = buffer;
    const gain = context.createGain();
    gain.gain.value = clipLevel;
    player.connect(gain).connect(context.destination);
    player.start(place.start, place.trimIn, place.length);
  });
  if (mix.soundtrack) {
    const player = context.createBufferSource();
    player.buffer = mix.soundtrack;
    const gain = context.createGain();
    gain.gain.value = 10 ** (mix.soundtrackGainDb / 20);
    player.connect(gain).connect(context.destination);
    player.start(0, 0, mix.duration);
  }
  const rendered = await renderOffline(context, signal);
  return encodeWav([rendered.getChannelData(0), rendered.getChannelData(1)], SAMPLE_RATE);
}
