import { BufferTarget, Mp4OutputFormat, Output, QUALITY_HIGH, VideoSampleSource, type VideoCodec } from 'mediabunny';
import type { Placement } from '../../nodes/assemble/timeline';
import { composeFrame, titlesShowAt } from '../../nodes/assemble/titles';
import type { Fit, Title } from '../../nodes/assemble/schema';
import { titleFontsReady } from './title-fonts';
import { deliveryFrames, inDeliveryColour } from './delivery-frames';
import { cutFrames, drawable } from './cut-frames';

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

  try {
    for await (const { frame, t, layers } of cutFrames(clips, placements, fps, 0, frames)) {
      try {
        signal.throwIfAborted();
        const [only] = layers;
        if (
          layers.length === 1 &&
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
          composeFrame(ctx, drawable(layers, focusOf), fit, titles, t, duration, width, height);
          const composed = await delivery.fromCanvas(canvas, t, 1 / fps);
          await source.add(composed);
          composed.close();
        }
      } finally {
        // Every decoded frame is let go, however the frame ended.
        for (const { sample } of layers) sample.close();
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
  }
}
