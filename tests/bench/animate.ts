/**
 * Local Animate benchmark: an 8 s 1280×720 24 fps camera move (a push-in) rendered by the app's
 * local renderer in headless Chromium (Worker, 2D canvas, WebCodecs H.264, mediabunny), against
 * native ffmpeg doing the same move (zoompan) with libx264 veryfast, in the same run.
 * Prints both and the ratio; target ≤ 1.2×.
 */
import { join } from 'node:path';
import type * as CameraSchemaModule from '../../nodes/camera/schema';
import type * as CameraMoveModule from '../../src/providers/local/camera-move';
import { cleanUp, ffmpeg, mediaDir, openBenchPage, timeNativeFfmpeg, withPeakMemory } from './browser';
import { sized } from './size';

const SECONDS = sized(8, 2);
const FPS = 24;
ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=1280x720', '-frames:v', '1', join(mediaDir, 'still.png'));

const native = await timeNativeFfmpeg([
  '-loop',
  '1',
  '-i',
  join(mediaDir, 'still.png'),
  '-vf',
  `zoompan=z='1+0.5*on/${SECONDS * FPS}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${SECONDS * FPS}:s=1280x720:fps=${FPS}`,
  '-frames:v',
  String(SECONDS * FPS),
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-pix_fmt',
  'yuv420p',
  join(mediaDir, 'native.mp4'),
]);

const { page, browserPid, close } = await openBenchPage({
  cameraMove: '/src/providers/local/camera-move.ts',
  cameraSchema: '/nodes/camera/schema.ts',
});
try {
  const run = () =>
    page.evaluate(
      async ({ seconds, fps }) => {
        const { cameraMove, cameraSchema } = (
          window as unknown as {
            bench: { cameraMove: typeof CameraMoveModule; cameraSchema: typeof CameraSchemaModule };
          }
        ).bench;
        const still = await (await fetch('/bench-media/still.png')).blob();
        const camera = cameraSchema.zCameraParams.parse({ zoom: 5, duration: seconds, easing: 'linear' });
        const began = performance.now();
        const clip = await cameraMove.renderCameraMove(
          {
            model: 'local-camera-move',
            still,
            prompt: '',
            camera,
            duration: seconds,
            width: 1280,
            height: 720,
            fps,
            seed: 1,
            resolution: '720p',
            audio: false,
          },
          new AbortController().signal,
          () => {},
        );
        return { seconds: (performance.now() - began) / 1000, bytes: clip.clip.size };
      },
      { seconds: SECONDS, fps: FPS },
    );
  await run(); // warm-up: Worker and encoder start-up, JIT
  const { result: ours, peakMb, addedMb } = await withPeakMemory(browserPid, run);
  console.log(`animate bench: ${SECONDS} s 1280×720 ${FPS} fps push-in`);
  console.log(`  native ffmpeg zoompan + libx264 veryfast  ${native.seconds.toFixed(2)} s  peak ${native.peakMb} MB`);
  console.log(
    `  Reelgraph local camera move             ${ours.seconds.toFixed(2)} s  peak ${peakMb} MB (whole browser, +${addedMb} MB for the job)  ${(ours.bytes / 1e6).toFixed(1)} MB file`,
  );
  console.log(`  ratio ${(ours.seconds / native.seconds).toFixed(2)}×  (target ≤ 1.2×)`);
} finally {
  await close();
  cleanUp();
}
