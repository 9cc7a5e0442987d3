import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { cutToOtio, readOtio } from './otio';
import { cutToFcp7Xml, readFcp7Xml } from './fcp7';
import type { HandoffCut, TimelineRead } from './handoff';
import { LOWER_THIRD } from './schema';

// Written by OpenTimelineIO, Premiere and Hiero (Apache 2.0; see the folder's README and LICENSE).
const SAMPLES = join(import.meta.dirname, '../../tests/fixtures/otio-samples');

const media = (name: string, seconds: number, hasAudio = false) => ({
  name,
  path: `media/${name}`,
  duration: seconds,
  fps: 24,
  width: 1280,
  height: 720,
  hasAudio,
});

/** Three clips (a crossfade into the second, a cut into the third), a title and a soundtrack. */
const CUT: HandoffCut = {
  name: 'Night & day <cut>',
  width: 1280,
  height: 720,
  fps: 24,
  clips: [
    { media: media('clip-1.mp4', 4), decision: { trimIn: 0, transition: 'cut', transitionDuration: 0.5 } },
    {
      media: media('clip-2.mp4', 5, true),
      decision: { trimIn: 0.5, trimOut: 4.5, transition: 'crossfade', transitionDuration: 1, focusX: 0.2, focusY: 0.5 },
    },
    { media: media('clip-3.mp4', 3), decision: { trimIn: 0, transition: 'cut', transitionDuration: 0.5 } },
  ],
  soundtrack: { ...media('soundtrack.wav', 30, true), fps: undefined, gainDb: -3, fadeOut: 2 },
  titles: [{ ...LOWER_THIRD, text: 'Ada Lovelace\nDirector', start: 1, end: 3 }],
  duckDb: -12,
};

/** The video track's clips and transitions, and the markers: what both formats must agree on. */
const picture = (read: TimelineRead) => ({
  rate: read.rate,
  video: read.tracks.filter((track) => track.kind === 'video').map((track) => track.items),
  markers: read.markers.map(({ name, start, duration }) => ({ name, start, duration })),
});

