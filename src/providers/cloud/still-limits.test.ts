import { describe, expect, it } from 'vitest';
import { planStill, type StillLimits } from './still-limits';

const KLING: StillLimits = {
  formats: ['image/jpeg', 'image/png'],
  maxBytes: 10 * 1024 * 1024,
  minSide: 300,
  aspect: [1 / 2.5, 2.5],
};
const image = (mime: 'image/png' | 'image/jpeg' | 'image/webp', width: number, height: number, bytes = 1000) => ({
  header: { mime, width, height, orientation: 1 },
  bytes,
});

describe('a frame against a model’s documented limits', () => {
  it('sends what the model takes as it is', () => {
    expect(planStill(KLING, image('image/png', 1280, 720), true)).toEqual({ send: true });
    expect(planStill(KLING, image('image/jpeg', 300, 750), true)).toEqual({ send: true });
  });

  it('converts a format the model does not take, and a file over its size limit', () => {
    expect(planStill(KLING, image('image/webp', 1280, 720), true)).toEqual({
      convert: 'image/jpeg',
      why: 'sent as JPEG: it takes JPEG or PNG, not WebP',
    });
    expect(planStill(KLING, image('image/png', 4000, 3000, 24 * 1024 * 1024), true)).toEqual({
      convert: 'image/jpeg',
      why: 'sent as a smaller JPEG: it takes up to 10 MB, this one is 24 MB',
    });
  });

  it('scales down a frame larger than the model takes', () => {
    const seedance: StillLimits = { ...KLING, formats: ['image/jpeg', 'image/png', 'image/webp'], maxSide: 6000 };
    expect(planStill(seedance, image('image/webp', 8000, 4500), true)).toEqual({
      convert: 'image/jpeg',
      why: 'sent scaled down: it takes up to 6000 px a side, this one is 8000×4500',
    });
    expect(planStill(seedance, image('image/webp', 1280, 720), true)).toEqual({ send: true });
  });

  it('refuses what cannot be fixed without changing the picture, saying what the model takes', () => {
    expect(planStill(KLING, image('image/png', 256, 200), true)).toEqual({
      refuse: 'it takes at least 300 px on each side; this one is 256×200',
    });
    expect(planStill(KLING, image('image/png', 600, 1800), true)).toEqual({
      refuse: 'it takes shapes between 1:2.5 and 2.5:1; this one is 600×1800 (1:3): crop it first',
    });
    // The shape rule is documented for the first frame only.
    expect(planStill(KLING, image('image/png', 600, 1800), false)).toEqual({ send: true });
    expect(planStill(KLING, { header: undefined, bytes: 10 }, true)).toEqual({
      refuse: 'it is not a PNG, JPEG or WebP image',
    });
  });
});
