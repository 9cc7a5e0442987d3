import { describe, expect, it } from 'vitest';
import { clipAt, movePatch, SHORTEST_CLIP, timecode, transitionPatch, trimPatch } from './timeline-edits';
import { placeClips } from './timeline';
import { zClipSettings } from './schema';

describe('the timeline panel’s edits', () => {
  it('trims a clip’s in and out inside the clip, never shorter than a tenth of a second', () => {
    expect(trimPatch({ clips: [] }, 1, 'in', 1.2345, 4).clips).toEqual([{}, { trimIn: 1.235 }]);
    expect(trimPatch({ clips: [{ trimIn: 0.5 }] }, 0, 'out', 3, 4).clips).toEqual([{ trimIn: 0.5, trimOut: 3 }]);
    // Past either end, or across the other edge: held where the clip allows.
    expect(trimPatch({ clips: [] }, 0, 'in', -2, 4).clips[0].trimIn).toBe(0);
    expect(trimPatch({ clips: [{ trimOut: 2 }] }, 0, 'in', 3, 4).clips[0].trimIn).toBe(2 - SHORTEST_CLIP);
    expect(trimPatch({ clips: [{ trimIn: 1 }] }, 0, 'out', 0.5, 4).clips[0].trimOut).toBe(1 + SHORTEST_CLIP);
    // An out at (or past) the end is no trim at all.
    expect(trimPatch({ clips: [{ trimIn: 1, trimOut: 3 }] }, 0, 'out', 9, 4).clips).toEqual([{ trimIn: 1 }]);
    // A frame's time is never rounded down past it (the decoder would show the frame before).
    expect(trimPatch({ clips: [] }, 0, 'in', 2 / 24, 4).clips[0].trimIn).toBeGreaterThanOrEqual(2 / 24);
    // A clip shorter than the shortest trim keeps its start at 0.
    expect(trimPatch({ clips: [] }, 0, 'in', 0.04, 0.05).clips[0].trimIn).toBe(0);
    // Every patch is settings the node takes.
    for (const clip of trimPatch({ clips: [{ transition: 'crossfade' }] }, 2, 'out', 1, 2).clips)
      expect(zClipSettings.safeParse(clip).success).toBe(true);
  });

  it('moves a clip in the timeline order, the others keeping theirs', () => {
    expect(movePatch({}, 3, 0, 2).order).toEqual([1, 2, 0]);
    expect(movePatch({ order: [2, 0, 1] }, 3, 2, 0).order).toEqual([1, 2, 0]);
    // A stored order that no longer fits the clips starts from connection order.
    expect(movePatch({ order: [0, 0] }, 2, 1, 0).order).toEqual([1, 0]);
    // A place that is not there moves nothing.
    expect(movePatch({ order: [1, 0] }, 2, 5, 0).order).toEqual([1, 0]);
  });

  it('sets how a clip comes in', () => {
    expect(transitionPatch({ clips: [{ trimIn: 1 }] }, 0, 'crossfade').clips).toEqual([
      { trimIn: 1, transition: 'crossfade' },
    ]);
  });

  it('finds the clip on top at a time, and says the time as timecode', () => {
    const { placements } = placeClips(
      [
        { trimIn: 0, transition: 'cut', transitionDuration: 0.5 },
        { trimIn: 0, transition: 'crossfade', transitionDuration: 1 },
      ],
      [{ duration: 3 }, { duration: 3 }],
    );
    expect([0, 1.9, 2, 2.5, 4.99, 5].map((t) => clipAt(placements, t))).toEqual([0, 0, 1, 1, 1, -1]);
    // An out point in a crossfade trims the clip going out.
    expect(clipAt(placements, 2.5, true)).toBe(0);
    expect(timecode(0, 24)).toBe('00:00:00:00');
    expect(timecode(61.5, 24)).toBe('00:01:01:12');
    // Non-drop-frame at 29.97: frames counted in thirties.
    expect(timecode(10, 29.97)).toBe('00:00:10:00');
  });
});
