import { ALL_FORMATS, BlobSource, Input, VideoSampleSink, type VideoSample } from 'mediabunny';
import { clipOpacity, type Placement } from '../../nodes/assemble/timeline';

/** One decoded clip frame on the cut: its sample (close it once drawn), its opacity there, its clip. */
export interface Layer {
  sample: VideoSample;
  alpha: number;
  at: number;
}

/**
 * The cut's frames from `first` to `frames` (exclusive), each with the clip frames showing at its
 * time, bottom first. Each clip is one decoding stream, opened when the clip comes on and closed
 * when it ends (so at most two decoders hold frames at once), asked for exactly the source times
 * the cut shows: what the renderer encodes and the timeline panel plays are the same frames.
 * Every input is let go when the generator ends, however it ends.
 */
export async function* cutFrames(
  clips: readonly Blob[],
  placements: readonly Placement[],
  fps: number,
  first: number,
  frames: number,
): AsyncGenerator<{ frame: number; t: number; layers: Layer[] }> {
  const inputs: Input[] = [];
  const streams: (AsyncIterator<VideoSample | null> | undefined)[] = [];
  const open = async (at: number) => {
    const input = new Input({ source: new BlobSource(clips[at]), formats: ALL_FORMATS });
    inputs.push(input);
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new Error(`Clip ${at + 1} has no video.`);
    const place = placements[at];
    const times: number[] = [];
    for (let frame = first; frame < frames; frame++) {
      const t = frame / fps;
      if (t >= place.start && t < place.start + place.length) times.push(place.trimIn + (t - place.start));
    }
    return new VideoSampleSink(track).samplesAtTimestamps(times)[Symbol.asyncIterator]();
  };
  try {
    for (let frame = first; frame < frames; frame++) {
      const t = frame / fps;
      const layers: Layer[] = [];
      try {
        for (let at = 0; at < placements.length; at++) {
          const place = placements[at];
          if (t >= place.start + place.length && streams[at]) {
            await streams[at]!.return?.();
            streams[at] = undefined;
          }
          if (t < place.start || t >= place.start + place.length) continue;
          streams[at] ??= await open(at);
          const next = await streams[at]!.next();
          const sample = next.done ? null : (next.value as VideoSample | null);
          if (sample) layers.push({ sample, alpha: clipOpacity(placements, at, t), at });
        }
      } catch (error) {
        // A frame half gathered when a clip fails: what it had is let go here (the caller never sees it).
        for (const { sample } of layers) sample.close();
        throw error;
      }
      yield { frame, t, layers };
    }
  } finally {
    for (const stream of streams) await stream?.return?.();
    for (const input of inputs) input.dispose();
  }
}

/** Layers as the compositor (nodes/assemble/titles composeFrame) draws them, each clip with its focus point. */
export function drawable(layers: readonly Layer[], focusOf: (at: number) => { x: number; y: number }) {
  return layers.map(({ sample, alpha, at }) => ({
    alpha,
    width: sample.displayWidth,
    height: sample.displayHeight,
    focus: focusOf(at),
    draw: (
      into: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
      x: number,
      y: number,
      w: number,
      h: number,
    ) => sample.draw(into, x, y, w, h),
  }));
}
