import { describe, expect, it } from 'vitest';
import { sha256Blob, sha256Bytes } from './hash';

describe('hashing media', () => {
  it('gives a large blob, hashed a slice at a time, the digest of its bytes read whole', async () => {
    const bytes = new Uint8Array(1000).map((_, at) => (at * 7) % 251);
    const blob = new Blob([bytes]);
    const whole = await sha256Bytes(bytes);
    // Slices of 64 bytes, and "large" above 100: the sliced path, with a short last slice.
    expect(await sha256Blob(blob, 64, 100)).toBe(whole);
    expect(await sha256Blob(blob)).toBe(whole);
  });
});
