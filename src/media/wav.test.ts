import { describe, expect, it } from 'vitest';
import { encodeWav } from './wav';

describe('encodeWav', () => {
  it('writes a 16-bit PCM header and interleaved, clipped samples', async () => {
    const wav = encodeWav([new Float32Array([0, 1, -1]), new Float32Array([0.5, 2, -2])], 48_000);
    const view = new DataView(await wav.arrayBuffer());
    expect(wav.type).toBe('audio/wav');
    expect(view.getUint16(22, true)).toBe(2);
    expect(view.getUint32(24, true)).toBe(48_000);
    expect(view.getUint32(40, true)).toBe(12);
    expect([0, 1, 2, 3, 4, 5].map((at) => view.getInt16(44 + at * 2, true))).toEqual([
      0, 16383, 32767, 32767, -32768, -32768,
    ]);
  });
});
