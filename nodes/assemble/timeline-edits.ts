/**
 * What the timeline panel does to an Assemble, each as a patch of its params (one undoable edit):
 * trim a clip's in or out to a time of its own, move a clip in the order, change how a clip comes
 * in. Pure, so the panel, its keys (I and O) and the tests agree on every number.
 */
import { timelineOrder, zClipSettings, type AssembleParams, type ClipSettings } from './schema';
import type { Placement } from './timeline';

/** No trim leaves a clip shorter than this (seconds): a tenth of a second, about two frames. */
export const SHORTEST_CLIP = 0.1;

/** The clip settings at `position`, defaults filled, with the list long enough to hold it. */
function settingsAt(clips: readonly Partial<ClipSettings>[] | undefined, position: number) {
  const next = [...(clips ?? [])] as Partial<ClipSettings>[];
  while (next.length <= position) next.push({});
  return { next, current: zClipSettings.parse(next[position]) };
}

/** An Assemble's clip settings as stored: each may leave its defaults out. */
type StoredClips = { clips?: readonly Partial<ClipSettings>[] };

/**
 * Moves one edge of the clip at `position` (in the connection order) to `seconds` of that clip,
 * kept inside the clip and at least SHORTEST_CLIP long; an out at the clip's end is no trim.
 */
export function trimPatch(
  params: StoredClips,
  position: number,
  edge: 'in' | 'out',
  seconds: number,
  duration: number,
): Pick<AssembleParams, 'clips'> {
  const { next, current } = settingsAt(params.clips, position);
  // Up to the millisecond: a time just under a frame's would show the frame before it.
  const round = (value: number) => Math.ceil(value * 1000 - 1e-6) / 1000;
  if (edge === 'in') {
    const out = Math.min(current.trimOut ?? duration, duration);
    next[position] = {
      ...next[position],
      trimIn: Math.max(0, round(Math.min(Math.max(0, seconds), out - SHORTEST_CLIP))),
    };
  } else {
    const out = round(Math.max(current.trimIn + SHORTEST_CLIP, Math.min(seconds, duration)));
    const patched: Partial<ClipSettings> = { ...next[position], trimOut: out };
    if (out >= duration) delete patched.trimOut;
    next[position] = patched;
  }
  return { clips: next as ClipSettings[] };
}

/** Moves the clip at timeline place `from` to place `to` (the others keep their order). */
export function movePatch(
  params: Pick<AssembleParams, 'order'>,
  count: number,
  from: number,
  to: number,
): Pick<AssembleParams, 'order'> {
  const order = timelineOrder(params.order, count);
  if (from < 0 || from >= count) return { order };
  const [moved] = order.splice(from, 1);
  order.splice(Math.max(0, Math.min(to, order.length)), 0, moved);
  return { order };
}

/** How the clip at `position` comes in after the one before it. */
export function transitionPatch(
  params: StoredClips,
  position: number,
  transition: ClipSettings['transition'],
): Pick<AssembleParams, 'clips'> {
  const { next } = settingsAt(params.clips, position);
  next[position] = { ...next[position], transition };
  return { clips: next as ClipSettings[] };
}

/**
 * The clip showing at time `t`, its place in the timeline or -1: in a crossfade, the later one
 * (coming in), or with `ending` the earlier one (going out: the one an out point trims).
 */
export function clipAt(placements: readonly Placement[], t: number, ending = false): number {
  const shows = (place: Placement) => t >= place.start && t < place.start + place.length;
  return ending ? placements.findIndex(shows) : placements.findLastIndex(shows);
}

/** Timecode as editors read it: hours, minutes, seconds and frames (at a whole rate). */
export function timecode(seconds: number, fps: number): string {
  const rate = Math.max(1, Math.round(fps));
  const frames = Math.max(0, Math.round(seconds * fps));
  const [h, m, s, f] = [
    Math.floor(frames / (rate * 3600)),
    Math.floor(frames / (rate * 60)) % 60,
    Math.floor(frames / rate) % 60,
    frames % rate,
  ];
  return [h, m, s, f].map((part) => String(part).padStart(2, '0')).join(':');
}
