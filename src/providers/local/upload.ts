import type { ImageInfo } from '../../../nodes/providers';
import { readImageHeader } from '../../media/image-header';

/** Limits for an uploaded photo: beyond these, decoding alone could exhaust the tab's memory. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_UPLOAD_SIDE = 8192;
export const MAX_UPLOAD_PIXELS = 40_000_000;

/**
 * Checks an uploaded photo (type, size, readability) and applies its EXIF orientation, so frame
 * one of every clip is the photo as the person sees it. Images that need no turning pass through
 * byte for byte; turned ones are re-encoded (JPEG stays JPEG at high quality, others PNG).
 */
export async function normalizeUpload(image: Blob): Promise<{ image: Blob } & ImageInfo> {
  if (image.size === 0) throw new Error('This file is empty.');
  if (image.size > MAX_UPLOAD_BYTES)
    throw new Error(
      `This file is ${(image.size / 1024 / 1024).toFixed(0)} MB; photos up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB are accepted.`,
    );
  const header = readImageHeader(new Uint8Array(await image.slice(0, 256 * 1024).arrayBuffer()));
  if (!header) throw new Error('This file is not a PNG, JPEG or WebP image.');
  if (
    header.width > MAX_UPLOAD_SIDE ||
    header.height > MAX_UPLOAD_SIDE ||
    header.width * header.height > MAX_UPLOAD_PIXELS
  ) {
    throw new Error(
      `This image is ${header.width}×${header.height} pixels; photos up to ${MAX_UPLOAD_SIDE} pixels a side and ${MAX_UPLOAD_PIXELS / 1_000_000} megapixels are accepted.`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('This image is damaged or cannot be decoded.');
  }
  try {
    const info = { width: bitmap.width, height: bitmap.height };
    if (header.orientation === 1)
      return { image: image.type === header.mime ? image : new Blob([image], { type: header.mime }), ...info };
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const turned =
      header.mime === 'image/jpeg'
        ? await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })
        : await canvas.convertToBlob({ type: 'image/png' });
    return { image: turned, ...info };
  } finally {
    bitmap.close();
  }
}
