/**
 * Local Animate benchmark: an 8 s 1280×720 24 fps camera move (a push-in) rendered by the app's
 * local renderer in headless Chromium (Worker, 2D canvas, WebCodecs H.264, mediabunny), against
 * native ffmpeg doing the same move (zoompan) with libx264 veryfast, in the same run; in the full
 * round a 2 s 3840×2160 one too, with the WebCodecs encoder alone at that size as the floor.
 * Prints each and the ratio; target ≤ 1.2×.
 */
import { join } from 'node:path';
import type * as CameraSchemaModule from '../../nodes/camera/schema';
import type * as CameraMoveModule from '../../src/providers/local/camera-move';
import { cleanUp, ffmpeg, mediaDir, openBenchPage, timeNativeFfmpeg, withPeakMemory } from './browser';
import { QUICK, sized } from './size';

const FPS = 24;
/** The shapes measured: 720p always; 4K in the full round (the quick round keeps npm test short). */
const SHAPES = [
  { label: '1280×720', width: 1280, height: 720, seconds: sized(8, 2) },
  ...(QUICK ? [] : [{ label: '3840×2160', width: 3840, height: 2160, seconds: 2 }]),
];

const { page, browserPid, close } = await openBenchPage({
  cameraMove: '/src/providers/local/camera-move.ts',
  cameraSchema: '/nodes/camera/schema.ts',
});
try {
  for (const { label, width, height, seconds } of SHAPES) {
    ffmpeg('-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}`, '-frames:v', '1', join(mediaDir, 'still.png'));
    const frames = seconds * FPS;
    const native = await timeNativeFfmpeg([
      '-loop',
      '1',
      '-i',
      join(mediaDir, 'still.png'),
      '-vf',
      `zoompan=z='1+0.5*on/${frames}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${frames}:s=${width}x${height}:fps=${FPS}`,
      '-frames:v',
      String(frames),
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      join(mediaDir, 'native.mp4'),
    ]);
    const run = () =>
      page.evaluate(
        async ({ seconds, fps, width, height }) => {
          const { cameraMove, cameraSchema } = (
            window as unknown as {
              bench: { cameraMove: typeof CameraMoveModule; cameraSchema: typeof CameraSchemaModule };
            }
          ).bench;
          const still = await (await fetch('/bench-media/still.png', { cache: 'no-store' })).blob();
          const camera = cameraSchema.zCameraParams.parse({ zoom: 5, duration: seconds, easing: 'linear' });
          const began = performance.now();
          const clip = await cameraMove.renderCameraMove(
            {
              model: 'local-camera-move',
              still,
              prompt: '',
              camera,
              duration: seconds,
              width,
              height,
              fps,
              seed: 1,
              resolution: height >= 2160 ? '4k' : '720p',
              audio: false,
            },
            new AbortController().signal,
            () => {},
          );
          if (clip.width !== width || clip.height !== height)
            throw new Error(`made ${clip.width}×${clip.height}, not ${width}×${height}`);
          return { seconds: (performance.now() - began) / 1000, bytes: clip.clip.size };
        },
        { seconds, fps: FPS, width, height },
      );
    // The encoder with next to no drawing at this size (the still blitted a pixel further each frame,
    // so no two frames are alike): the floor any renderer here stands on.
    const encoderOnly = () =>
      page.evaluate(
        async ({ frames, width, height }) => {
          const still = await createImageBitmap(
            await (await fetch('/bench-media/still.png', { cache: 'no-store' })).blob(),
          );
          const canvas = new OffscreenCanvas(width, height);
          const ctx = canvas.getContext('2d', { alpha: false })!;
          const count = { done: 0, failed: '' };
          const encoder = new VideoEncoder({
            output() {
              count.done++;
            },
            error(error) {
              count.failed = error.message;
            },
          });
          encoder.configure({ codec: 'avc1.640033', width, height, bitrate: 20_000_000, framerate: 24 });
          const began = performance.now();
          for (let at = 0; at < frames; at++) {
            ctx.drawImage(still, -at, 0);
            const frame = new VideoFrame(canvas, { timestamp: (at * 1e6) / 24 });
            encoder.encode(frame, { keyFrame: at % 48 === 0 });
            frame.close();
            // As a renderer does: never more than a few frames waiting on the encoder.
            while (encoder.encodeQueueSize > 4) await new Promise<void>((resolve) => void setTimeout(resolve, 1));
          }
          await encoder.flush();
          encoder.close();
          still.close();
          if (count.failed) throw new Error(count.failed);
          return { seconds: (performance.now() - began) / 1000, done: count.done };
        },
        { frames, width, height },
      );
    await run(); // warm-up: Worker and encoder start-up, JIT
    const { result: ours, peakMb, addedMb } = await withPeakMemory(browserPid, run);
    const floor = await encoderOnly();
    console.log(`animate bench: ${seconds} s ${label} ${FPS} fps push-in`);
    console.log(`  native ffmpeg zoompan + libx264 veryfast  ${native.seconds.toFixed(2)} s  peak ${native.peakMb} MB`);
    console.log(
      `  Reelgraph local camera move             ${ours.seconds.toFixed(2)} s  peak ${peakMb} MB (whole browser, +${addedMb} MB for the job)  ${(ours.bytes / 1e6).toFixed(1)} MB file`,
    );
    console.log(
      `  WebCodecs H.264 (High 5.1) with a blit  ${floor.seconds.toFixed(2)} s for ${floor.done} frames (the floor at this size)`,
    );
    console.log(`  ratio ${(ours.seconds / native.seconds).toFixed(2)}×  (target ≤ 1.2×)`);
  }
} finally {
  await close();
  cleanUp();
}
