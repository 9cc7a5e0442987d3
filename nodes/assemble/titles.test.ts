import { describe, expect, it } from 'vitest';
import { LOWER_THIRD, zAssembleParams, zTitle } from './schema';
import { titleFont, titleMidpoint, titleOpacity, titlePlace, titlesShowAt } from './titles';

const title = (patch: Partial<ReturnType<typeof zTitle.parse>> = {}) => zTitle.parse({ text: 'Hello', ...patch });

describe('a title on the cut', () => {
  it('shows from its in to its out, fading over its fade at each edge', () => {
    const fading = title({ start: 1, end: 3, fade: 0.5 });
    expect(titleOpacity(fading, 0.99, 10)).toBe(0);
    expect(titleOpacity(fading, 1, 10)).toBe(0);
    expect(titleOpacity(fading, 1.25, 10)).toBeCloseTo(0.5);
    expect(titleOpacity(fading, 2, 10)).toBe(1);
    expect(titleOpacity(fading, 2.75, 10)).toBeCloseTo(0.5);
    expect(titleOpacity(fading, 3, 10)).toBe(0);
    expect(titleMidpoint(fading, 10)).toBe(2);
  });

  it('runs to the end of the cut with no out, or a cut shorter than its out; a short one fades over half its time', () => {
    expect(titleOpacity(title({ start: 0, fade: 0 }), 9.9, 10)).toBe(1);
    expect(titleMidpoint(title({ start: 2, end: 30 }), 6)).toBe(4);
    expect(titleOpacity(title({ start: 0, end: 1, fade: 2 }), 0.5, 10)).toBe(1);
    expect(titlesShowAt([title({ text: '   ' })], 1, 10)).toBe(false);
  });

  it('sits inside the title-safe margin at its anchor, moved by its offset in percent of the frame', () => {
    expect(titlePlace({ anchor: 'top-left', offsetX: 0, offsetY: 0 }, 100, 50, 1000, 500)).toEqual({
      x: 80,
      y: 40,
      align: 'left',
    });
    expect(titlePlace({ anchor: 'bottom-right', offsetX: -10, offsetY: 0 }, 100, 50, 1000, 500)).toEqual({
      x: 720,
      y: 410,
      align: 'right',
    });
    expect(titlePlace({ anchor: 'center', offsetX: 0, offsetY: 10 }, 100, 50, 1000, 500)).toEqual({
      x: 450,
      y: 275,
      align: 'center',
    });
  });

  it('is sized by the frame’s height, so a 4K render and a small preview look alike', () => {
    expect(titleFont(title({ size: 10 }), 2160)).toBe('700 216px "Reelgraph Title Sans"');
    expect(titleFont(title({ size: 10, font: 'display' }), 720)).toBe('400 72px "Reelgraph Title Display"');
  });

  it('refuses what a title cannot be, naming it', () => {
    const checked = zAssembleParams.safeParse({ titles: [{ color: 'red' }] });
    expect(checked.success).toBe(false);
    expect(checked.error?.issues[0]).toMatchObject({
      path: ['titles', 0, 'color'],
      message: 'must be a colour as #rrggbb',
    });
    expect(zTitle.parse(LOWER_THIRD)).toEqual(LOWER_THIRD);
  });
});
