import { describe, expect, it } from 'vitest';
import type { TimelineClip } from '../providers';
import { canStreamCopy, clipOpacity, placeClips, soundtrackFade, type ClipInfo } from './timeline';

const info = (overrides: Partial<ClipInfo> = {}): ClipInfo => ({
  width: 1280,
  height: 720,
  fps: 24,
  duration: 4,
  codec: 'avc1.640028',
  description: 'aa',
  hasAudio: false,
  ...overrides,
});
const clip = (overrides: Partial<TimelineClip> = {}): TimelineClip => ({
  blob: new Blob(),
  trimIn: 0,
  transition: 'cut',
  transitionDuration: 0.5,
  ...overrides,
});

describe('timeline', () => {
  it('places clips end to end; a crossfade overlaps them', () => {
    const { placements, duration } = placeClips(
      [clip(), clip({ transition: 'crossfade', transitionDuration: 1 }), clip({ trimIn: 1, trimOut: 3 })],
      [info(), info(), info()],
    );
    expect(placements.map((place) => [place.start, place.length])).toEqual([
      [0, 4],
      [3, 4],
      [7, 2],
    ]);
    expect(duration).toBe(9);
  });

  it('fades through black without overlapping', () => {
    const { placements, duration } = placeClips(
      [clip(), clip({ transition: 'fade-black', transitionDuration: 1 })],
      [info(), info()],
    );
    expect(duration).toBe(8);
    expect(clipOpacity(placements, 0, 3.75)).toBeCloseTo(0.5);
    expect(clipOpacity(placements, 1, 4.25)).toBeCloseTo(0.5);
    expect(clipOpacity(placements, 1, 6)).toBe(1);
  });

  it('ramps the incoming clip over the outgoing one in a crossfade', () => {
    const { placements } = placeClips(
      [clip(), clip({ transition: 'crossfade', transitionDuration: 1 })],
      [info(), info()],
    );
    expect(clipOpacity(placements, 0, 3.5)).toBe(1);
    expect(clipOpacity(placements, 1, 3.5)).toBeCloseTo(0.5);
  });

  it('refuses a trim past the end of a clip', () => {
    expect(() => placeClips([clip({ trimIn: 5 })], [info()])).toThrow(/Clip 1: trim in \(5 s\) is at or past its end/);
  });

  it('stream-copies only identical, untrimmed clips joined by cuts', () => {
    const two = [clip(), clip()];
    expect(canStreamCopy(two, [info(), info()], {})).toBe(true);
    expect(canStreamCopy(two, [info(), info({ description: 'bb' })], {})).toBe(false);
    expect(canStreamCopy(two, [info(), info({ width: 1920, height: 1080 })], {})).toBe(false);
    expect(canStreamCopy(two, [info(), info({ fps: 30 })], {})).toBe(false);
    expect(canStreamCopy([clip(), clip({ transition: 'crossfade' })], [info(), info()], {})).toBe(false);
    expect(canStreamCopy([clip({ trimOut: 2 }), clip()], [info(), info()], {})).toBe(false);
    expect(canStreamCopy(two, [info(), info()], { fps: 30 })).toBe(false);
    expect(canStreamCopy(two, [info({ codec: 'vp09.00.10.08' }), info({ codec: 'vp09.00.10.08' })], {})).toBe(false);
  });
});

describe('soundtrackFade', () => {
  it('fades a soundtrack that outlasts the picture over its last seconds, ending on the last frame', () => {
    expect(soundtrackFade(12, 11, 2)).toEqual({ start: 9, length: 2 });
    // Never longer than the picture.
    expect(soundtrackFade(12, 1.5, 2)).toEqual({ start: 0, length: 1.5 });
  });

  it('leaves alone a soundtrack that ends with or before the picture, and one asked to cut', () => {
    expect(soundtrackFade(4, 4, 2)).toBeUndefined();
    expect(soundtrackFade(4.0004, 4, 2)).toBeUndefined();
    expect(soundtrackFade(3, 4, 2)).toBeUndefined();
    expect(soundtrackFade(12, 4, 0)).toBeUndefined();
  });
});
