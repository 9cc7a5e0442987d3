import { soundtrackFade, type Placement } from '../../nodes/assemble/timeline';
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
  soundtrackFadeOut: number;
  duckDb: number;
}

/** An equal-power fade from `level` to silence: it sounds even, where a straight line drops off late. */
function fadeCurve(level: number): Float32Array {
  const curve = new Float32Array(256);
  for (let at = 0; at < curve.length; at++) curve[at] = level * Math.cos(((at / (curve.length - 1)) * Math.PI) / 2);
  return curve;
}

/**
 * The timeline's sound, as a WAV: each clip's own audio where it plays (dipped under a soundtrack), and the
 * soundtrack, faded out to the video's end where it would outlast it. Always returns a track, silent if there is no sound,
 * so every MP4 has its AAC stream.
 */
export async function mixTimelineAudio(mix: MixInput, signal: AbortSignal): Promise<Blob> {
  const rendered = await renderTimelineAudio(mix, signal);
  return encodeWav([rendered.getChannelData(0), rendered.getChannelData(1)], SAMPLE_RATE);
}

/** The timeline's sound as samples (what the timeline panel plays, and the MP4's AAC is made from). */
export async function renderTimelineAudio(mix: MixInput, signal: AbortSignal): Promise<AudioBuffer> {
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
    const level = 10 ** (mix.soundtrackGainDb / 20);
    gain.gain.value = level;
    const fade = soundtrackFade(mix.soundtrack.duration, mix.duration, mix.soundtrackFadeOut);
    if (fade) gain.gain.setValueCurveAtTime(fadeCurve(level), fade.start, fade.length);
    player.connect(gain).connect(context.destination);
    player.start(0, 0, mix.duration);
  }
  return renderOffline(context, signal);
}
