import { judgePhoto, keptSize, PHOTO_HEAD_BYTES, sizeProblem } from './photo-check';

/**
 * A photo as it arrives, checked before it is stored: its type, size and pixels from its first
 * bytes, then that it decodes. A format the browser decodes but Reelgraph does not take (AVIF,
 * GIF, BMP) is turned into a PNG, and one over the size limit scaled down, saying so; anything
 * else is refused with the reason.
 */
export async function acceptPhoto(
  file: Blob,
): Promise<{ photo: Blob; width: number; height: number; convertedFrom?: string; scaledFrom?: string }> {
  const head = new Uint8Array(await file.slice(0, PHOTO_HEAD_BYTES).arrayBuffer());
  const verdict = judgePhoto(head, file.size);
  if (!verdict.ok && 'problem' in verdict) throw new Error(verdict.problem);
  if (verdict.ok) {
    const { mime, orientation } = verdict.header;
    // Its size as seen: EXIF orientations 5 to 8 turn it a quarter.
    const [width, height] =
      orientation >= 5 ? [verdict.header.height, verdict.header.width] : [verdict.header.width, verdict.header.height];
    const kept = keptSize(width, height);
    // Over the limit: decoded once, straight to the size kept (which also shows that it decodes).
    if (kept.width !== width || kept.height !== height)
      return { ...(await scaledDown(file, kept, mime)), scaledFrom: `${width}×${height}` };
  }
  const bitmap = await decodePhoto(file, verdict.ok ? 'none' : 'from-image');
  try {
    if (verdict.ok) {
      const { mime, orientation } = verdict.header;
      const turned = orientation >= 5;
      const [width, height] = turned ? [bitmap.height, bitmap.width] : [bitmap.width, bitmap.height];
      return { photo: file.type === mime ? file : new Blob([file], { type: mime }), width, height };
    }
    const tooLarge = sizeProblem(bitmap.width, bitmap.height);
    if (tooLarge) throw new Error(tooLarge);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    return {
      photo: await canvas.convertToBlob({ type: 'image/png' }),
      width: bitmap.width,
      height: bitmap.height,
      convertedFrom: verdict.convert,
    };
  } finally {
    bitmap.close();
  }
}

/**
 * A photo over the size limit, drawn at the size kept (its EXIF turn applied), in its own format
 * (JPEG stays JPEG, at a quality that keeps detail; PNG and WebP become PNG, losing nothing more).
 */
async function scaledDown(
  file: Blob,
  size: { width: number; height: number },
  mime: string,
): Promise<{ photo: Blob; width: number; height: number }> {
  const bitmap = await createImageBitmap(file, {
    imageOrientation: 'from-image',
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'high',
  }).catch(() => {
    throw new Error('This image is damaged or cannot be decoded.');
  });
  try {
    const canvas = new OffscreenCanvas(size.width, size.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const type = mime === 'image/jpeg' ? 'image/jpeg' : 'image/png';
    return { photo: await canvas.convertToBlob({ type, quality: 0.92 }), ...size };
  } finally {
    bitmap.close();
  }
}

/** Decodes a photo, or says plainly that it cannot be. */
export async function decodePhoto(image: Blob, imageOrientation: 'none' | 'from-image'): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(image, { imageOrientation });
  } catch {
    throw new Error('This image is damaged or cannot be decoded.');
  }
}
