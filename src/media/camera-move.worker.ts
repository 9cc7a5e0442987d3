/// <reference lib="webworker" />
/**
 * The local camera-move renderer, in a Worker: frame one is the still exactly; every later frame
 * is the still seen through the camera path (sub-pixel 2D canvas sampling, overscan instead of
 * borders), encoded with WebCodecs (H.264 wherever the browser takes the size) and muxed to MP4 by mediabunny. 2D canvas, not WebGL:
 * without a GPU it measured faster here (WebGL runs on SwiftShader).
 */
import { BufferTarget, Mp4OutputFormat, Output, QUALITY_HIGH, VideoSampleSource, type VideoCodec } from 'mediabunny';
import { deliveryFrames } from './delivery-frames';
import { frameTransform, poseAt, type Pose } from '../../nodes/camera/path';
import type { CameraPath } from '../../nodes/camera/schema';

export interface CameraMoveJob {
  still: ImageBitmap;
  endFrame?: ImageBitmap;
  camera?: CameraPath;
  /** What the browser encodes this size with (encoder-limits). */
  codec: VideoCodec;
  width: number;
  height: number;
  fps: number;
  duration: number;
}

export type CameraMoveMessage =
  { type: 'progress'; fraction: number } | { type: 'done'; buffer: ArrayBuffer } | { type: 'error'; message: string };

const IDENTITY: Pose = { x: 0, y: 0, rotation: 0, zoom: 1 };

function drawCover(
  ctx: OffscreenCanvasRenderingContext2D,
  image: ImageBitmap | OffscreenCanvas,
  width: number,
  height: number,
): void {
  ctx.setTransform(...frameTransform(IDENTITY, image.width, image.height, width, height));
  ctx.drawImage(image, 0, 0);
}

/** A blurred, enlarged copy of the still: what a pull-out reveals beyond its edges (never black). */
function extension(still: ImageBitmap, width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.filter = `blur(${Math.round(Math.max(width, height) / 40)}px)`;
  ctx.setTransform(...frameTransform({ ...IDENTITY, zoom: 1.15 }, still.width, still.height, width, height));
  ctx.drawImage(still, 0, 0);
  return canvas;
}

async function render(job: CameraMoveJob, report: (fraction: number) => void): Promise<ArrayBuffer> {
  const { still, endFrame, camera, codec, width, height, fps, duration } = job;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false })!;
  // Bilinear sampling: sub-pixel smooth and fast. The still arrives pre-scaled to at most twice
  // the frame (high-quality resize), so bilinear never has to shrink it enough to alias.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'low';
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const source = new VideoSampleSource({ codec, quality: QUALITY_HIGH, keyFrameInterval: 2 });
  const frames = deliveryFrames();
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();

  const count = Math.max(1, Math.round(duration * fps));
  const poses = Array.from({ length: count }, (_, at) => (camera ? poseAt(camera, at / fps) : IDENTITY));
  const background = poses.some((pose) => pose.zoom < 1) ? extension(still, width, height) : undefined;
  const blendSeconds = Math.min(1, duration / 4);

  for (let at = 0; at < count; at++) {
    const seconds = at / fps;
    ctx.globalAlpha = 1;
    if (background) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(background, 0, 0);
    }
    ctx.setTransform(...frameTransform(poses[at], still.width, still.height, width, height));
    ctx.drawImage(still, 0, 0);
    // An end frame, where given, fades in over the last second (at most a quarter of the clip).
    const blend = endFrame ? Math.min(1, Math.max(0, (seconds - (duration - blendSeconds)) / blendSeconds)) : 0;
    if (endFrame && blend > 0) {
      ctx.globalAlpha = blend * blend * (3 - 2 * blend);
      drawCover(ctx, endFrame, width, height);
    }
    const sample = await frames.fromCanvas(canvas, seconds, 1 / fps);
    await source.add(sample);
    sample.close();
    if (at % 12 === 11) report((at + 1) / count);
  }
  source.close();
  await output.finalize();
  return output.target.buffer!;
}

self.onmessage = async (event: MessageEvent<CameraMoveJob>) => {
  const post = (message: CameraMoveMessage, transfer: Transferable[] = []) =>
    (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
  try {
    const buffer = await render(event.data, (fraction) => post({ type: 'progress', fraction }));
    post({ type: 'done', buffer }, [buffer]);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    event.data.still.close();
    event.data.endFrame?.close();
  }
};
