import { ALL_FORMATS, BlobSource, EncodedPacketSink, Input } from 'mediabunny';
import { formatBytes } from '../../graph-engine';
import { mp4Claims } from './mp4-claims';
import { probeClip } from './probe';

const EXPORT_AS = 'export it as H.264 (MP4) or VP9 (WebM)';
/** The longest clip taken: a timeline mixes its sound in memory, and no shot runs an hour. */
export const MAX_CLIP_SECONDS = 60 * 60;
/** The largest frame taken, a side (8K is 7680). */
export const MAX_CLIP_SIDE = 8192;

function judgeLength(seconds: number): void {
  if (seconds > MAX_CLIP_SECONDS)
    throw new Error(
      `This video is ${Number.isFinite(seconds) ? `${(seconds / 3600).toFixed(1)} hours` : 'of no readable length'} long; clips up to ${MAX_CLIP_SECONDS / 60} minutes are taken.`,
    );
}

function judgeSize(width: number, height: number): void {
  if (width > MAX_CLIP_SIDE || height > MAX_CLIP_SIDE)
    throw new Error(`This video is ${width}×${height} pixels; clips up to ${MAX_CLIP_SIDE} pixels a side are taken.`);
}
/** Codecs as people name them. */
const CODEC_NAMES: Readonly<Record<string, string>> = { avc: 'H.264', hevc: 'HEVC (H.265)', prores: 'ProRes' };

/**
 * A video as it arrives, checked before it is stored: that its container is read, that this
 * browser decodes its codec (the timeline decodes what it cannot copy, and the last frame is
 * decoded), and that it has frames, all of them (a truncated copy is refused), so a clip that could never be used is refused now, saying
 * why, not at the next run. Returns what is stored with it.
 */
export async function acceptClip(file: Blob): Promise<Record<string, number | boolean | string>> {
  if (file.size === 0) throw new Error('This video is empty (0 bytes).');
  // What an MP4 or MOV claims, judged from its box headers before a demuxer expands them.
  const claims = await mp4Claims(file).catch(() => undefined);
  if (claims) {
    if (claims.samples > file.size)
      throw new Error(
        claims.samples === Infinity
          ? 'This video’s index is larger than any clip’s: it is damaged.'
          : `This video claims ${claims.samples.toLocaleString('en')} frames, more than its ${formatBytes(file.size)} could hold: it is damaged.`,
      );
    judgeLength(claims.seconds);
    judgeSize(claims.width, claims.height);
  }
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack().catch(() => null);
    if (!track) throw new Error('This is not a video Reelgraph can read.');
    // Said as what it is, not as a codec this browser cannot decode.
    judgeSize(track.displayWidth, track.displayHeight);
    if (track.codec === null) throw new Error(`Its video codec is not one browsers decode: ${EXPORT_AS}.`);
    if (!(await track.canDecode()))
      throw new Error(
        `This browser cannot decode its video codec, ${CODEC_NAMES[track.codec] ?? track.codec.toUpperCase()}: ${EXPORT_AS}.`,
      );
    // A copy that did not finish: its index promises frames its data does not hold. The last one
    // is looked for (read, not decoded), so it is refused now, not when a run reaches its end.
    const last = await new EncodedPacketSink(track).getPacket(await track.computeDuration()).catch(() => null);
    if (!last)
      throw new Error(
        'This video is cut short: its frames stop before the length it claims (a copy or download that did not finish?). Copy or export it again.',
      );
  } finally {
    input.dispose();
  }
  const info = await probeClip(file, 'This video');
  judgeLength(info.duration);
  return {
    width: info.width,
    height: info.height,
    fps: info.fps,
    duration: info.duration,
    hasAudio: info.hasAudio,
    source: 'upload',
  };
}
