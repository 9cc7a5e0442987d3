/**
 * Assemble benchmark: ten 8 s 720p clips and an 80 s soundtrack into one H.264 + AAC MP4 by the
 * app's timeline code in headless Chromium, against native ffmpeg in the same run:
 * - matching clips joined by cuts (stream copy) against native ffmpeg concat; target ≤ 3×;
 * - mixed clips (sizes and rates differ: re-encode) against native libx264 veryfast; target ≤ 1.5×;
 * - in the full round, two 2 s 4K clips with a crossfade (re-encoded at 4K) against native xfade.
 * Prints times, ratios and peak memory.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as AssembleModule from '../../src/providers/local/assemble';
import { cleanUp, ffmpeg, mediaDir, openBenchPage, timeNativeFfmpeg, withPeakMemory } from './browser';
import { QUICK, sized } from './size';

const CLIPS = sized(10, 3);
const SECONDS = sized(8, 2);
const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '48'];
for (let at = 0; at < CLIPS; at++) {
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=1280x720:rate=24:duration=${SECONDS}`,
    '-vf',
    `hue=h=${at * 36}`,
    ...x264,
    join(mediaDir, `match${at}.mp4`),
  );
  // The mixed set: every other clip at another size and rate.
  const odd = at % 2 === 1;
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${odd ? '960x540' : '1280x720'}:rate=${odd ? 30 : 24}:duration=${SECONDS}`,
    '-vf',
    `hue=h=${at * 36}`,
    ...x264,
    join(mediaDir, `mixed${at}.mp4`),
  );
}
ffmpeg(
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=220:sample_rate=48000:duration=${CLIPS * SECONDS}`,
  '-ac',
  '2',
  join(mediaDir, 'track.wav'),
);
// The full round adds a 4K re-encode: two 2 s 3840×2160 clips joined by a half-second crossfade.
const FOUR_K = !QUICK;
if (FOUR_K)
  for (let at = 0; at < 2; at++)
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=3840x2160:rate=24:duration=2`,
      '-vf',
      `hue=h=${at * 90}`,
      ...x264,
      join(mediaDir, `uhd${at}.mp4`),
    );
writeFileSync(
  join(mediaDir, 'match.txt'),
  Array.from({ length: CLIPS }, (_, at) => `file '${join(mediaDir, `match${at}.mp4`)}'`).join('\n'),
);

const nativeCopy = await timeNativeFfmpeg([
  '-f',
  'concat',
  '-safe',
  '0',
  '-i',
  join(mediaDir, 'match.txt'),
  '-i',
  join(mediaDir, 'track.wav'),
  '-map',
  '0:v',
  '-map',
  '1:a',
  '-c:v',
  'copy',
  '-c:a',
  'aac',
  '-b:a',
  '192k',
  join(mediaDir, 'native-copy.mp4'),
]);
const mixedInputs = Array.from({ length: CLIPS }, (_, at) => ['-i', join(mediaDir, `mixed${at}.mp4`)]).flat();
const normalize = Array.from({ length: CLIPS }, (_, at) => `[${at}:v]scale=1280:720,fps=24,setsar=1[v${at}]`).join(';');
const nativeEncode = await timeNativeFfmpeg([
  ...mixedInputs,
  '-i',
  join(mediaDir, 'track.wav'),
  '-filter_complex',
  `${normalize};${Array.from({ length: CLIPS }, (_, at) => `[v${at}]`).join('')}concat=n=${CLIPS}:v=1:a=0[v]`,
  '-map',
  '[v]',
  '-map',
  `${CLIPS}:a`,
  ...x264,
  '-c:a',
  'aac',
  '-b:a',
  '192k',
  join(mediaDir, 'native-encode.mp4'),
]);

const nativeFourK = FOUR_K
  ? await timeNativeFfmpeg([
      '-i',
      join(mediaDir, 'uhd0.mp4'),
      '-i',
      join(mediaDir, 'uhd1.mp4'),
      '-i',
      join(mediaDir, 'track.wav'),
      '-filter_complex',
      '[0:v][1:v]xfade=transition=fade:duration=0.5:offset=1.5[v]',
      '-map',
      '[v]',
      '-map',
      '2:a',
      '-t',
      '3.5',
      ...x264,
      '-c:a',
      'aac',
      '-b:a',
      '192k',
      join(mediaDir, 'native-uhd.mp4'),
    ])
  : undefined;

const { page, browserPid, close } = await openBenchPage({ assemble: '/src/providers/local/assemble.ts' });
try {
  const run = (set: 'match' | 'mixed' | 'uhd', clips = CLIPS) =>
    page.evaluate(
      async ({ set, clips }) => {
        const { assemble } = (window as unknown as { bench: { assemble: typeof AssembleModule } }).bench;
        // (No named helper functions in here: the bundler would wrap them in a helper the page lacks.)
        const [soundtrack, ...blobs] = await Promise.all(
          ['track.wav', ...Array.from({ length: clips }, (_, at) => `${set}${at}.mp4`)].map((name) =>
            fetch(`/bench-media/${name}`).then((response) => response.blob()),
          ),
        );
        const began = performance.now();
        const result = await assemble.assembleTimeline(
          {
            clips: blobs.map((blob, at) => ({
              blob,
              trimIn: 0,
              transition: set === 'uhd' && at > 0 ? ('crossfade' as const) : ('cut' as const),
              transitionDuration: 0.5,
            })),
            soundtrack,
            soundtrackGainDb: 0,
            soundtrackFadeOut: 2,
            duckDb: -12,
          },
          new AbortController().signal,
          () => {},
        );
        return {
          seconds: (performance.now() - began) / 1000,
          width: result.width,
          path: result.path,
          duration: result.duration,
          bytes: result.video.size,
        };
      },
      { set, clips },
    );

  await run('match'); // warm-up: loads ffmpeg.wasm once, as the app does
  const copy = await withPeakMemory(browserPid, () => run('match'));
  const encode = await withPeakMemory(browserPid, () => run('mixed'));
  const line = (label: string, seconds: number, peak: string) =>
    console.log(`  ${label.padEnd(44)} ${seconds.toFixed(2)} s  ${peak}`);
  console.log(`assemble bench: ${CLIPS} × ${SECONDS} s 720p clips + ${CLIPS * SECONDS} s soundtrack`);
  line('native ffmpeg concat (stream copy) + AAC', nativeCopy.seconds, `peak ${nativeCopy.peakMb} MB`);
  line(
    `Reelgraph, matching clips (${copy.result.path})`,
    copy.result.seconds,
    `peak ${copy.peakMb} MB (whole browser, +${copy.addedMb} MB)`,
  );
  console.log(`  ratio ${(copy.result.seconds / nativeCopy.seconds).toFixed(2)}×  (target ≤ 3×)`);
  line('native ffmpeg normalize + libx264 veryfast + AAC', nativeEncode.seconds, `peak ${nativeEncode.peakMb} MB`);
  line(
    `Reelgraph, mixed clips (${encode.result.path})`,
    encode.result.seconds,
    `peak ${encode.peakMb} MB (whole browser, +${encode.addedMb} MB)`,
  );
  console.log(`  ratio ${(encode.result.seconds / nativeEncode.seconds).toFixed(2)}×  (target ≤ 1.5×)`);
  if (nativeFourK) {
    const fourK = await withPeakMemory(browserPid, () => run('uhd', 2));
    console.log('assemble bench: two 2 s 3840×2160 clips, a 0.5 s crossfade, a soundtrack (re-encoded at 4K)');
    line('native ffmpeg xfade + libx264 veryfast + AAC', nativeFourK.seconds, `peak ${nativeFourK.peakMb} MB`);
    line(
      `Reelgraph (${fourK.result.path}, ${fourK.result.width} wide)`,
      fourK.result.seconds,
      `peak ${fourK.peakMb} MB (whole browser, +${fourK.addedMb} MB)`,
    );
    console.log(`  ratio ${(fourK.result.seconds / nativeFourK.seconds).toFixed(2)}×  (target ≤ 1.5×)`);
    if (fourK.result.path !== 're-encode' || fourK.result.width !== 3840)
      throw new Error('assemble bench: the 4K cut was not re-encoded at 4K');
  }
  if (copy.result.path !== 'stream-copy' || encode.result.path !== 're-encode')
    throw new Error('assemble bench: the clips took the wrong path');
} finally {
  await close();
  cleanUp();
}
