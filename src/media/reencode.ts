import {
  ALL_FORMATS,
  BlobSource,
  BufferTarget,
  Input,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  type VideoSample,
  VideoSampleSink,
  VideoSampleSource,
  type VideoCodec,
} from 'mediabunny';
import { clipOpacity, type Placement } from '../../nodes/assemble/timeline';
import { composeFrame, titlesShowAt } from '../../nodes/assemble/titles';
import type { Fit, Title } from '../../nodes/assemble/schema';
import { titleFontsReady } from './title-fonts';
import { deliveryFrames, inDeliveryColour } from './delivery-frames';

/**
 * Decodes every clip with WebCodecs, composes the timeline frame by frame (each clip scaled to
 * cover the frame, transitions as opacity over black, titles over them: nodes/assemble/titles)
 * and encodes it (H.264 wherever the browser takes the size; see encoder-limits) in an MP4 with
 * no audio, in limited-range BT.709 (delivery-frames); the caller adds the AAC track. A frame that
 * is one clip at the timeline's size, fully shown with no title over it and already in that
 * colour, goes to the encoder as decoded, without a trip through the canvas.
 */
export async function renderTimeline(
  clips: readonly Blob[],
  placements: readonly Placement[],
  size: {
    width: number;
    height: number;
    codec: VideoCodec;
    fps: number;
    duration: number;
    titles: readonly Title[];
    fit: Fit;
    /** Each clip's focus point, for a crop to the cut's shape. */
    focus: readonly { x: number; y: number }[];
  },
  signal: AbortSignal,
  progress: (fraction: number) => void,
): Promise<Uint8Array> {
  const { width, height, codec, fps, duration, titles, fit, focus } = size;
  const focusOf = (at: number) => focus[at] ?? { x: 0.5, y: 0.5 };
  // Titles are drawn in the bundled fonts: loaded before the first frame, or a fallback font would be baked in.
  if (titles.length > 0) await titleFontsReady();
  const frames = Math.max(1, Math.round(duration * fps));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false })!;
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const source = new VideoSampleSource({ codec, quality: QUALITY_HIGH, keyFrameInterval: 2 });
  const delivery = deliveryFrames();
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();

  const inputs = clips.map((blob) => new Input({ source: new BlobSource(blob), formats: ALL_FORMATS }));
  try {
    // One decoding stream per clip, opened when the clip comes on and closed when it ends (so at
    // most two decoders hold frames at once), asked for exactly the source times the timeline shows.
    const streams: (AsyncIterator<VideoSample | null> | undefined)[] = [];
    const open = async (at: number) => {
      const track = (await inputs[at].getPrimaryVideoTrack())!;
      const place = placements[at];
      const times: number[] = [];
      for (let frame = 0; frame < frames; frame++) {
        const t = frame / fps;
        if (t >= place.start && t < place.start + place.length) times.push(place.trimIn + (t - place.start));
      }
      return new VideoSampleSink(track).samplesAtTimestamps(times)[Symbol.asyncIterator]();
    };
    for (let frame = 0; frame < frames; frame++) {
      signal.throwIfAborted();
      const t = frame / fps;
      const showing: { sample: VideoSample; alpha: number; focus: { x: number; y: number } }[] = [];
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
        if (sample) showing.push({ sample, alpha: clipOpacity(placements, at, t), focus: focusOf(at) });
      }
      try {
        const [only] = showing;
        if (
          showing.length === 1 &&
          only.alpha === 1 &&
          only.sample.displayWidth === width &&
          only.sample.displayHeight === height &&
          only.sample.rotation === 0 &&
          inDeliveryColour(only.sample) &&
          !titlesShowAt(titles, t, duration)
        ) {
          only.sample.setTimestamp(t);
          only.sample.setDuration(1 / fps);
          await source.add(only.sample);
        } else {
          // Composed as the node's preview composes it: the same layers, fit and titles.
          composeFrame(
            ctx,
            showing.map(({ sample, alpha, focus }) => ({
              alpha,
              width: sample.displayWidth,
              height: sample.displayHeight,
              focus,
              draw: (into, x, y, w, h) => sample.draw(into, x, y, w, h),
            })),
            fit,
            titles,
            t,
            duration,
            width,
            height,
          );
          const composed = await delivery.fromCanvas(canvas, t, 1 / fps);
          await source.add(composed);
          composed.close();
        }
      } finally {
        // Every decoded frame is let go, however the frame ended.
        for (const { sample } of showing) sample.close();
      }
      if (frame % 12 === 11) progress((frame + 1) / frames);
    }
    source.close();
    await output.finalize();
    return new Uint8Array(output.target.buffer!);
  } catch (error) {
    // Cancelled or failed: close the encoder now rather than when it is collected.
    await output.cancel().catch(() => {});
    throw error;
  } finally {
    for (const input of inputs) input.dispose();
  }
}
