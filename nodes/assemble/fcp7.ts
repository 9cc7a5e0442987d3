/**
 * Final Cut Pro 7 XML (xmeml version 4), the interchange DaVinci Resolve and Premiere import, for
 * a hand-off: one sequence, a video track of clipitems and transitionitems timed as
 * OpenTimelineIO's FCP7 adapter times them (a clip beside a transition ends or starts at -1, at the
 * transition's cut point, and its in/out run under it), the clips' own sound and the soundtrack on
 * audio tracks, titles as sequence markers. Read back into TimelineRead, the way that adapter reads.
 */
import { XMLParser } from 'fast-xml-parser';
import {
  exactRate,
  handoffPlan,
  urlOfPath,
  type HandoffCut,
  type HandoffMedia,
  type TimelineRead,
  type TimelineReadItem,
} from './handoff';
import type { EditClip, EditTransition } from './edit-list';

/** Text as XML 1.0 takes it: markup escaped, line breaks as character references (never re-indented), no control characters. */
const escape = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');

/** An element: its children are elements (already indented) or one text. */
function el(tag: string, content: string | number | readonly string[] = [], attributes: Record<string, string> = {}) {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join('');
  if (typeof content !== 'object') return `<${tag}${attrs}>${escape(String(content))}</${tag}>`;
  if (content.length === 0) return `<${tag}${attrs}/>`;
  const inner = content.map((child) => child.replace(/^/gm, '\t')).join('\n');
  return `<${tag}${attrs}>\n${inner}\n</${tag}>`;
}

/** FCP7's rate: a whole timebase, flagged NTSC where the rate is 1000/1001 of it (29.97 is 30 NTSC). */
function rate(fps: number) {
  const exact = exactRate(fps);
  const timebase = Math.round((exact * 1001) / 1000);
  const ntsc = Math.abs((timebase * 1000) / 1001 - exact) < 1e-6;
  return el('rate', [el('timebase', ntsc ? timebase : Math.round(exact)), el('ntsc', ntsc ? 'TRUE' : 'FALSE')]);
}

/** Where the transition sits on its cut, as FCP7 says it. */
function alignment(transition: EditTransition) {
  if (transition.inOffset === 0) return 'start';
  if (transition.outOffset === 0) return 'end';
  return 'center';
}

