import { ALL_FORMATS, BlobSource, Input } from 'mediabunny';
import type { ClipInfo } from '../../nodes/assemble/timeline';

export type { ClipInfo } from '../../nodes/assemble/timeline';

function hex(description: AllowSharedBufferSource | undefined): string {
  if (!description) return '';
  const bytes = ArrayBuffer.isView(description)
    ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength)
    : new Uint8Array(description);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reads a clip's container: size, rate, duration, codec. Rejects with a readable message when it is not a usable video. */
export async function probeClip(blob: Blob, label: string): Promise<ClipInfo> {
  if (blob.size === 0) throw new Error(`${label} is empty (0 bytes).`);
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  try {
    const video = await input.getPrimaryVideoTrack().catch(() => null);
    if (!video) throw new Error(`${label} is not a video Reelgraph can read.`);
    // The picture's length, not the longest track's: a clip's sound often runs a few samples on,
    // and the cut (and an editor given it) places the clip by its frames.
    const [config, stats, duration, audio] = await Promise.all([
      video.getDecoderConfig(),
      video.computePacketStats(120),
      video.computeDuration(),
      input.getPrimaryAudioTrack(),
    ]);
    if (!config || stats.packetCount === 0 || duration <= 0) throw new Error(`${label} has no video frames.`);
    return {
      width: video.displayWidth,
      height: video.displayHeight,
      fps: Math.round(stats.averagePacketRate * 100) / 100,
      duration,
      codec: config.codec,
      description: hex(config.description),
      hasAudio: audio !== null,
    };
  } finally {
    input.dispose();
  }
}

/** A sound's (or any medium's) length in seconds, as its container says. */
export async function probeDuration(blob: Blob, label: string): Promise<number> {
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  try {
    const duration = await input.computeDuration().catch(() => 0);
    if (!(duration > 0)) throw new Error(`${label} has no length Reelgraph can read.`);
    return duration;
  } finally {
    input.dispose();
  }
}
