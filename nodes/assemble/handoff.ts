/**
 * An Assemble's cut as handed to an editor (DaVinci Resolve, Premiere, Final Cut): the clips as
 * they are, referenced by relative path, with the edit in whole frames; the soundtrack; titles as
 * markers. What the OTIO and FCP7 XML writers (otio.ts, fcp7.ts) both read, and what the tests
 * read back from them (TimelineRead).
 */
import { editList, type EditList } from './edit-list';
import type { EditDecision } from './timeline';
import type { Title } from './schema';

/** A file in the hand-off, by its path relative to the timeline file. */
export interface HandoffMedia {
  name: string;
  path: string;
  /** Seconds, as its container says. */
  duration: number;
  fps?: number;
  width?: number;
  height?: number;
  hasAudio?: boolean;
}

export interface HandoffCut {
  name: string;
  width: number;
  height: number;
  fps: number;
  clips: readonly { media: HandoffMedia; decision: EditDecision }[];
  soundtrack?: HandoffMedia & { gainDb: number; fadeOut: number };
  titles: readonly Title[];
  /** How far clip sound dips under the soundtrack in the render, in dB (said in the metadata). */
  duckDb?: number;
}

/** A title as a marker on the cut: its first line as the name, all its words as the comment. */
export interface HandoffMarker {
  name: string;
  comment: string;
  start: number;
  duration: number;
}

/** A relative path as a URL path, as both files name media: each part percent-encoded (a space, a `#`). */
export const urlOfPath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * A frame rate as editors write it: a probe's 23.98 or 29.97 is 24000/1001 or 30000/1001 (else a
 * cut of NTSC clips drifts a frame a minute), and 24.02 is 24.
 */
export function exactRate(fps: number): number {
  for (const whole of [24, 30, 48, 60, 120]) {
    const ntsc = (whole * 1000) / 1001;
    if (Math.abs(fps - ntsc) < 0.01) return ntsc;
  }
  const whole = Math.round(fps);
  return Math.abs(fps - whole) < 0.05 ? whole : fps;
}

/** What both writers write: the edit, the soundtrack's frames and the title markers, all in frames at the cut's rate. */
export interface HandoffPlan {
  edit: EditList;
  /** Frames of the soundtrack under the picture, from its start (it starts with the cut). */
  soundtrackFrames?: number;
  /** The titles that show, each with its marker. */
  markers: (HandoffMarker & { title: Title })[];
}

export function handoffPlan(cut: HandoffCut): HandoffPlan {
  const fps = exactRate(cut.fps);
  const edit = editList(
    cut.clips.map((clip) => clip.decision),
    cut.clips.map((clip) => clip.media.duration),
    fps,
  );
  const frameOf = (seconds: number) => Math.min(edit.frames, Math.max(0, Math.round(seconds * fps)));
  const markers = cut.titles
    .filter((title) => title.text.trim() !== '' && frameOf(title.start) < edit.frames)
    .map((title) => {
      const start = frameOf(title.start);
      const [name] = title.text.trim().split('\n');
      return {
        name: name.trim(),
        comment: title.text,
        start,
        duration: frameOf(title.end ?? edit.frames / fps) - start,
        title,
      };
    });
  return {
    edit,
    soundtrackFrames: cut.soundtrack ? frameOf(cut.soundtrack.duration) : undefined,
    markers,
  };
}

/** A timeline as read back from an OTIO or FCP7 XML file: the parts Reelgraph models, in frames at the timeline's rate. */
export interface TimelineRead {
  name: string;
  rate: number;
  tracks: { kind: 'video' | 'audio'; name: string; items: TimelineReadItem[] }[];
  markers: HandoffMarker[];
}

export type TimelineReadItem =
  | { type: 'clip'; name: string; url?: string; recordIn: number; duration: number; sourceIn: number }
  | { type: 'gap'; recordIn: number; duration: number }
  | { type: 'nested'; name: string; recordIn: number; duration: number }
  | { type: 'transition'; name: string; cut: number; inOffset: number; outOffset: number };
