import type { ImageHeader } from '../../media/image-header.ts';
import { formatBytes } from '../../../graph-engine/format-bytes.ts';

/** What a model's API takes as a frame image, from its documentation. */
export interface StillLimits {
  /** MIME types it takes. */
  formats: readonly ImageHeader['mime'][];
  maxBytes: number;
  /** The shortest side, in pixels. */
  minSide: number;
  /** The longest side, in pixels; a larger frame is sent scaled down. */
  maxSide?: number;
  /** Width ÷ height, lowest and highest (the first frame only). */
  aspect?: readonly [number, number];
}

/** What to do with a frame before sending it: send it, convert it (and say why), or refuse it (and say why). */
export type StillPlan = { send: true } | { convert: 'image/jpeg' | 'image/png'; why: string } | { refuse: string };

const NAMES: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };
const ratio = (value: number) => (value >= 1 ? `${+value.toFixed(2)}:1` : `1:${+(1 / value).toFixed(2)}`);

/**
 * Checks a frame against a model's limits without decoding it. A format the model does not take,
 * or a file over its size limit, can be re-encoded; a shape or size of picture cannot be fixed
 * without changing it, so it is refused with what the model takes.
 */
export function planStill(
  limits: StillLimits,
  image: { header: ImageHeader | undefined; bytes: number },
  first: boolean,
): StillPlan {
  const { header, bytes } = image;
  if (!header) return { refuse: 'it is not a PNG, JPEG or WebP image' };
  const { width, height, mime } = header;
  const taken = limits.formats.map((format) => NAMES[format]).join(' or ');
  if (Math.min(width, height) < limits.minSide)
    return { refuse: `it takes at least ${limits.minSide} px on each side; this one is ${width}×${height}` };
  if (first && limits.aspect) {
    const [low, high] = limits.aspect;
    const shape = width / height;
    if (shape < low || shape > high)
      return {
        refuse: `it takes shapes between ${ratio(low)} and ${ratio(high)}; this one is ${width}×${height} (${ratio(shape)}): crop it first`,
      };
  }
  const target = limits.formats.includes('image/jpeg') ? 'image/jpeg' : 'image/png';
  if (limits.maxSide && Math.max(width, height) > limits.maxSide)
    return {
      convert: target,
      why: `sent scaled down: it takes up to ${limits.maxSide} px a side, this one is ${width}×${height}`,
    };
  if (!limits.formats.includes(mime))
    return { convert: target, why: `sent as ${NAMES[target]}: it takes ${taken}, not ${NAMES[mime]}` };
  if (bytes > limits.maxBytes)
    return {
      convert: target,
      why: `sent as a smaller ${NAMES[target]}: it takes up to ${formatBytes(limits.maxBytes)}, this one is ${formatBytes(bytes)}`,
    };
  return { send: true };
}
