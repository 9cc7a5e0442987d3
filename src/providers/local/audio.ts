import type { AudioRequest, AudioResult, AudioSource } from '../../../nodes/providers';
import { renderOffline } from '../../media/render-offline';
import { encodeWav } from '../../media/wav';
import { abortable, sha256Text } from '../../../graph-engine';

const SAMPLE_RATE = 48_000;
const NOTES: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** Decodes any sound the browser can read (WAV, MP3, M4A/AAC, OGG, FLAC, a clip's audio). */
export async function decodeAudio(blob: Blob, what: string): Promise<AudioBuffer> {
  const context = new OfflineAudioContext(2, 1, SAMPLE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await context.decodeAudioData(await blob.arrayBuffer());
  } catch {
    throw new Error(
      what === 'clip'
        ? 'This clip has no audio track.'
        : 'This file has no audio Reelgraph can read (use WAV, MP3, M4A, OGG or FLAC).',
    );
  }
  if (buffer.length === 0 || buffer.duration < 0.01)
    throw new Error(what === 'clip' ? 'This clip has no audio track.' : 'This file contains no audio.');
  return buffer;
}

/**
 * The local synthesized bed (not AI): a slow chord pad, or a pulse on the beat, in a key and
 * tempo, varied by seed. Rendered offline, so it is the same every time.
 */
export async function renderBed(
  source: Extract<AudioSource, { kind: 'bed' }>,
  signal: AbortSignal,
): Promise<AudioBuffer> {
  const context = new OfflineAudioContext(2, Math.ceil(source.length * SAMPLE_RATE), SAMPLE_RATE);
  const random = (() => {
    let state = Number.parseInt(sha256Text(`${source.seed}`).slice(0, 8), 16);
    return () => (state = (state * 1664525 + 1013904223) >>> 0) / 4294967296;
  })();
  const rootHz = 110 * 2 ** (NOTES[source.root] / 12);
  const beat = 60 / source.tempo;
  const master = context.createGain();
  master.gain.value = 0.5;
  const filter = context.createBiquadFilter();
  filter.type = 'lowpass';
  filter.frequency.value = source.style === 'pad' ? 1400 : 2400;
  filter.connect(master).connect(context.destination);

  if (source.style === 'pad') {
    const chord = [0, 7, 12, 16 + (random() < 0.5 ? -1 : 0), 19];
    for (const [index, semitones] of chord.entries()) {
      for (const detune of [-6, 6]) {
        const oscillator = context.createOscillator();
        oscillator.type = index === 0 ? 'triangle' : 'sawtooth';
        oscillator.frequency.value = rootHz * 2 ** (semitones / 12);
        oscillator.detune.value = detune + (random() - 0.5) * 4;
        const voice = context.createGain();
        voice.gain.value = 0.06;
        const lfo = context.createOscillator();
        lfo.frequency.value = 1 / (beat * (4 + index));
        const depth = context.createGain();
        depth.gain.value = 0.03;
        lfo.connect(depth).connect(voice.gain);
        oscillator.connect(voice).connect(filter);
        oscillator.start();
        lfo.start();
      }
    }
  } else {
    for (let time = 0; time < source.length; time += beat) {
      const kick = context.createOscillator();
      kick.frequency.setValueAtTime(rootHz, time);
      kick.frequency.exponentialRampToValueAtTime(rootHz / 2, time + 0.15);
      const envelope = context.createGain();
      envelope.gain.setValueAtTime(0.0001, time);
      envelope.gain.exponentialRampToValueAtTime(0.8, time + 0.01);
      envelope.gain.exponentialRampToValueAtTime(0.0001, time + Math.min(beat * 0.9, 0.4));
      kick.connect(envelope).connect(filter);
      kick.start(time);
      kick.stop(time + beat);
      const tone = context.createOscillator();
      tone.type = 'square';
      tone.frequency.value = rootHz * 2 * 2 ** ([0, 7, 12, 3][Math.floor(random() * 4)] / 12);
      const toneGain = context.createGain();
      toneGain.gain.setValueAtTime(0.05, time + beat / 2);
      toneGain.gain.exponentialRampToValueAtTime(0.0001, time + beat * 0.95);
      tone.connect(toneGain).connect(filter);
      tone.start(time + beat / 2);
      tone.stop(time + beat);
    }
  }
  return renderOffline(context, signal);
}

/** Trims, loops, applies gain and fades, and encodes the result as WAV. */
export async function renderAudio(request: AudioRequest, signal: AbortSignal): Promise<AudioResult> {
  const { source } = request;
  // Decoding cannot stop midway: a cancel stops waiting for it; rendering itself stops (renderOffline).
  const input = await abortable(
    source.kind === 'bed' ? renderBed(source, signal) : decodeAudio(source.blob, source.kind),
    signal,
  );
  const trimOut = Math.min(request.trimOut ?? input.duration, input.duration);
  if (request.trimIn >= trimOut)
    throw new Error(`Trim in (${request.trimIn} s) is past the end of the sound (${input.duration.toFixed(2)} s).`);
  const piece = trimOut - request.trimIn;
  const duration = request.loopTo ?? piece;
  const channels = Math.min(2, input.numberOfChannels);
  const context = new OfflineAudioContext(channels, Math.max(1, Math.round(duration * SAMPLE_RATE)), SAMPLE_RATE);
  const player = context.createBufferSource();
  player.buffer = input;
  if (request.loopTo !== undefined) {
    player.loop = true;
    player.loopStart = request.trimIn;
    player.loopEnd = trimOut;
  }
  const gain = context.createGain();
  const level = 10 ** (request.gainDb / 20);
  const fadeIn = Math.min(request.fadeIn, duration / 2);
  const fadeOut = Math.min(request.fadeOut, duration / 2);
  gain.gain.setValueAtTime(fadeIn > 0 ? 0 : level, 0);
  if (fadeIn > 0) gain.gain.linearRampToValueAtTime(level, fadeIn);
  if (fadeOut > 0) {
    gain.gain.setValueAtTime(level, duration - fadeOut);
    gain.gain.linearRampToValueAtTime(0, duration);
  }
  player.connect(gain).connect(context.destination);
  player.start(0, request.trimIn, request.loopTo !== undefined ? undefined : piece);
  const rendered = await renderOffline(context, signal);
  const data = Array.from({ length: rendered.numberOfChannels }, (_, channel) => rendered.getChannelData(channel));
  return {
    wav: encodeWav(data, SAMPLE_RATE),
    duration: rendered.duration,
    sampleRate: SAMPLE_RATE,
    channels: rendered.numberOfChannels,
  };
}
