import { clipRect } from '../../nodes/assemble/frame';
import { deliveryFrames } from './delivery-frames';
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
} from 'mediabunny';

const TILE = { width: 640, height: 360, label: 44 };
/** Three tiles across (1920 px): a sheet stays readable on a laptop screen without zooming. */
const MAX_COLUMNS = 3;

/** The grid for n clips: as square as possible, at most three across. */
export function sheetLayout(count: number): { columns: number; rows: number; width: number; height: number } {
  const columns = Math.min(MAX_COLUMNS, Math.ceil(Math.sqrt(count)));
  const rows = Math.ceil(count / columns);
  return { columns, rows, width: columns * TILE.width, height: rows * (TILE.height + TILE.label) };
}

/**
 * A comparison as one video for a client: the clips tiled in a grid, playing in sync, each with
 * its label underneath (model, size, time, cost). A clip that ends early holds its last frame.
 * H.264 in MP4, silent (several soundtracks at once would be noise).
 */
export async function renderContactSheet(
  clips: readonly { blob: Blob; label: string }[],
  fps: number,
  signal: AbortSignal,
  progress: (fraction: number) => void,
): Promise<Blob> {
  const layout = sheetLayout(clips.length);
  const inputs = clips.map((clip) => new Input({ source: new BlobSource(clip.blob), formats: ALL_FORMATS }));
  try {
    const durations = await Promise.all(inputs.map((input) => input.computeDuration()));
    const duration = Math.max(...durations);
    const frames = Math.max(1, Math.round(duration * fps));
    const canvas = new OffscreenCanvas(layout.width, layout.height);
    const ctx = canvas.getContext('2d', { alpha: false })!;
    const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
    const source = new VideoSampleSource({ codec: 'avc', quality: QUALITY_HIGH, keyFrameInterval: 2 });
    const delivery = deliveryFrames();
    output.addVideoTrack(source, { frameRate: fps });
    await output.start();
    const streams = await Promise.all(
      inputs.map(async (input, at) => {
        const track = await input.getPrimaryVideoTrack();
        if (!track) throw new Error(`Clip ${at + 1} has no video.`);
        // Ask each clip for exactly the times the sheet shows, clamped to its own length.
        const times = Array.from({ length: frames }, (_, frame) =>
          Math.min(frame / fps, Math.max(0, durations[at] - 1 / fps)),
        );
        return new VideoSampleSink(track).samplesAtTimestamps(times)[Symbol.asyncIterator]();
      }),
    );
    for (let frame = 0; frame < frames; frame++) {
      signal.throwIfAborted();
      ctx.fillStyle = '#101114';
      ctx.fillRect(0, 0, layout.width, layout.height);
      for (const [at, stream] of streams.entries()) {
        const x = (at % layout.columns) * TILE.width;
        const y = Math.floor(at / layout.columns) * (TILE.height + TILE.label);
        const next = await stream.next();
        const sample = next.done ? null : (next.value as VideoSample | null);
        if (sample) {
          // Whole in its tile, with bars where its shape differs: placed as a cut places a clip.
          const { rect } = clipRect(
            'bars',
            { x: 0.5, y: 0.5 },
            { width: sample.displayWidth, height: sample.displayHeight },
            TILE.width,
            TILE.height,
          );
          sample.draw(ctx, x + rect.x, y + rect.y, rect.width, rect.height);
          sample.close();
        }
        ctx.fillStyle = '#e6e6ea';
        ctx.font = '20px sans-serif';
        ctx.textBaseline = 'middle';
        ctx.fillText(clips[at].label, x + 12, y + TILE.height + TILE.label / 2, TILE.width - 24);
      }
      const composed = await delivery.fromCanvas(canvas, frame / fps, 1 / fps);
      await source.add(composed);
      composed.close();
      if (frame % 12 === 11) progress((frame + 1) / frames);
    }
    source.close();
    await output.finalize();
    progress(1);
    return new Blob([output.target.buffer!], { type: 'video/mp4' });
  } finally {
    for (const input of inputs) input.dispose();
  }
}