/** The cut as an FCP7 XML document. */
export function cutToFcp7Xml(cut: HandoffCut): string {
  const { edit, soundtrackFrames, markers } = handoffPlan(cut);
  const fps = edit.rate;
  const files = new Map<string, string>();
  let clipitems = 0;

  /** The file element the first time a file is named, its id after (as Premiere writes it). */
  const file = (media: HandoffMedia, video: boolean) => {
    const known = files.get(media.path);
    if (known) return el('file', [], { id: known });
    const id = `file-${files.size + 1}`;
    files.set(media.path, id);
    const own = media.fps ?? fps;
    const kinds = [
      ...(video
        ? [
            el('video', [
              el('samplecharacteristics', [
                rate(own),
                el('width', media.width ?? cut.width),
                el('height', media.height ?? cut.height),
                el('pixelaspectratio', 'square'),
              ]),
            ]),
          ]
        : []),
      ...(media.hasAudio !== false ? [el('audio', [el('channelcount', 2)])] : []),
    ];
    return el(
      'file',
      [
        el('name', media.name),
        el('pathurl', urlOfPath(media.path)),
        rate(own),
        el('duration', Math.round(media.duration * exactRate(own))),
        el('media', kinds),
      ],
      { id },
    );
  };

  const clipitem = (
    media: HandoffMedia,
    video: boolean,
    timing: { start: number; end: number; in: number; out: number },
    /** On an audio track: which of the file's tracks it plays. */
    audio = false,
  ) =>
    el(
      'clipitem',
      [
        el('name', media.name),
        el('enabled', 'TRUE'),
        el('duration', Math.round(media.duration * fps)),
        rate(fps),
        el('start', timing.start),
        el('end', timing.end),
        el('in', timing.in),
        el('out', timing.out),
        file(media, video),
        ...(audio ? [el('sourcetrack', [el('mediatype', 'audio'), el('trackindex', 1)])] : []),
      ],
      { id: `clipitem-${++clipitems}`, frameBlend: 'FALSE' },
    );

  const videoItems = edit.items.map((entry, index) => {
    if (entry.type === 'transition')
      return el('transitionitem', [
        el('start', entry.cut - entry.inOffset),
        el('end', entry.cut + entry.outOffset),
        el('alignment', alignment(entry)),
        rate(fps),
        el('effect', [
          el('name', entry.kind === 'dissolve' ? 'Cross Dissolve' : 'Dip to Color Dissolve'),
          el('effectid', entry.kind === 'dissolve' ? 'Cross Dissolve' : 'Dip to Color Dissolve'),
          el('effectcategory', 'Dissolve'),
          el('effecttype', 'transition'),
          el('mediatype', 'video'),
        ]),
      ]);
    // Beside a dissolve a clip starts or ends at -1 (its cut point) and its frames run on under it;
    // beside a dip to black it keeps its own range (the dip fades its own frames).
    const before = edit.items[index - 1];
    const after = edit.items[index + 1];
    const head = before?.type === 'transition' && before.kind === 'dissolve' ? before : undefined;
    const tail = after?.type === 'transition' && after.kind === 'dissolve' ? after : undefined;
    const length = entry.recordOut - entry.recordIn;
    return clipitem(cut.clips[entry.at].media, true, {
      start: head ? -1 : entry.recordIn,
      end: tail ? -1 : entry.recordOut,
      in: entry.sourceIn - (head?.inOffset ?? 0),
      out: entry.sourceIn + length + (tail?.outOffset ?? 0),
    });
  });

  const audioTracks: string[] = [];
  const clips = edit.items.filter((entry): entry is EditClip => entry.type === 'clip');
  const sounding = clips.filter((entry) => cut.clips[entry.at].media.hasAudio);
  if (sounding.length > 0)
    audioTracks.push(
      el(
        'track',
        sounding.map((entry) =>
          clipitem(
            cut.clips[entry.at].media,
            true,
            {
              start: entry.recordIn,
              end: entry.recordOut,
              in: entry.sourceIn,
              out: entry.sourceIn + entry.recordOut - entry.recordIn,
            },
            true,
          ),
        ),
      ),
    );
  if (cut.soundtrack && soundtrackFrames)
    audioTracks.push(
      el('track', [
        clipitem(
          { ...cut.soundtrack, hasAudio: true },
          false,
          { start: 0, end: soundtrackFrames, in: 0, out: soundtrackFrames },
          true,
        ),
      ]),
    );

  const sequence = el(
    'sequence',
    [
      el('name', cut.name),
      el('duration', edit.frames),
      rate(fps),
      el('media', [
        el('video', [
          el('format', [
            el('samplecharacteristics', [
              rate(fps),
              el('width', cut.width),
              el('height', cut.height),
              el('pixelaspectratio', 'square'),
            ]),
          ]),
          el('track', videoItems),
        ]),
        el('audio', audioTracks),
      ]),
      el('timecode', [rate(fps), el('string', '00:00:00:00'), el('frame', 0), el('displayformat', 'NDF')]),
      ...markers.map((marker) =>
        el('marker', [
          el('name', marker.name),
          el('comment', marker.comment),
          el('in', marker.start),
          el('out', marker.start + marker.duration),
        ]),
      ),
    ],
    { id: 'sequence-1' },
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xmeml>\n${el('xmeml', [sequence], { version: '4' })}\n`;
}

// Reading: the parser's ordered output turned into plain elements.
interface Element {
  tag: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElements(nodes: readonly Ordered[]): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const tag = Object.keys(node).find((key) => key !== ':@')!;
    if (tag === '#text' || tag === '?xml') continue;
    const inner = node[tag] as Ordered[];
    out.push({
      tag,
      attributes: node[':@'] ?? {},
      children: toElements(inner),
      text: inner
        .map((child) => child['#text'])
        .filter((text) => text !== undefined)
        .join(''),
    });
  }
  return out;
}

const child = (element: Element | undefined, tag: string) => element?.children.find((each) => each.tag === tag);
const children = (element: Element | undefined, tag: string) =>
  element?.children.filter((each) => each.tag === tag) ?? [];
const numberIn = (element: Element | undefined, tag: string) => {
  const text = child(element, tag)?.text;
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new Error(
      `FCP7 XML: the <${tag}> of ${element?.tag ?? 'an element'} “${child(element, 'name')?.text.trim() ?? ''}” is “${text.trim()}”, not a number.`,
    );
  return value;
};

function rateOf(element: Element | undefined): number | undefined {
  const found = child(element, 'rate');
  const timebase = numberIn(found, 'timebase');
  if (!timebase) return undefined;
  return child(found, 'ntsc')?.text.trim().toUpperCase() === 'TRUE' ? (timebase * 1000) / 1001 : timebase;
}

function cutPoint(transition: Element): number {
  const start = numberIn(transition, 'start') ?? 0;
  const end = numberIn(transition, 'end') ?? start;
  const align = child(transition, 'alignment')?.text.trim() ?? 'center';
  if (align === 'end' || align === 'end-black') return end;
  if (align === 'start' || align === 'start-black') return start;
  return Math.trunc((start + end) / 2);
}

/** Reads an FCP7 XML file's first sequence: its tracks' clips, gaps, transitions and nested sequences, and its markers. */
export function readFcp7Xml(text: string): TimelineRead {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    processEntities: true,
    // Character references too (a line break in a marker's comment is &#10;).
    htmlEntities: true,
  });
  let parsed: Ordered[];
  try {
    parsed = parser.parse(text) as Ordered[];
  } catch (error) {
    throw new Error(`Not an FCP7 XML file: the XML is malformed (${(error as Error).message}).`, { cause: error });
  }
  const root = toElements(parsed).find((element) => element.tag === 'xmeml');
  if (!root) throw new Error('Not an FCP7 XML file: no <xmeml> element.');
  const findSequence = (element: Element): Element | undefined =>
    element.tag === 'sequence'
      ? element
      : element.children.reduce<Element | undefined>((found, each) => found ?? findSequence(each), undefined);
  const sequence = findSequence(root);
  if (!sequence) throw new Error('FCP7 XML: the file has no <sequence>.');
  const fps = rateOf(sequence) ?? 24;

  // A file is described once and named by its id after.
  const paths = new Map<string, string>();
  const collect = (element: Element) => {
    if (element.tag === 'file' && element.attributes.id && child(element, 'pathurl'))
      paths.set(element.attributes.id, child(element, 'pathurl')!.text.trim());
    element.children.forEach(collect);
  };
  collect(root);

  const readTrack = (track: Element): TimelineReadItem[] => {
    const items: TimelineReadItem[] = [];
    const entries = track.children.filter((each) => ['clipitem', 'generatoritem', 'transitionitem'].includes(each.tag));
    let at = 0;
    entries.forEach((entry, index) => {
      if (entry.tag === 'transitionitem') {
        const cut = cutPoint(entry);
        items.push({
          type: 'transition',
          name: child(child(entry, 'effect'), 'name')?.text.trim() ?? '',
          cut,
          inOffset: cut - (numberIn(entry, 'start') ?? cut),
          outOffset: (numberIn(entry, 'end') ?? cut) - cut,
        });
        return;
      }
      const head = entries[index - 1]?.tag === 'transitionitem' ? entries[index - 1] : undefined;
      const tail = entries[index + 1]?.tag === 'transitionitem' ? entries[index + 1] : undefined;
      let start = numberIn(entry, 'start') ?? at;
      let offset = 0;
      if (start === -1 && head) {
        start = cutPoint(head);
        offset = start - (numberIn(head, 'start') ?? start);
      }
      let end = numberIn(entry, 'end') ?? start;
      if (end === -1 && tail) end = cutPoint(tail);
      if (start < 0 || end < start)
        throw new Error(
          `FCP7 XML: ${entry.tag} “${child(entry, 'name')?.text.trim() ?? ''}” runs from ${start} to ${end} (a -1 needs a transition beside it).`,
        );
      if (start > at) items.push({ type: 'gap', recordIn: at, duration: start - at });
      const name = child(entry, 'name')?.text.trim() ?? '';
      const nested = child(entry, 'sequence');
      if (nested) items.push({ type: 'nested', name, recordIn: start, duration: end - start });
      else {
        const own = rateOf(entry) ?? fps;
        const fileElement = child(entry, 'file');
        const url = fileElement && paths.get(fileElement.attributes.id ?? '');
        items.push({
          type: 'clip',
          name,
          ...(url ? { url } : {}),
          recordIn: start,
          duration: end - start,
          // Its in point at its own rate, then the frames the transition before it covers (at the sequence's).
          sourceIn: Math.round(((numberIn(entry, 'in') ?? 0) * fps) / own) + offset,
        });
      }
      at = end;
    });
    return items;
  };

  const media = child(sequence, 'media');
  return {
    name: child(sequence, 'name')?.text.trim() ?? '',
    rate: fps,
    tracks: [
      ...children(child(media, 'video'), 'track').map((track) => ({
        kind: 'video' as const,
        name: child(track, 'name')?.text.trim() ?? '',
        items: readTrack(track),
      })),
      ...children(child(media, 'audio'), 'track').map((track) => ({
        kind: 'audio' as const,
        name: child(track, 'name')?.text.trim() ?? '',
        items: readTrack(track),
      })),
    ],
    markers: children(sequence, 'marker').map((marker) => {
      const start = numberIn(marker, 'in') ?? 0;
      const out = numberIn(marker, 'out') ?? -1;
      return {
        name: child(marker, 'name')?.text.trim() ?? '',
        comment: child(marker, 'comment')?.text ?? '',
        start,
        duration: out === -1 ? 0 : out - start,
      };
    }),
  };
}
