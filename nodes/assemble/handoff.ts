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

/** What both writers write: the edit, the soundtrack's frames and the title markers, all in frames at the cut's rate. */
export interface HandoffPlan {
  edit: EditList;
  /** Frames of the soundtrack under the picture, from its start (it starts with the cut). */
  soundtrackFrames?: number;
  markers: HandoffMarker[];
}

export function handoffPlan(cut: HandoffCut): HandoffPlan {
  const edit = editList(
    cut.clips.map((clip) => clip.decision),
    cut.clips.map((clip) => clip.media.duration),
    cut.fps,
  );
  const frameOf = (seconds: number) => Math.min(edit.frames, Math.max(0, Math.round(seconds * cut.fps)));
  const markers = cut.titles
    .filter((title) => title.text.trim() !== '' && frameOf(title.start) < edit.frames)
    .map((title) => {
      const start = frameOf(title.start);
      const [name] = title.text.trim().split('\n');
      return {
        name: name.trim(),
        comment: title.text,
        start,
        duration: frameOf(title.end ?? edit.frames / cut.fps) - start,
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
