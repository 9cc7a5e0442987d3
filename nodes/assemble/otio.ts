/**
 * OpenTimelineIO (.otio, JSON) for a hand-off: written with the schema names and versions
 * OpenTimelineIO writes today (Timeline.1, Stack.1, Track.1, Clip.2, Gap.1, Transition.1,
 * ExternalReference.1, Marker.3), and read back (any of those, and Clip.1) into TimelineRead.
 * Titles go as markers on the timeline's stack, their style in the marker's metadata.
 */
import { z } from 'zod';
import {
  exactRate,
  handoffPlan,
  urlOfPath,
  type HandoffCut,
  type HandoffMedia,
  type TimelineRead,
  type TimelineReadItem,
} from './handoff';
import type { EditClip } from './edit-list';

const rationalTime = (value: number, rate: number) => ({ OTIO_SCHEMA: 'RationalTime.1', rate, value });
const timeRange = (start: number, duration: number, rate: number) => ({
  OTIO_SCHEMA: 'TimeRange.1',
  duration: rationalTime(duration, rate),
  start_time: rationalTime(start, rate),
});
const item = (schema: string, name: string, extra: Record<string, unknown>) => ({
  OTIO_SCHEMA: schema,
  metadata: {},
  name,
  color: null,
  effects: [],
  markers: [],
  enabled: true,
  ...extra,
});

/** A file, at its own rate (the cut's where its rate is unknown). */
function externalReference(media: HandoffMedia, cutRate: number) {
  const rate = media.fps ? exactRate(media.fps) : cutRate;
  return {
    OTIO_SCHEMA: 'ExternalReference.1',
    metadata: {},
    name: media.name,
    available_range: timeRange(0, Math.round(media.duration * rate), rate),
    available_image_bounds: null,
    target_url: urlOfPath(media.path),
  };
}

function clip(media: HandoffMedia, sourceIn: number, frames: number, rate: number, metadata = {}) {
  return item('Clip.2', media.name, {
    metadata,
    source_range: timeRange(sourceIn, frames, rate),
    media_references: { DEFAULT_MEDIA: externalReference(media, rate) },
    active_media_reference_key: 'DEFAULT_MEDIA',
  });
}

const gap = (frames: number, rate: number) => item('Gap.1', '', { source_range: timeRange(0, frames, rate) });

const TRANSITION_NAMES = { dissolve: 'Cross Dissolve', 'dip-to-black': 'Dip to Black' };

/** The cut as an OpenTimelineIO timeline (a JSON value: `JSON.stringify` it into a .otio file). */
export function cutToOtio(cut: HandoffCut): Record<string, unknown> {
  const { edit, soundtrackFrames, markers } = handoffPlan(cut);
  const rate = edit.rate;
  const video = edit.items.map((entry) =>
    entry.type === 'clip'
      ? clip(cut.clips[entry.at].media, entry.sourceIn, entry.recordOut - entry.recordIn, rate, {
          reelgraph: { focus: { x: cut.clips[entry.at].decision.focusX, y: cut.clips[entry.at].decision.focusY } },
        })
      : {
          OTIO_SCHEMA: 'Transition.1',
          metadata: { reelgraph: { kind: entry.kind } },
          name: TRANSITION_NAMES[entry.kind],
          enabled: true,
          in_offset: rationalTime(entry.inOffset, rate),
          out_offset: rationalTime(entry.outOffset, rate),
          transition_type: 'SMPTE_Dissolve',
        },
  );
  const tracks = [item('Track.1', 'Video 1', { source_range: null, children: video, kind: 'Video' })];

  const clips = edit.items.filter((entry): entry is EditClip => entry.type === 'clip');
  if (clips.some((entry) => cut.clips[entry.at].media.hasAudio)) {
    // Each clip's own sound under its picture (cuts only: the dissolves are the picture's).
    const children: unknown[] = [];
    for (const entry of clips) {
      const media = cut.clips[entry.at].media;
      const frames = entry.recordOut - entry.recordIn;
      children.push(media.hasAudio ? clip(media, entry.sourceIn, frames, rate) : gap(frames, rate));
    }
    tracks.push(item('Track.1', 'Clip sound', { source_range: null, children, kind: 'Audio' }));
  }
  if (cut.soundtrack && soundtrackFrames) {
    const { gainDb, fadeOut } = cut.soundtrack;
    tracks.push(
      item('Track.1', 'Soundtrack', {
        source_range: null,
        children: [clip(cut.soundtrack, 0, soundtrackFrames, rate, { reelgraph: { gainDb, fadeOut } })],
        kind: 'Audio',
      }),
    );
  }
  return {
    OTIO_SCHEMA: 'Timeline.1',
    metadata: {
      reelgraph: { width: cut.width, height: cut.height, fps: cut.fps, frames: edit.frames, duckDb: cut.duckDb },
    },
    name: cut.name,
    global_start_time: rationalTime(0, rate),
    tracks: item('Stack.1', 'tracks', {
      source_range: null,
      markers: markers.map((marker) => ({
        OTIO_SCHEMA: 'Marker.3',
        metadata: { reelgraph: { title: marker.title } },
        name: marker.name,
        color: { OTIO_SCHEMA: 'Color.1', name: 'YELLOW', r: 1, g: 1, b: 0, a: 1 },
        comment: marker.comment,
        marked_range: timeRange(marker.start, marker.duration, rate),
      })),
      children: tracks,
    }),
  };
}

