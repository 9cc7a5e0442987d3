/**
 * The cut in whole frames at its rate, as an editor receives it: each clip's place on the record
 * side and the frames of it shown, and the transitions between clips around a cut point. Worked out
 * with the renderer's own rule (the frame at t = n / fps shows a clip where start ≤ t < start +
 * length; src/media/reencode.ts), so a hand-off lines up with the rendered MP4 frame for frame.
 * The OTIO and FCP7 XML writers read this list and nothing else.
 */
import { placeClips, type EditDecision } from './timeline';

/** A clip on the record side: frames [recordIn, recordOut) of the cut show its frames from sourceIn on. */
export interface EditClip {
  type: 'clip';
  /** The clip's position in the timeline order. */
  at: number;
  recordIn: number;
  recordOut: number;
  /** Its first frame used, counted at the cut's rate from the clip's start. */
  sourceIn: number;
}

/**
 * A transition at a cut point, taking no time of its own (OTIO's model, and FCP7's alignment):
 * `inOffset` frames before the cut and `outOffset` after it. A dissolve mixes the clips either
 * side (whose frames run on past the cut under it); a dip to black fades the first clip out to
 * black before the cut and the next in from black after it, over their own frames.
 */
export interface EditTransition {
  type: 'transition';
  kind: 'dissolve' | 'dip-to-black';
  cut: number;
  inOffset: number;
  outOffset: number;
}

export type EditItem = EditClip | EditTransition;

export interface EditList {
  rate: number;
  /** Frames in the cut, as the renderer makes it. */
  frames: number;
  items: EditItem[];
}

/** The frames n (0 ≤ n < frames) with from ≤ n / fps < to, tested exactly as the renderer tests them. */
export function framesShowing(from: number, to: number, fps: number, frames: number): [number, number] {
  let first = Math.max(0, Math.ceil(from * fps));
  while (first > 0 && (first - 1) / fps >= from) first--;
  while (first / fps < from) first++;
  let end = Math.max(first, Math.ceil(to * fps));
  while (end > first && (end - 1) / fps >= to) end--;
  while (end / fps < to) end++;
  return [Math.min(first, frames), Math.min(end, frames)];
}

/** The edit list of clips with these decisions and durations (seconds) at `fps`. */
export function editList(decisions: readonly EditDecision[], durations: readonly number[], fps: number): EditList {
  const { placements, duration } = placeClips(
    decisions,
    durations.map((seconds) => ({ duration: seconds })),
  );
  const frames = Math.max(1, Math.round(duration * fps));
  const shown = placements.map((place) => framesShowing(place.start, place.start + place.length, fps, frames));
  // The source frame a placed frame shows, at the cut's rate: the renderer asks the decoder for
  // trimIn + (t − start) and gets the frame that starts at or before it.
  const sourceAt = (at: number, frame: number) =>
    Math.floor((placements[at].trimIn + frame / fps - placements[at].start) * fps + 1e-6);

  const items: EditItem[] = [];
  let previous: EditClip | undefined;
  placements.forEach((place, at) => {
    const [first, end] = shown[at];
    if (end <= first) return; // shorter than a frame: not in the render either
    const clip: EditClip = { type: 'clip', at, recordIn: first, recordOut: end, sourceIn: sourceAt(at, first) };
    if (previous && place.transition === 'crossfade' && previous.recordOut > first) {
      // The overlap [first, previous end) becomes a dissolve around a cut in its middle.
      const overlap = previous.recordOut - first;
      const inOffset = Math.floor(overlap / 2);
      const cut = first + inOffset;
      previous.recordOut = cut;
      clip.recordIn = cut;
      clip.sourceIn += inOffset;
      items.push({ type: 'transition', kind: 'dissolve', cut, inOffset, outOffset: overlap - inOffset });
    } else if (previous && place.transition === 'fade-black' && place.transitionDuration > 0) {
      const half = Math.min(
        Math.round((place.transitionDuration / 2) * fps),
        previous.recordOut - previous.recordIn,
        end - first,
      );
      if (half > 0)
        items.push({ type: 'transition', kind: 'dip-to-black', cut: first, inOffset: half, outOffset: half });
    }
    items.push(clip);
    previous = clip;
  });
  return { rate: fps, frames, items };
}

/** The clips of an edit list, in order. */
export const editClips = (list: EditList): EditClip[] =>
  list.items.filter((item): item is EditClip => item.type === 'clip');
