import { base64ToBytes, bytesToBase64 } from '../../media/base64.ts';
import type { InlineImage } from './task';

export async function inlineImage(blob: Blob): Promise<InlineImage> {
  return { base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())), mime: blob.type || 'image/png' };
}

/** A data: URI's bytes as a Blob (Gemini answers carry images inline). */
export function dataUriToBlob(uri: string): Blob {
  const match = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(uri);
  if (!match) throw new Error('not a data: URI');
  const [, mime = 'application/octet-stream', base64, data] = match;
  return new Blob([base64 ? base64ToBytes(data) : decodeURIComponent(data)], { type: mime });
}
