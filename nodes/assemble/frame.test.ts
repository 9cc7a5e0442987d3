import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipRect, cutSize } from './frame';

describe('the cut’s frame', () => {
  it('takes its shape from the frame asked and its short side from the resolution (or the first clip)', () => {
    const first = { width: 1280, height: 720 };
    expect(cutSize('match-first', 'match-first', first)).toBeUndefined();
    expect(cutSize('9:16', 'match-first', first)).toEqual({ width: 720, height: 1280 });
    expect(cutSize('1:1', '1080p', first)).toEqual({ width: 1080, height: 1080 });
    expect(cutSize('4:5', '1080p', first)).toEqual({ width: 1080, height: 1350 });
    expect(cutSize('match-first', '4k', first)).toEqual({ width: 3840, height: 2160 });
  });

  it('crops a landscape clip into a vertical frame around its focus point, covering the frame', () => {
    const source = { width: 1280, height: 720 };
    // Scaled to 1280 high: 2276 wide; the middle of the clip in the middle of the frame.
    expect(clipRect('crop', { x: 0.5, y: 0.5 }, source, 720, 1280).rect).toMatchObject({ y: 0, height: 1280 });
    expect(clipRect('crop', { x: 0.5, y: 0.5 }, source, 720, 1280).rect.x).toBeCloseTo(360 - 2275.56 / 2, 1);
    // A focus at the right edge pulls the clip as far left as covering allows, and no further.
    expect(clipRect('crop', { x: 1, y: 0.5 }, source, 720, 1280).rect.x).toBeCloseTo(720 - 2275.56, 1);
  });

  it('keeps the focus point in frame and the frame covered, whatever the shapes (crop)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 4000 }),
        fc.integer({ min: 16, max: 4000 }),
        fc.integer({ min: 16, max: 4000 }),
        fc.integer({ min: 16, max: 4000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sourceWidth, sourceHeight, width, height, x, y) => {
          const { rect } = clipRect('crop', { x, y }, { width: sourceWidth, height: sourceHeight }, width, height);
          const slack = 1e-6 * Math.max(width, height, rect.width, rect.height);
          const [px, py] = [rect.x + x * rect.width, rect.y + y * rect.height];
          expect(px).toBeGreaterThanOrEqual(-slack);
          expect(px).toBeLessThanOrEqual(width + slack);
          expect(py).toBeGreaterThanOrEqual(-slack);
          expect(py).toBeLessThanOrEqual(height + slack);
          expect(rect.x).toBeLessThanOrEqual(slack);
          expect(rect.y).toBeLessThanOrEqual(slack);
          expect(rect.x + rect.width).toBeGreaterThanOrEqual(width - slack);
          expect(rect.y + rect.height).toBeGreaterThanOrEqual(height - slack);
        },
      ),
    );
  });

  it('shows the whole clip, centred, with bars or over its blurred copy', () => {
    const bars = clipRect('bars', { x: 0.9, y: 0.5 }, { width: 1280, height: 720 }, 720, 1280);
    expect(bars.fill).toBeUndefined();
    expect(bars.rect).toEqual({ x: 0, y: (1280 - 405) / 2, width: 720, height: 405 });
    const blur = clipRect('blur', { x: 0.5, y: 0.5 }, { width: 1280, height: 720 }, 720, 1280);
    expect(blur.rect).toEqual(bars.rect);
    expect(blur.fill?.height).toBe(1280);
  });
});
