import { describe, expect, it } from 'vitest';
import { judgePhoto, keptSize, MAX_UPLOAD_BYTES, MAX_UPLOAD_PIXELS, sizeProblem } from './photo-check';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));
const size32 = (value: number) => [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
const png = (width: number, height: number) =>
  bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
    'IHDR',
    size32(width),
    size32(height),
    [8, 6, 0, 0, 0],
  );
/** An ISO media file's first box: its size, 'ftyp', a major brand, a version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) =>
  bytes(size32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], ...compatible);

describe('judgePhoto', () => {
  it('takes a PNG, JPEG or WebP within the limits, from its header', () => {
    expect(judgePhoto(png(1280, 720), 5000)).toMatchObject({ ok: true, header: { mime: 'image/png', width: 1280 } });
  });

  it('refuses what it can tell from size and header, saying why', () => {
    expect(judgePhoto(png(10, 10), 0)).toEqual({ ok: false, problem: 'This file is empty.' });
    expect(judgePhoto(png(10, 10), MAX_UPLOAD_BYTES + 1)).toMatchObject({
      problem: /^This file is 50 MB; photos up to 50 MB/,
    });
    expect(judgePhoto(png(20_000, 20_000), 5000)).toMatchObject({ problem: /^This image is 20000×20000 pixels/ });
    expect(judgePhoto(bytes('my shot list'), 12)).toEqual({
      ok: false,
      problem: 'This file is not a PNG, JPEG or WebP image.',
    });
  });

  it('says how to convert what browsers cannot decode (HEIC, TIFF), by its bytes whatever its name', () => {
    for (const head of [ftyp('heic', 'mif1', 'heic'), ftyp('mif1', 'heix'), bytes('II*', [0]), bytes('MM', [0, 42])])
      expect(judgePhoto(head, 2000)).toMatchObject({
        problem: /, which browsers cannot decode: convert it to JPEG or PNG/,
      });
    expect(judgePhoto(ftyp('heic'), 2000)).toMatchObject({ problem: /^This is a HEIC image/ });
  });

  it('hands the formats a browser decodes (AVIF, GIF, BMP) on to be turned into PNG', () => {
    expect(judgePhoto(ftyp('avif', 'mif1', 'miaf'), 2000)).toEqual({ ok: false, convert: 'AVIF' });
    expect(judgePhoto(bytes('GIF89a', [1, 0, 1, 0]), 2000)).toEqual({ ok: false, convert: 'GIF' });
    expect(judgePhoto(bytes('BM', [0, 0, 0, 0]), 2000)).toEqual({ ok: false, convert: 'BMP' });
    // An MP4 is an ISO media file too, but no image.
    expect(judgePhoto(ftyp('isom', 'mp41'), 2000)).toMatchObject({
      problem: 'This file is not a PNG, JPEG or WebP image.',
    });
  });

  it('keeps a photo within the limits as it is, and scales a larger one to the largest of its shape within them', () => {
    expect(keptSize(4000, 3000)).toEqual({ width: 4000, height: 3000 });
    // A 45 MP camera: 8192 a side is allowed, 44.8 MP is not.
    const camera = keptSize(8192, 5464);
    expect(camera.width * camera.height).toBeLessThanOrEqual(MAX_UPLOAD_PIXELS);
    expect(camera.width / camera.height).toBeCloseTo(8192 / 5464, 2);
    expect(keptSize(12000, 2000)).toEqual({ width: 8192, height: 1365 });
    expect(sizeProblem(8192, 5464)).toBeUndefined();
    expect(sizeProblem(20000, 20000)).toMatch(/^This image is 20000×20000 pixels/);
  });
});