describe('hand-off to an editor', () => {
  it('writes OTIO that reads back as the cut: clips, ranges, order, the dissolve, the title and the soundtrack', () => {
    const read = readOtio(JSON.stringify(cutToOtio(CUT)));
    expect(read.name).toBe('Night & day <cut>');
    // 4 s + 4 s − 1 s crossfade + 3 s = 10 s: 240 frames at 24.
    expect(read.tracks.map((track) => [track.kind, track.name])).toEqual([
      ['video', 'Video 1'],
      ['audio', 'Clip sound'],
      ['audio', 'Soundtrack'],
    ]);
    expect(read.tracks[0].items).toEqual([
      { type: 'clip', name: 'clip-1.mp4', url: 'media/clip-1.mp4', recordIn: 0, duration: 84, sourceIn: 0 },
      { type: 'transition', name: 'Cross Dissolve', cut: 84, inOffset: 12, outOffset: 12 },
      { type: 'clip', name: 'clip-2.mp4', url: 'media/clip-2.mp4', recordIn: 84, duration: 84, sourceIn: 24 },
      { type: 'clip', name: 'clip-3.mp4', url: 'media/clip-3.mp4', recordIn: 168, duration: 72, sourceIn: 0 },
    ]);
    expect(read.tracks[1].items.map((item) => item.type)).toEqual(['gap', 'clip', 'gap']);
    expect(read.tracks[2].items).toEqual([
      { type: 'clip', name: 'soundtrack.wav', url: 'media/soundtrack.wav', recordIn: 0, duration: 240, sourceIn: 0 },
    ]);
    expect(read.markers).toEqual([
      { name: 'Ada Lovelace', comment: 'Ada Lovelace\nDirector', start: 24, duration: 48 },
    ]);
  });

  it('writes FCP7 XML that reads back as the same cut as the OTIO', () => {
    const xml = cutToFcp7Xml(CUT);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE xmeml>\n<xmeml version="4">/);
    const read = readFcp7Xml(xml);
    expect(read.name).toBe('Night & day <cut>');
    expect(picture(read)).toEqual(picture(readOtio(JSON.stringify(cutToOtio(CUT)))));
    // The crossfade is centred on its cut; the clips beside it end and start there (-1) with handles under it.
    expect(xml).toContain('<start>72</start>\n\t\t\t\t\t\t<end>96</end>\n\t\t\t\t\t\t<alignment>center</alignment>');
    expect(read.tracks.find((track) => track.kind === 'audio' && track.items[0]?.type === 'clip')).toBeDefined();
  });

  it('writes a fade through black as one dip to black centred on the cut, each clip keeping its own frames', () => {
    const faded: HandoffCut = {
      ...CUT,
      clips: [CUT.clips[0], { ...CUT.clips[2], decision: { ...CUT.clips[2].decision, transition: 'fade-black' } }],
    };
    const expected = [
      { type: 'clip', name: 'clip-1.mp4', url: 'media/clip-1.mp4', recordIn: 0, duration: 96, sourceIn: 0 },
      { type: 'transition', name: 'Dip to Black', cut: 96, inOffset: 6, outOffset: 6 },
      { type: 'clip', name: 'clip-3.mp4', url: 'media/clip-3.mp4', recordIn: 96, duration: 72, sourceIn: 0 },
    ];
    expect(readOtio(JSON.stringify(cutToOtio(faded))).tracks[0].items).toEqual(expected);
    const xml = cutToFcp7Xml(faded);
    expect(xml).toContain('<effectid>Dip to Color Dissolve</effectid>');
    // No -1 beside a dip: the clips' own ranges, which the dip fades.
    expect(xml).not.toContain('<start>-1</start>');
    expect(
      readFcp7Xml(xml).tracks[0].items.map((item) =>
        'cut' in item ? [item.cut, item.inOffset, item.outOffset] : item.type,
      ),
    ).toEqual(['clip', [96, 6, 6], 'clip']);
  });

  it('keeps a title’s words whole, each marker with its own title, and names NTSC rates as editors do', () => {
    const cut: HandoffCut = {
      ...CUT,
      fps: 23.98,
      clips: CUT.clips.map((clip) => ({
        ...clip,
        media: { ...clip.media, fps: 23.98, name: 'a clip #1.mp4', path: 'my media/a clip #1.mp4' },
      })),
      titles: [
        { ...LOWER_THIRD, text: '   ', start: 0 },
        { ...LOWER_THIRD, text: 'Line one & <two>\nLine "three"\u0001', start: 2, end: 4, color: '#ff0000' },
      ],
    };
    const otio = cutToOtio(cut) as { tracks: { markers: { metadata: { reelgraph: { title: { color: string } } } }[] } };
    expect(otio.tracks.markers.map((marker) => marker.metadata.reelgraph.title.color)).toEqual(['#ff0000']);
    const xml = cutToFcp7Xml(cut);
    expect(xml).toContain('<timebase>24</timebase>');
    expect(xml).toContain('<ntsc>TRUE</ntsc>');
    expect(xml).toContain('<pathurl>my%20media/a%20clip%20%231.mp4</pathurl>');
    const read = readFcp7Xml(xml);
    expect(read.rate).toBeCloseTo(23.976, 3);
    expect(read.markers).toEqual([
      { name: 'Line one & <two>', comment: 'Line one & <two>\nLine "three"', start: 48, duration: 48 },
    ]);
    expect(readOtio(JSON.stringify(otio)).markers[0].comment).toBe('Line one & <two>\nLine "three"\u0001');
  });

  it('uses the schema names, versions and fields OpenTimelineIO writes', () => {
    // Each schema's fields, from OpenTimelineIO's own list of them.
    const doc = readFileSync(join(SAMPLES, 'otio-serialized-schema-only-fields.md'), 'utf8');
    const fields = new Map<string, string[]>();
    for (const section of doc.split('\n### ').slice(1)) {
      const [name, ...lines] = section.split('\n');
      fields.set(
        name.trim(),
        lines.flatMap((line) => (/^- \*(\w+)\*$/.exec(line.trim()) ? [/^- \*(\w+)\*$/.exec(line.trim())![1]] : [])),
      );
    }
    const seen = new Set<string>();
    const visit = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (!value || typeof value !== 'object') return;
      const object = value as Record<string, unknown>;
      if (typeof object.OTIO_SCHEMA === 'string') {
        seen.add(object.OTIO_SCHEMA);
        const own = Object.keys(object).filter((key) => key !== 'OTIO_SCHEMA' && key !== 'children');
        expect(own.sort(), object.OTIO_SCHEMA).toEqual(
          [...(fields.get(object.OTIO_SCHEMA) ?? ['(not a schema)'])].sort(),
        );
      }
      Object.values(object).forEach(visit);
    };
    visit(cutToOtio(CUT));
    expect([...seen].sort()).toEqual([
      'Clip.2',
      'Color.1',
      'ExternalReference.1',
      'Gap.1',
      'Marker.3',
      'RationalTime.1',
      'Stack.1',
      'TimeRange.1',
      'Timeline.1',
      'Track.1',
      'Transition.1',
    ]);
  });

  it('writes only elements where Premiere puts them', () => {
    const paths = (xml: string) => {
      const found = new Set<string>();
      const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true });
      const walk = (nodes: Record<string, unknown>[], parent: string) => {
        for (const node of nodes) {
          const tag = Object.keys(node).find((key) => key !== ':@')!;
          if (tag.startsWith('#') || tag.startsWith('?')) continue;
          found.add(`${parent}>${tag}`);
          walk(node[tag] as Record<string, unknown>[], tag);
        }
      };
      walk(parser.parse(xml), '');
      return found;
    };
    const premiere = paths(readFileSync(join(SAMPLES, 'fcp7xml/premiere_example.xml'), 'utf8'));
    const ours = [...paths(cutToFcp7Xml(CUT))].filter((path) => !premiere.has(path));
    expect(ours).toEqual([]);
  });

  it('reads every sample, and reads Premiere’s XML as OpenTimelineIO itself read it', () => {
    for (const name of readdirSync(join(SAMPLES, 'otio'))) {
      const read = readOtio(readFileSync(join(SAMPLES, 'otio', name), 'utf8'));
      expect(read.tracks.length, name).toBeGreaterThan(0);
    }
    for (const name of readdirSync(join(SAMPLES, 'fcp7xml')))
      readFcp7Xml(readFileSync(join(SAMPLES, 'fcp7xml', name), 'utf8'));

    // premiere_example.otio is OpenTimelineIO's reading of premiere_example.xml.
    const otio = readOtio(readFileSync(join(SAMPLES, 'otio/premiere_example.otio'), 'utf8'));
    const xml = readFcp7Xml(readFileSync(join(SAMPLES, 'fcp7xml/premiere_example.xml'), 'utf8'));
    expect(picture(xml)).toEqual(picture(otio));
    expect(
      picture(xml)
        .video.flat()
        .filter((item) => item.type === 'transition'),
    ).toHaveLength(2);

    const transition = readOtio(readFileSync(join(SAMPLES, 'otio/transition.otio'), 'utf8'));
    expect(transition.tracks[0].items[2]).toEqual({
      type: 'transition',
      name: 'Transition',
      cut: 9,
      inOffset: 2,
      outOffset: 3,
    });
    expect(transition.tracks[0].items[4]).toMatchObject({ name: 'Clip-004', duration: 6, sourceIn: 0 });
  });

  it('refuses what is not a timeline, saying what and where', () => {
    expect(() => readOtio('{"OTIO_SCHEMA":"Clip.2"}')).toThrow(/^Not an OpenTimelineIO timeline: at OTIO_SCHEMA, /);
    expect(() => readOtio('{"OTIO_SCHEMA":')).toThrow(/^Not an OpenTimelineIO file: it is not JSON/);
    expect(() => readFcp7Xml('<fcpxml version="1.9"/>')).toThrow('Not an FCP7 XML file: no <xmeml> element.');
    const item = (start: string, end: string) =>
      `<xmeml version="4"><sequence><rate><timebase>24</timebase></rate><media><video><track><clipitem><name>a</name><start>${start}</start><end>${end}</end><in>0</in><out>10</out></clipitem></track></video></media></sequence></xmeml>`;
    expect(() => readFcp7Xml(item('x', '10'))).toThrow('FCP7 XML: the <start> of clipitem “a” is “x”, not a number.');
    expect(() => readFcp7Xml(item('0', '-1'))).toThrow(
      'FCP7 XML: clipitem “a” runs from 0 to -1 (a -1 needs a transition beside it).',
    );
    expect(readFcp7Xml(item('0', '10')).tracks[0].items).toEqual([
      { type: 'clip', name: 'a', recordIn: 0, duration: 10, sourceIn: 0 },
    ]);
  });
});
