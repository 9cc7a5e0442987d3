import type { ImageInfo } from '../../../nodes/providers';
import { judgePhoto, PHOTO_HEAD_BYTES } from '../../media/photo-check';
import { decodePhoto } from '../../media/photo-intake';

/**
 * Checks a stored photo again as a run uses it (by the rules it came in by: type, size, that it
 * decodes) and applies its EXIF orientation, so frame one of every clip is the photo as the person sees it. Images that need no turning pass through
 * byte for byte; turned ones are re-encoded (JPEG stays JPEG at high quality, others PNG).
 */
export async function normalizeUpload(image: Blob): Promise<{ image: Blob } & ImageInfo> {
  const verdict = judgePhoto(new Uint8Array(await image.slice(0, PHOTO_HEAD_BYTES).arrayBuffer()), image.size);
  if (!verdict.ok)
    throw new Error(
      'problem' in verdict
        ? verdict.problem
        : `This photo is ${verdict.convert}, which Reelgraph takes only by converting it on the way in: add it again.`,
    );
  const { header } = verdict;
  const bitmap = await decodePhoto(image, 'from-image');
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
