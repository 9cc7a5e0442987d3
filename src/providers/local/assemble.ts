import { abortable } from '../../../graph-engine';
import type { AssembleRequest, AssembleResult } from '../../../nodes/providers';
import { mixTimelineAudio } from '../../media/audio-mix';
import { runFFmpeg } from '../../media/ffmpeg';
import { probeClip } from '../../media/probe';
import { encodePlan } from '../../media/encoder-limits';
import { renderTimeline } from '../../media/reencode';
import { canStreamCopy, placeClips } from '../../../nodes/assemble/timeline';
import { decodeAudio } from './audio';

const AAC = ['-c:a', 'aac', '-b:a', '192k'];

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/**
 * The timeline into one MP4 (H.264 + AAC). Matching clips joined only by cuts are concatenated
 * without re-encoding (ffmpeg.wasm concat, stream copy); anything else is decoded, composed and
 * re-encoded with WebCodecs. AAC encoding and the final mux go through ffmpeg.wasm, because
 * Chromium has no AAC encoder.
 */
export async function assembleTimeline(
  request: AssembleRequest,
  signal: AbortSignal,
  progress: (fraction: number) => void,
): Promise<AssembleResult> {
  if (request.clips.length === 0) throw new Error('The timeline has no clips.');
  // Probing, decoding and mixing cannot stop midway: a cancel stops waiting for them at once.
  const infos = await abortable(
    Promise.all(request.clips.map((clip, at) => probeClip(clip.blob, `Clip ${at + 1}`))),
    signal,
  );
  const { placements, duration } = placeClips(request.clips, infos);
  const first = infos[0];
  const width = request.width ?? first.width;
  const height = request.height ?? first.height;
  const fps = request.fps ?? first.fps;

  const [clipAudio, soundtrack] = await abortable(
    Promise.all([
      Promise.all(
        request.clips.map((clip, at) =>
          infos[at].hasAudio ? decodeAudio(clip.blob, 'clip').catch(() => undefined) : undefined,
        ),
      ),
      request.soundtrack ? decodeAudio(request.soundtrack, 'file') : undefined,
    ]),
    signal,
  );
  const mix = await mixTimelineAudio(
    {
      clipAudio,
      placements,
      soundtrack,
      duration,
      soundtrackGainDb: request.soundtrackGainDb,
      soundtrackFadeOut: request.soundtrackFadeOut,
      duckDb: request.duckDb,
    },
    signal,
  );

  // Titles are drawn into the pictures: a cut with any is encoded.
  const titles = request.titles ?? [];
  const titled = titles.some(
    (title) => title.text.trim() !== '' && title.start < duration && (title.end ?? duration) > title.start,
  );
  if (
    !titled &&
    canStreamCopy(request.clips, infos, { width: request.width, height: request.height, fps: request.fps })
  ) {
    const inputs: Record<string, Uint8Array> = { 'mix.wav': await bytesOf(mix) };
    const list: string[] = [];
    for (const [at, clip] of request.clips.entries()) {
      inputs[`clip${at}.mp4`] = await bytesOf(clip.blob);
      list.push(`file 'clip${at}.mp4'`);
    }
    inputs['list.txt'] = new TextEncoder().encode(`${list.join('\n')}\n`);
    const video = await runFFmpeg({
      args: [
        '-f',
        'concat',
        '-safe',
        '0',
        '-i',
        'list.txt',
        '-i',
        'mix.wav',
        '-map',
        '0:v:0',
        '-map',
        '1:a:0',
        '-c:v',
        'copy',
        ...AAC,
        '-movflags',
        '+faststart',
      ],
      inputs,
      output: 'timeline.mp4',
      signal,
      duration,
      progress,
    });
    return {
      video: new Blob([video as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }),
      duration,
      width: first.width,
      height: first.height,
      fps: first.fps,
      path: 'stream-copy',
    };
  }

  // The size asked, in the codec this browser encodes it with (or the largest it can, said with the cut).
  const plan = await abortable(encodePlan(width, height), signal);
  // AAC (in ffmpeg.wasm's worker) encodes while the video renders here.
  const [silent, audio] = await Promise.all([
    renderTimeline(
      request.clips.map((clip) => clip.blob),
      placements,
      {
        width: plan.width,
        height: plan.height,
        codec: plan.codec,
        fps,
        duration,
        titles,
        fit: request.fit ?? 'crop',
        focus: request.clips.map((clip) => ({ x: clip.focusX ?? 0.5, y: clip.focusY ?? 0.5 })),
      },
      signal,
      (fraction) => progress(fraction * 0.95),
    ),
    runFFmpeg({
      args: ['-i', 'mix.wav', ...AAC],
      inputs: { 'mix.wav': await bytesOf(mix) },
      output: 'audio.m4a',
      signal,
    }),
  ]);
  const video = await runFFmpeg({
    args: [
      '-i',
      'video.mp4',
      '-i',
      'audio.m4a',
      '-map',
      '0:v:0',
      '-map',
      '1:a:0',
      '-c',
      'copy',
      '-movflags',
      '+faststart',
    ],
    inputs: { 'video.mp4': silent, 'audio.m4a': audio },
    output: 'timeline.mp4',
    signal,
  });
  progress(1);
  return {
    video: new Blob([video as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }),
    duration,
    width: plan.width,
    height: plan.height,
    fps,
    path: 're-encode',
    ...(plan.note ? { note: plan.note } : {}),
  };
}
