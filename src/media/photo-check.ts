import { formatBytes } from '../../graph-engine';
import { readImageHeader, type ImageHeader } from './image-header';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** The largest photo kept as it is; a larger one (a 45 MP camera's 8192×5464) is scaled down to fit, saying so. */
export const MAX_UPLOAD_SIDE = 8192;
export const MAX_UPLOAD_PIXELS = 40_000_000;
/** Beyond these a photo is refused: decoding it, even to scale it down, could exhaust the tab's memory. */
export const MAX_SCALED_SIDE = 16384;
export const MAX_SCALED_PIXELS = 120_000_000;

/** How many first bytes the checks read: enough for any header, EXIF block included. */
export const PHOTO_HEAD_BYTES = 256 * 1024;

/** Image formats a camera or an editor may hand over that Reelgraph does not take as they are (AVIF before HEIC: both say `mif1`). */
const OTHER_FORMATS: { name: string; matches(head: Uint8Array): boolean; browserDecodes: boolean }[] = [
  { name: 'AVIF', matches: (head) => isoBrand(head, ['avif', 'avis']), browserDecodes: true },
  {
    name: 'HEIC',
    matches: (head) => isoBrand(head, ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']),
    browserDecodes: false,
  },
  {
    name: 'TIFF',
    matches: (head) => starts(head, [0x49, 0x49, 0x2a, 0x00]) || starts(head, [0x4d, 0x4d, 0x00, 0x2a]),
    browserDecodes: false,
  },
  { name: 'GIF', matches: (head) => ascii(head, 0, 4) === 'GIF8', browserDecodes: true },
  { name: 'BMP', matches: (head) => ascii(head, 0, 2) === 'BM', browserDecodes: true },
];

/** What a photo's first bytes say: one Reelgraph takes, one the browser can turn into one, or why not. */
export type PhotoVerdict =
  { ok: true; header: ImageHeader } | { ok: false; convert: string } | { ok: false; problem: string };

/**
 * Judges a photo from its size and first bytes, without decoding it: the same rules wherever a
 * photo comes in (a drop, the file picker, the CLI's --file, a run of a stored one).
 */
export function judgePhoto(head: Uint8Array, size: number): PhotoVerdict {
  if (size === 0) return { ok: false, problem: 'This file is empty.' };
  if (size > MAX_UPLOAD_BYTES)
    return {
      ok: false,
      problem: `This file is ${formatBytes(size)}; photos up to ${formatBytes(MAX_UPLOAD_BYTES)} are accepted.`,
    };
  const header = readImageHeader(head);
  if (!header) {
    const other = OTHER_FORMATS.find((format) => format.matches(head));
    if (other?.browserDecodes) return { ok: false, convert: other.name };
    if (other)
      return {
        ok: false,
        problem: `This is a ${other.name} image, which browsers cannot decode: convert it to JPEG or PNG (any photo app can export one) and use that.`,
      };
    return { ok: false, problem: 'This file is not a PNG, JPEG or WebP image.' };
  }
  const tooLarge = sizeProblem(header.width, header.height);
  return tooLarge ? { ok: false, problem: tooLarge } : { ok: true, header };
}

/** Why an image of this size is refused, or undefined. */
export function sizeProblem(width: number, height: number): string | undefined {
  if (width <= MAX_SCALED_SIDE && height <= MAX_SCALED_SIDE && width * height <= MAX_SCALED_PIXELS) return undefined;
  return `This image is ${width}×${height} pixels; photos up to ${MAX_SCALED_SIDE} pixels a side and ${MAX_SCALED_PIXELS / 1_000_000} megapixels are taken (over ${MAX_UPLOAD_SIDE} pixels a side or ${MAX_UPLOAD_PIXELS / 1_000_000} megapixels, scaled down).`;
}

/** The size a photo is kept at: its own, or the largest of its shape within the limits. */
export function keptSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_UPLOAD_SIDE / Math.max(width, height), Math.sqrt(MAX_UPLOAD_PIXELS / (width * height)));
  return scale === 1 ? { width, height } : { width: Math.floor(width * scale), height: Math.floor(height * scale) };
}

/** The ISO base media `ftyp` box's major or compatible brands include one of these. */
function isoBrand(head: Uint8Array, brands: readonly string[]): boolean {
  if (head.length < 16 || ascii(head, 4, 4) !== 'ftyp') return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const end = Math.min(head.length, view.getUint32(0));
  if (brands.includes(ascii(head, 8, 4))) return true;
  for (let at = 16; at + 4 <= end; at += 4) if (brands.includes(ascii(head, at, 4))) return true;
  return false;
}

const starts = (head: Uint8Array, bytes: readonly number[]) => bytes.every((byte, at) => head[at] === byte);
const ascii = (head: Uint8Array, at: number, length: number) => String.fromCharCode(...head.subarray(at, at + length));
