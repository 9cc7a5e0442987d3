import { describe, expect, it } from 'vitest';
import { choosePlan, scaledToShortSide } from './encoder-limits';

/** A browser that encodes each codec up to a number of pixels, recording what it was asked. */
function browser(limits: Partial<Record<'avc' | 'vp9' | 'av1', number>>) {
  const asked: string[] = [];
  const encodable = async (width: number, height: number) => {
    asked.push(`${width}x${height}`);
    for (const codec of ['avc', 'vp9', 'av1'] as const) if ((limits[codec] ?? 0) >= width * height) return codec;
    return null;
  };
  return { asked, encodable };
}

describe('the encoder plan', () => {
  it('encodes 4K as H.264 where the browser takes it, at the size asked, saying nothing', async () => {
    const { encodable, asked } = browser({ avc: 3840 * 2160 });
    expect(await choosePlan(3840, 2160, encodable)).toEqual({ codec: 'avc', width: 3840, height: 2160 });
    expect(asked).toEqual(['3840x2160']);
  });

  it('takes another codec at the size asked before a smaller size, and names it with the reason', async () => {
    const { encodable } = browser({ avc: 1920 * 1080, vp9: 3840 * 2160 });
    expect(await choosePlan(2160, 3840, encodable)).toEqual({
      codec: 'vp9',
      width: 2160,
      height: 3840,
      note: 'VP9: this browser has no H.264 encoder for 2160×3840',
    });
  });

  it('makes the largest smaller size some codec takes, its aspect kept, and says so', async () => {
    const { encodable, asked } = browser({ avc: 1920 * 1080 });
    expect(await choosePlan(3840, 2160, encodable)).toEqual({
      codec: 'avc',
      width: 1920,
      height: 1080,
      note: '1920×1080 H.264: this browser cannot encode video at 3840×2160',
    });
    expect(asked).toEqual(['3840x2160', '1920x1080']);
    // A portrait 4K still: its short side comes down, not its width.
    expect((await choosePlan(2160, 3840, encodable)).note).toBe(
      '1080×1920 H.264: this browser cannot encode video at 2160×3840',
    );
  });

  it('refuses, saying so, where nothing encodes at all', async () => {
    await expect(choosePlan(1280, 720, browser({}).encodable)).rejects.toThrow(
      'This browser cannot encode video at 1280×720 or any smaller size in H.264, VP9 or AV1.',
    );
  });

  it('scales to a short side with both sides even', () => {
    expect(scaledToShortSide(4032, 3024, 1080)).toEqual({ width: 1440, height: 1080 });
    expect(scaledToShortSide(1080, 1921, 720)).toEqual({ width: 720, height: 1280 });
  });
});
