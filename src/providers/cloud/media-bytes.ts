import type { InlineImage } from './task';

/** Base64 of bytes, in chunks (a spread of a large array overflows the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

export async function inlineImage(blob: Blob): Promise<InlineImage> {
  return { base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())), mime: blob.type || 'image/png' };
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

/** A data: URI's bytes as a Blob (Gemini answers carry images inline). */
export function dataUriToBlob(uri: string): Blob {
  const match = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(uri);
  if (!match) throw new Error('not a data: URI');
  const [, mime = 'application/octet-stream', base64, data] = match;
  return new Blob([base64 ? base64ToBytes(data) : decodeURIComponent(data)], { type: mime });
}
