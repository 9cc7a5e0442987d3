import { getFirstEncodableVideoCodec, QUALITY_HIGH, type VideoCodec } from 'mediabunny';

/**
 * Codecs an MP4 from here may carry, best first: H.264 plays everywhere and every editor takes it;
 * VP9 and AV1 in MP4 play in browsers and most players, where this browser has no H.264 encoder
 * for a size.
 */
const CODECS: VideoCodec[] = ['avc', 'vp9', 'av1'];
export const CODEC_NAMES: Readonly<Record<string, string>> = { avc: 'H.264', vp9: 'VP9', av1: 'AV1' };

/** Short sides tried, largest first, when no codec takes a size: the resolution table's, below 4K. */
const FALLBACK_SHORT_SIDES = [1080, 720, 480];

/** How a clip of a size is encoded here: the codec, the size made, and why either differs from the ask. */
export interface EncodePlan {
  codec: VideoCodec;
  width: number;
  height: number;
  /** Said with the clip when the codec is not H.264 or the size is not the one asked. */
  note?: string;
}

/** A size scaled to a short side, its aspect kept, both sides even. */
export function scaledToShortSide(width: number, height: number, short: number): { width: number; height: number } {
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  return width >= height
    ? { width: even((width * short) / height), height: even(short) }
    : { width: even(short), height: even((height * short) / width) };
}

/**
 * Chooses how to encode from what this browser answers for the size (WebCodecs' isConfigSupported,
 * through mediabunny, asked once per size): the first codec that takes it, else the largest smaller
 * size that one does. `encodable` is the question, handed in so the choice is tested without a browser.
 */
export async function choosePlan(
  width: number,
  height: number,
  encodable: (width: number, height: number) => Promise<VideoCodec | null>,
): Promise<EncodePlan> {
  const asked = `${width}×${height}`;
  const codec = await encodable(width, height);
  if (codec)
    return codec === 'avc'
      ? { codec, width, height }
      : { codec, width, height, note: `${CODEC_NAMES[codec]}: this browser has no H.264 encoder for ${asked}` };
  for (const short of FALLBACK_SHORT_SIDES.filter((side) => side < Math.min(width, height))) {
    const size = scaledToShortSide(width, height, short);
    const smaller = await encodable(size.width, size.height);
    if (smaller)
      return {
        codec: smaller,
        ...size,
        note: `${size.width}×${size.height} ${CODEC_NAMES[smaller]}: this browser cannot encode video at ${asked}`,
      };
  }
  throw new Error(`This browser cannot encode video at ${asked} or any smaller size in H.264, VP9 or AV1.`);
}

const plans = new Map<string, Promise<EncodePlan>>();

/** How this browser encodes a clip of this size (asked once per size, then remembered). */
export function encodePlan(width: number, height: number): Promise<EncodePlan> {
  const key = `${width}x${height}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = choosePlan(width, height, (w, h) =>
      getFirstEncodableVideoCodec(CODECS, { width: w, height: h, quality: QUALITY_HIGH }),
    );
    // Remembered only when the browser took the size in H.264: a refusal (no WebCodecs, a GPU process
    // restarting) or a lesser plan is asked again next time, never held for the session.
    plan.then(
      (made) => made.note !== undefined && plans.delete(key),
      () => plans.delete(key),
    );
    plans.set(key, plan);
  }
  return plan;
}
