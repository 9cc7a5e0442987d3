import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 of a short string, synchronously. Cache keys are computed for every node on every
 * plan, so a synchronous hash (no promise per node) keeps planning a 10,000-node graph fast.
 */
export function sha256Text(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** SHA-256 of media bytes, through WebCrypto (native speed for large blobs). */
export async function sha256Bytes(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const digest = await crypto.subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>);
  return bytesToHex(new Uint8Array(digest));
}

/** Blobs above this are hashed a slice at a time: one ArrayBuffer of a file of gigabytes fails to be read at all. */
export const WHOLE_HASH_LIMIT = 64 * 1024 * 1024;
const SLICE = 8 * 1024 * 1024;

/**
 * SHA-256 of a blob of any size: a small one read whole (WebCrypto, native speed), a large one
 * read and hashed a slice at a time, so it is never all in memory (the same digest either way).
 */
export async function sha256Blob(blob: Blob, slice = SLICE, wholeLimit = WHOLE_HASH_LIMIT): Promise<string> {
  if (blob.size <= wholeLimit) return sha256Bytes(await blob.arrayBuffer());
  const hash = sha256.create();
  for (let at = 0; at < blob.size; at += slice)
    hash.update(new Uint8Array(await blob.slice(at, Math.min(blob.size, at + slice)).arrayBuffer()));
  return bytesToHex(hash.digest());
}
