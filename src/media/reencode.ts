import { ALL_FORMATS, BlobSource, BufferTarget, CanvasSource, Input, Mp4OutputFormat, Output, QUALITY_HIGH, VideoSampleSink, type VideoSample } from 'mediabunny';
import { clipOpacity, type Placement } from './timeline';

/**
 * Decodes every clip with WebCodecs, composes the timeline frame by frame (each clip scaled to
 * cover the frame, transitions as opacity over black) and encodes it as H.264 in an MP4 with no
 * audio; the caller adds the AAC track.
 */
export async function renderTimeline(
  clips: readonly Blob[],
  placements: readonly Placement[],
  size: { width: number; height: number; fps: number; duration: number },
  signal: AbortSignal,
  progress: (fraction: number) => void,
): Promise<Uint8Array> {
  const { width, height, fps, duration } = size;
  const frames = Math.max(1, Math.round(duration * fps));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false })!;
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const source = new CanvasSource(canvas, { codec: 'avc', quality: QUALITY_HIGH, keyFrameInterval: 2 });
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();

  const inputs = clips.map((blob) => new Input({ source: new BlobSource(blob), formats: ALL_FORMATS }));
  try {
    // One decoding stream per clip, asked for exactly the source times the timeline shows.
    const streams = await Promise.all(
      inputs.map(async (input, at) => {
        const track = (await input.getPrimaryVideoTrack())!;
        const place = placements[at];
        const times: number[] = [];
        for (let frame = 0; frame < frames; frame++) {
          const t = frame / fps;
          if (t >= place.start && t < place.start + place.length) times.push(place.trimIn + (t - place.start));
        }
        return new VideoSampleSink(track).samplesAtTimestamps(times)[Symbol.asyncIterator]();
      }),
    );
    for (let frame = 0; frame < frames; frame++) {
      signal.throwIfAborted();
      const t = frame / fps;
      ctx.globalAlpha = 1;
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, width, height);
      for (let at = 0; at < placements.length; at++) {
        const place = placements[at];
        if (t < place.start || t >= place.start + place.length) continue;
        const next = await streams[at].next();
        const sample = next.done ? null : (next.value as VideoSample | null);
        if (!sample) continue;
        ctx.globalAlpha = clipOpacity(placements, at, t);
        sample.drawWithFit(ctx, { fit: 'cover' });
        sample.close();
      }
      await source.add(t, 1 / fps);
      if (frame % 12 === 11) progress((frame + 1) / frames);
    }
    source.close();
    await output.finalize();
    return new Uint8Array(output.target.buffer!);
  } finally {
    for (const input of inputs) input.dispose();
  }
}
