import { describe, expect, it } from 'vitest';
import { readImageHeader } from './image-header';

function png(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  const view = new DataView(bytes.buffer);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

function jpeg(width: number, height: number, orientation?: number, little = false): Uint8Array {
  const parts: number[] = [0xff, 0xd8];
  if (orientation !== undefined) {
    const tiff = little ? [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0] : [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8];
    const u16 = (value: number) => (little ? [value & 0xff, value >> 8] : [value >> 8, value & 0xff]);
    const entry = [...u16(0x0112), ...u16(3), ...(little ? [1, 0, 0, 0] : [0, 0, 0, 1]), ...u16(orientation), 0, 0];
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff, ...u16(1), ...entry, 0, 0, 0, 0];
    parts.push(0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  }
  parts.push(0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, ...new Array(9).fill(0));
  return new Uint8Array(parts);
}

describe('readImageHeader', () => {
  it('reads PNG sizes, including absurd ones, without decoding', () => {
    expect(readImageHeader(png(20_000, 20_000))).toEqual({
      mime: 'image/png',
      width: 20_000,
      height: 20_000,
      orientation: 1,
    });
  });

  it('reads JPEG sizes and the EXIF orientation in either byte order', () => {
    expect(readImageHeader(jpeg(4032, 3024))).toMatchObject({
      mime: 'image/jpeg',
      width: 4032,
      height: 3024,
      orientation: 1,
    });
    expect(readImageHeader(jpeg(4032, 3024, 6))).toMatchObject({ orientation: 6 });
    expect(readImageHeader(jpeg(640, 480, 8, true))).toMatchObject({ width: 640, height: 480, orientation: 8 });
  });

  it('reads lossless WebP sizes', () => {
    const bytes = new Uint8Array(30);
    bytes.set(
      [...'RIFF'].map((c) => c.charCodeAt(0)),
      0,
    );
    bytes.set(
      [...'WEBPVP8L'].map((c) => c.charCodeAt(0)),
      8,
    );
    new DataView(bytes.buffer).setUint32(21, (799 & 0x3fff) | ((599 & 0x3fff) << 14), true);
    expect(readImageHeader(bytes)).toEqual({ mime: 'image/webp', width: 800, height: 600, orientation: 1 });
  });

  it('recognises text and truncated files as not images', () => {
    expect(readImageHeader(new TextEncoder().encode('these are my notes, not a picture'))).toBeUndefined();
    expect(readImageHeader(new Uint8Array([0xff, 0xd8, 0xff]))).toBeUndefined();
    expect(readImageHeader(new Uint8Array())).toBeUndefined();
  });
});
