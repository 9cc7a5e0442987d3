import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editList, framesShowing, type EditClip, type EditTransition } from './edit-list';
import { placeClips, type EditDecision } from './timeline';

const decision = (overrides: Partial<EditDecision> = {}): EditDecision => ({
  trimIn: 0,
  transition: 'cut',
  transitionDuration: 0.5,
  focusX: 0.5,
  focusY: 0.5,
  ...overrides,
});

/** The frames the renderer gives each clip, by its own loop (src/media/reencode.ts). */
function renderedFrames(decisions: EditDecision[], durations: number[], fps: number) {
  const { placements, duration } = placeClips(
    decisions,
    durations.map((seconds) => ({ duration: seconds })),
  );
  const frames = Math.max(1, Math.round(duration * fps));
  return placements.map((place) => {
    const shown: number[] = [];
    for (let frame = 0; frame < frames; frame++) {
      const t = frame / fps;
      if (t >= place.start && t < place.start + place.length) shown.push(frame);
    }
    return { shown, source: shown.map((frame) => place.trimIn + (frame / fps - place.start)) };
  });
}

describe('the edit list', () => {
  it('gives three clips with a crossfade and a fade through black their frames, cut points and handles', () => {
    const list = editList(
      [
        decision(),
        decision({ transition: 'crossfade', transitionDuration: 1, trimIn: 0.5 }),
        decision({ transition: 'fade-black', transitionDuration: 1 }),
      ],
      [4, 4, 2],
      24,
    );
    // 4 + 3.5 − 1 (overlap) + 2 = 8.5 s = 204 frames.
    expect(list.frames).toBe(204);
    expect(list.items).toEqual([
      { type: 'clip', at: 0, recordIn: 0, recordOut: 84, sourceIn: 0 },
      { type: 'transition', kind: 'dissolve', cut: 84, inOffset: 12, outOffset: 12 },
      { type: 'clip', at: 1, recordIn: 84, recordOut: 156, sourceIn: 24 },
      { type: 'transition', kind: 'dip-to-black', cut: 156, inOffset: 12, outOffset: 12 },
      { type: 'clip', at: 2, recordIn: 156, recordOut: 204, sourceIn: 0 },
    ]);
  });

  it('gives clips of whole NTSC frames whole frames at their exact rate', () => {
    // Three 120-frame clips at 23.976: 360 frames, cut every 120.
    const list = editList([decision(), decision(), decision()], [5.005, 5.005, 5.005], 24000 / 1001);
    expect(list.frames).toBe(360);
    expect(list.items.map((item) => (item.type === 'clip' ? [item.recordIn, item.recordOut] : item.kind))).toEqual([
      [0, 120],
      [120, 240],
      [240, 360],
    ]);
  });

  it('tests frames as the renderer does, at rates that are not whole', () => {
    expect(framesShowing(0, 1, 29.97, 100)).toEqual([0, 30]);
    expect(framesShowing(1 / 3, 2 / 3, 24, 100)).toEqual([8, 16]);
  });

  it('covers every frame of the render once on the record side, and each clip where the renderer shows it', () => {
    const zDecision = fc.record({
      trimIn: fc.constantFrom(0, 0.25, 0.5, 1.1),
      transition: fc.constantFrom('cut' as const, 'crossfade' as const, 'fade-black' as const),
      transitionDuration: fc.constantFrom(0.1, 0.5, 1, 2.5),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(zDecision, fc.constantFrom(1.5, 2, 3.04, 4, 5.0417, 5.005)), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(24, 25, 30, 29.97, 24000 / 1001),
        (entries, fps) => {
          const decisions = entries.map(([settings]) => decision(settings));
          const durations = entries.map(([, seconds]) => seconds);
          const list = editList(decisions, durations, fps);
          const rendered = renderedFrames(decisions, durations, fps);
          const clips = list.items.filter((item): item is EditClip => item.type === 'clip');
          // The record side is contiguous from 0 to the last frame.
          expect(clips[0].recordIn).toBe(0);
          clips.slice(1).forEach((clip, at) => expect(clip.recordIn).toBe(clips[at].recordOut));
          expect(clips.at(-1)!.recordOut).toBe(list.frames);
          // With a dissolve's handles, each clip shows where and what the renderer shows.
          list.items.forEach((item, index) => {
            if (item.type !== 'clip') return;
            const before = list.items[index - 1] as EditTransition | undefined;
            const after = list.items[index + 1] as EditTransition | undefined;
            const head = before?.type === 'transition' && before.kind === 'dissolve' ? before.inOffset : 0;
            const tail = after?.type === 'transition' && after.kind === 'dissolve' ? after.outOffset : 0;
            const { shown, source } = rendered[item.at];
            expect([item.recordIn - head, item.recordOut + tail]).toEqual([shown[0], shown.at(-1)! + 1]);
            expect(item.sourceIn - head).toBe(Math.floor(source[0] * fps + 1e-6));
          });
          // Clips the renderer never shows are left out, and only those.
          expect(clips.map((clip) => clip.at)).toEqual(
            rendered.flatMap((frames, at) => (frames.shown.length > 0 ? [at] : [])),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
