/**
 * Reads an image's type, size and EXIF orientation from its first bytes, without decoding it,
 * so an absurdly large image is refused before it can exhaust memory.
 */
export interface ImageHeader {
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1: as stored). */
  orientation: number;
}

export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { mime: 'image/png', width: view.getUint32(16), height: view.getUint32(20), orientation: 1 };
  }
  if (bytes.length >= 30 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return readWebp(bytes, view);
  if (bytes.length >= 4 && view.getUint16(0) === 0xffd8) return readJpeg(bytes, view);
  return undefined;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function readWebp(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') {
    const width = 1 + (view.getUint16(24, true) | (bytes[26] << 16));
    const height = 1 + (view.getUint16(27, true) | (bytes[29] << 16));
    return { mime: 'image/webp', width, height, orientation: 1 };
  }
  if (chunk === 'VP8 ')
    return {
      mime: 'image/webp',
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
      orientation: 1,
    };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1, orientation: 1 };
  }
  return undefined;
}

function readJpeg(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  let at = 2;
  let orientation = 1;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1];
    const length = view.getUint16(at + 2);
    if (marker === 0xe1 && ascii(bytes, at + 4, 4) === 'Exif')
      orientation = exifOrientation(view, at + 10, at + 2 + length) ?? orientation;
    // Start-of-frame markers carry the size (C0–CF except C4, C8, CC).
    if (
      marker >= 0xc0 &&
      marker <= 0xcf &&
      marker !== 0xc4 &&
      marker !== 0xc8 &&
      marker !== 0xcc &&
      at + 9 <= bytes.length
    ) {
      return { mime: 'image/jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7), orientation };
    }
    at += 2 + length;
  }
  return undefined;
}

/** The Orientation tag (0x0112) of a TIFF block starting at `tiff`. */
function exifOrientation(view: DataView, tiff: number, end: number): number | undefined {
  if (tiff + 8 > end || tiff + 8 > view.byteLength) return undefined;
  const little = view.getUint16(tiff) === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return undefined;
  const entries = view.getUint16(ifd, little);
  for (let entry = 0; entry < entries; entry++) {
    const at = ifd + 2 + entry * 12;
    if (at + 12 > end) return undefined;
    if (view.getUint16(at, little) === 0x0112) {
      const value = view.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}
