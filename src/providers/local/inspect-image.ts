import type { ImageInfo } from '../../../nodes/providers';

/** Decodes an image to learn its size; a file that is not a readable image gets a clear message. */
export async function inspectImage(image: Blob): Promise<ImageInfo> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch {
    throw new Error('This file is not an image Reelgraph can read (use PNG, JPEG or WebP).');
  }
  const info = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return info;
}
