import { formatBytes } from '../../../graph-engine';
/** JPEG qualities tried in turn until the file fits; then the picture is made smaller. */
const QUALITIES = [0.92, 0.85, 0.75];

/**
 * Re-encodes a frame as JPEG or PNG within `maxBytes` and `maxSide`, upright (EXIF applied), at
 * full size where it fits: for models that do not take its format, or not at its size.
 */
export async function reencodeImage(
  image: Blob,
  type: 'image/jpeg' | 'image/png',
  maxBytes: number,
  maxSide = Infinity,
): Promise<Blob> {
  const bitmap = await createImageBitmap(image, { imageOrientation: 'from-image' });
  try {
    const largest = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    for (let scale = largest; scale > 0.1; scale *= 0.75) {
      const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of type === 'image/jpeg' ? QUALITIES : [undefined]) {
        const blob = await canvas.convertToBlob({ type, quality });
        if (blob.size <= maxBytes) return blob;
      }
    }
  } finally {
    bitmap.close();
  }
  throw new Error(`This image cannot be made smaller than ${formatBytes(maxBytes)}.`);
}