// Reading: every object is checked for the fields read, the rest let through.
const zTime = z.looseObject({ rate: z.number().positive(), value: z.number() });
const zRange = z.looseObject({ start_time: zTime, duration: zTime });
const zReference = z.looseObject({ target_url: z.string().optional(), available_range: zRange.nullish() });
const zChild = z.looseObject({
  OTIO_SCHEMA: z.string(),
  name: z.string().nullish(),
  source_range: zRange.nullish(),
  in_offset: zTime.optional(),
  out_offset: zTime.optional(),
  media_reference: zReference.nullish(),
  media_references: z.record(z.string(), zReference).optional(),
  active_media_reference_key: z.string().optional(),
  children: z.array(z.unknown()).optional(),
});
const zMarker = z.looseObject({ name: z.string().nullish(), comment: z.string().optional(), marked_range: zRange });
const zTrack = z.looseObject({
  OTIO_SCHEMA: z.string().startsWith('Track.'),
  name: z.string().nullish(),
  kind: z.string(),
  children: z.array(zChild),
});
const zTimeline = z.looseObject({
  OTIO_SCHEMA: z.string().startsWith('Timeline.'),
  name: z.string().nullish(),
  global_start_time: zTime.nullish(),
  tracks: z.looseObject({ children: z.array(zTrack), markers: z.array(zMarker).optional() }),
});

/** Reads an .otio timeline's tracks, clips, gaps, transitions and markers; throws naming what is not OTIO. */
export function readOtio(text: string): TimelineRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Not an OpenTimelineIO file: it is not JSON (${(error as Error).message}).`, { cause: error });
  }
  const parsed = zTimeline.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(`Not an OpenTimelineIO timeline: at ${issue.path.join('.') || 'the top'}, ${issue.message}.`);
  }
  const timeline = parsed.data;
  const firstRange = timeline.tracks.children.flatMap((track) => track.children).find((child) => child.source_range);
  const rate = timeline.global_start_time?.rate ?? firstRange?.source_range?.duration.rate ?? 24;
  const frames = (time: z.infer<typeof zTime>) => Math.round((time.value * rate) / time.rate);
  /** A composition's length: its children one after another (a stack's: its longest track). */
  const lengthOf = (composition: z.infer<typeof zChild>): number => {
    const children = (composition.children ?? []).flatMap((each) => {
      const child = zChild.safeParse(each);
      return child.success ? [child.data] : [];
    });
    const lengths = children
      .filter((child) => !child.OTIO_SCHEMA.startsWith('Transition'))
      .map((child) => (child.source_range ? frames(child.source_range.duration) : lengthOf(child)));
    if (composition.OTIO_SCHEMA.startsWith('Stack')) return Math.max(0, ...lengths);
    return lengths.reduce((sum, length) => sum + length, 0);
  };

  const tracks = timeline.tracks.children.map((track) => {
    const items: TimelineReadItem[] = [];
    let at = 0;
    for (const child of track.children) {
      const schema = child.OTIO_SCHEMA.split('.')[0];
      if (schema === 'Transition') {
        items.push({
          type: 'transition',
          name: child.name ?? '',
          cut: at,
          inOffset: child.in_offset ? frames(child.in_offset) : 0,
          outOffset: child.out_offset ? frames(child.out_offset) : 0,
        });
        continue;
      }
      const reference =
        child.media_reference ??
        (child.media_references && child.media_references[child.active_media_reference_key ?? 'DEFAULT_MEDIA']);
      const range = child.source_range ?? reference?.available_range;
      // A nested stack or track without a range of its own lasts as long as what it holds.
      const duration = range
        ? frames(range.duration)
        : schema === 'Stack' || schema === 'Track'
          ? lengthOf(child)
          : NaN;
      if (!Number.isFinite(duration))
        throw new Error(`OTIO track “${track.name ?? ''}”: ${schema} “${child.name ?? ''}” has no range.`);
      if (schema === 'Gap') items.push({ type: 'gap', recordIn: at, duration });
      else if (schema === 'Clip')
        items.push({
          type: 'clip',
          name: child.name ?? '',
          ...(reference?.target_url ? { url: reference.target_url } : {}),
          recordIn: at,
          duration,
          // OTIO's source times count from the media's own start (its timecode): ours from its first frame.
          sourceIn: range
            ? frames(range.start_time) - (reference?.available_range ? frames(reference.available_range.start_time) : 0)
            : 0,
        });
      else items.push({ type: 'nested', name: child.name ?? '', recordIn: at, duration });
      at += duration;
    }
    return { kind: track.kind === 'Audio' ? ('audio' as const) : ('video' as const), name: track.name ?? '', items };
  });
  return {
    name: timeline.name ?? '',
    rate,
    tracks,
    markers: (timeline.tracks.markers ?? []).map((marker) => ({
      name: marker.name ?? '',
      comment: marker.comment ?? '',
      start: frames(marker.marked_range.start_time),
      duration: frames(marker.marked_range.duration),
    })),
  };
}
