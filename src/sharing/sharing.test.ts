import { describe, expect, it } from 'vitest';
import { makeComponent, sha256Bytes } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { starterGraph } from '../templates/starter';
import { makeBundle, mediaOf, openBundle } from './bundle';
import { embedGraphInPng, readGraphFromPng } from './png-text';
import { MAX_LINK_LENGTH, readShareLink, shareLink } from './share-link';

// A 1×1 PNG (signature, IHDR, IDAT, IEND).
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

describe('share links', () => {
  it('round-trips a graph through the URL fragment', () => {
    const doc = starterGraph('shared', new Date('2026-11-24T00:00:00Z'));
    const link = shareLink(doc, 'http://localhost:5173/?x=1#old');
    if (!link.ok) throw new Error('the starter graph should fit in a link');
    expect(link.url.startsWith('http://localhost:5173/?x=1#graph=')).toBe(true);
    expect(JSON.parse(readShareLink(new URL(link.url).hash) as string)).toEqual(doc);
  });

  it('carries the components a graph uses, and a photo inside one goes in its bundle', () => {
    const starter = starterGraph('shared', new Date('2026-11-24T00:00:00Z'));
    const made = makeComponent(
      starter,
      new Set(['camera', 'animate']),
      { component: 'c', instance: 'i' },
      nodeRegistry,
    );
    const doc = { ...starter, ...made };
    const link = shareLink(doc, 'http://localhost/');
    expect(link.ok && JSON.parse(readShareLink(new URL(link.url).hash) as string).components).toEqual(doc.components);
    const photo = { $artifact: 'a'.repeat(64), mime: 'image/png' };
    doc.components![0].nodes.push({
      ...doc.nodes[0],
      id: 'photo',
      kind: 'still',
      params: { mode: 'upload', file: photo },
    });
    expect(mediaOf(doc)).toEqual(['a'.repeat(64)]);
  });

  it('says when a graph is too long for a link', () => {
    const doc = starterGraph('big');
    doc.nodes[0].params = { text: Array.from({ length: 4000 }, (_, at) => `${at}-${Math.sin(at)}`).join(' ') };
    const link = shareLink(doc, 'http://localhost/');
    expect(link.ok).toBe(false);
    expect(!link.ok && link.length).toBeGreaterThan(MAX_LINK_LENGTH);
  });

  it('reports a damaged link instead of throwing', () => {
    expect(readShareLink('#graph=not*base64!')).toBeInstanceOf(Error);
    expect(readShareLink('#graph=AAAA')).toBeInstanceOf(Error);
    expect(readShareLink('#something-else')).toBeUndefined();
  });
});

describe('graphs in PNG text chunks', () => {
  it('writes the graph before IEND, reads it back, and replaces an older one', () => {
    const once = embedGraphInPng(PNG, '{"a":1}');
    expect(readGraphFromPng(once)).toBe('{"a":1}');
    const twice = embedGraphInPng(once, '{"b":"é"}');
    expect(readGraphFromPng(twice)).toBe('{"b":"é"}');
    expect(twice.length - PNG.length).toBe(once.length - PNG.length + 3); // one chunk, three bytes longer (é is two in UTF-8)
    expect(new TextDecoder().decode(twice.subarray(-8, -4))).toBe('IEND');
    expect(readGraphFromPng(PNG)).toBeUndefined();
    expect(readGraphFromPng(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});

describe('bundles', () => {
  it('carry the graph and the media it references, checked by hash on the way in', async () => {
    const photo = new Blob([PNG], { type: 'image/png' });
    const hash = await sha256Bytes(PNG);
    const doc = starterGraph('bundle');
    doc.nodes[1].params = { mode: 'upload', file: { $artifact: hash, mime: 'image/png', size: PNG.length } };
    const { zip, missing } = await makeBundle(doc, async (wanted) => (wanted === hash ? photo : undefined));
    expect(missing).toEqual([]);
    const bytes = new Uint8Array(await zip.arrayBuffer());
    const bundle = openBundle(bytes);
    if (bundle instanceof Error) throw bundle;
    expect(JSON.parse(bundle.graphJson)).toEqual(doc);
    const media = await bundle.media([hash]);
    if (media instanceof Error) throw media;
    expect(media.map((medium) => medium.hash)).toEqual([hash]);
    expect(openBundle(new Uint8Array([1, 2, 3]))).toBeInstanceOf(Error);
  });
});
