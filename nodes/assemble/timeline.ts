/**
 * The timeline model: where each clip sits, how it comes in, what the cut can be made by, all
 * pure functions of the clips' settings and what their containers say. The renderer, the audio
 * mix (and the timeline panel and exporters to come) read it, so what plays is what renders.
 */
import type { TimelineClip } from '../providers';

/** What the timeline needs to know about a clip (src/media/probe reads it from the container). */
export interface ClipInfo {
  width: number;
  height: number;
  fps: number;
  duration: number;
  /** WebCodecs codec string, e.g. avc1.640028. */
  codec: string;
  /** The decoder configuration bytes (avcC): clips join without re-encoding only when these match. */
  description: string;
  hasAudio: boolean;
}

/** One clip placed on the timeline. */
export interface Placement {
  /** Where the clip starts on the timeline, in seconds. */
  start: number;
  /** Seconds of the clip used (after trims). */
  length: number;
  trimIn: number;
  /** Overlap with the previous clip (crossfade), or the half-fades of a fade through black. */
  transition: TimelineClip['transition'];
  transitionDuration: number;
}

/** A clip's edit decisions: its trims, how it comes in, and its focus point (an Assemble's settings for it). */
export type EditDecision = Pick<
  TimelineClip,
  'trimIn' | 'trimOut' | 'transition' | 'transitionDuration' | 'focusX' | 'focusY'
>;

/**
 * Places clips end to end from their edit decisions and durations alone (no media needed): a
 * crossfade overlaps the clips; cuts and fades through black do not.
 */
export function placeClips(
  clips: readonly EditDecision[],
  infos: readonly Pick<ClipInfo, 'duration'>[],
): { placements: Placement[]; duration: number } {
  const placements: Placement[] = [];
  let end = 0;
  clips.forEach((clip, at) => {
    const info = infos[at];
    const trimOut = Math.min(clip.trimOut ?? info.duration, info.duration);
    const length = trimOut - clip.trimIn;
    if (length <= 0)
      throw new Error(`Clip ${at + 1}: trim in (${clip.trimIn} s) is at or past its end (${trimOut.toFixed(2)} s).`);
    const transition = at === 0 ? 'cut' : clip.transition;
    const previous = placements[at - 1];
    const overlap =
      transition === 'crossfade'
        ? Math.min(clip.transitionDuration, length / 2, previous ? previous.length / 2 : 0)
        : 0;
    const start = Math.max(0, end - overlap);
    placements.push({
      start,
      length,
      trimIn: clip.trimIn,
      transition,
      transitionDuration:
        transition === 'cut'
          ? 0
          : transition === 'crossfade'
            ? overlap
            : Math.min(clip.transitionDuration, length, previous?.length ?? 0),
    });
    end = start + length;
  });
  return { placements, duration: end };
}

/**
 * Whether the clips can be joined by copying their H.264 packets: same codec configuration,
 * size and rate, no trims, only cuts, and a timeline that asks for nothing different.
 */
export function canStreamCopy(
  clips: readonly EditDecision[],
  infos: readonly ClipInfo[],
  target: { width?: number; height?: number; fps?: number },
): boolean {
  const [first] = infos;
  if (!first || !first.codec.startsWith('avc1')) return false;
  if (
    (target.width !== undefined && target.width !== first.width) ||
    (target.height !== undefined && target.height !== first.height)
  )
    return false;
  if (target.fps !== undefined && Math.abs(target.fps - first.fps) > 0.01) return false;
  return clips.every((clip, at) => {
    const info = infos[at];
    const untrimmed = clip.trimIn === 0 && (clip.trimOut === undefined || clip.trimOut >= info.duration);
    const cut = at === 0 || clip.transition === 'cut';
    return (
      untrimmed &&
      cut &&
      info.codec === first.codec &&
      info.description === first.description &&
      info.width === first.width &&
      info.height === first.height &&
      Math.abs(info.fps - first.fps) <= 0.01
    );
  });
}

/** Opacity of a placed clip at timeline time `t`: fades for crossfades and fades through black. */
export function clipOpacity(placements: readonly Placement[], index: number, t: number): number {
  const here = placements[index];
  const local = t - here.start;
  let alpha = 1;
  if (here.transition === 'crossfade' && here.transitionDuration > 0)
    alpha = Math.min(alpha, local / here.transitionDuration);
  if (here.transition === 'fade-black' && here.transitionDuration > 0)
    alpha = Math.min(alpha, local / (here.transitionDuration / 2));
  const next = placements[index + 1];
  if (next?.transition === 'fade-black' && next.transitionDuration > 0)
    alpha = Math.min(alpha, (here.length - local) / (next.transitionDuration / 2));
  return Math.max(0, Math.min(1, alpha));
}

/**
 * Where a soundtrack fades out: over the last `fadeOut` seconds of the picture when it would
 * still be playing at the last frame (else it would stop mid-note there), never longer than
 * the picture. A soundtrack that ends first needs none: it ends as it was made.
 */
export function soundtrackFade(
  soundtrackSeconds: number,
  pictureSeconds: number,
  fadeOut: number,
): { start: number; length: number } | undefined {
  // A few samples of difference is the same end.
  if (fadeOut <= 0 || soundtrackSeconds <= pictureSeconds + 0.001) return undefined;
  const length = Math.min(fadeOut, pictureSeconds);
  return { start: pictureSeconds - length, length };
}
