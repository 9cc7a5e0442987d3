import { deflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS, LINK_LIMITS, parseDocument, sha256Bytes } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { bytesToBase64Url } from '../media/base64';
import { starterGraph } from '../templates/starter';
import { makeBundle, openBundle, type OpenedBundle } from './bundle';
import { graphOfPrompts } from './graph-of-prompts';
import { readShareLink } from './share-link';

/**
 * Untrusted graphs as an attacker sends them: links that expand or hold too much, values nested
 * past what storage can clone, zip bombs, bundles of thousands of entries or foreign files. Each is
 * refused before it is inflated or drawn, with what is wrong and where.
 */

describe('graphs in files and links', () => {
  it('refuses a value nested 5,000 deep at parse, saying where', () => {
    const doc = starterGraph('deep');
    doc.nodes[0].params.extra = 'DEEP';
    // Written as text: a value this deep is past what JSON.stringify itself can walk.
    const text = JSON.stringify(doc).replace('"DEEP"', `${'{"a":'.repeat(5000)}{}${'}'.repeat(5000)}`);
    const parsed = parseDocument(text, nodeRegistry);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0].message).toBe('is nested more than 64 levels deep');
    expect(parsed.errors[0].path).toMatch(/^nodes\[0\]\.params\.extra\.a\.a\.a/);
  });

  it('opens at most 1,000 nodes from a link and 10,000 from a file, before the schema walks them', () => {
    const link = parseDocument(graphOfPrompts(LINK_LIMITS.maxNodes + 1), nodeRegistry, LINK_LIMITS);
    expect(link).toMatchObject({
      ok: false,
      errors: [{ path: 'nodes', message: expect.stringContaining('at most 1,000 from a link') }],
    });
    expect(parseDocument(graphOfPrompts(LINK_LIMITS.maxNodes), nodeRegistry, LINK_LIMITS).ok).toBe(true);
    const file = parseDocument(graphOfPrompts(FILE_LIMITS.maxNodes + 1), nodeRegistry);
    expect(file).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringContaining('at most 10,000 from a file') }],
    });
  });

  it('refuses text over the cap before parsing it', () => {
    const parsed = parseDocument(' '.repeat(LINK_LIMITS.maxText + 1), nodeRegistry, LINK_LIMITS);
    expect(parsed).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringContaining('a graph may be at most 1 MB') }],
    });
  });

  it('refuses a link too long to be one of ours before decoding it, and one that inflates past the cap', () => {
    expect(String(readShareLink(`#graph=${'A'.repeat(100_000)}`))).toMatch(/links Reelgraph opens are at most 64,000/);
    // 2 MB of spaces deflate to a couple of kilobytes: a small link that expands.
    const bomb = `#graph=${bytesToBase64Url(deflateSync(strToU8(' '.repeat(2 * 1024 * 1024)), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(8000);
    expect(String(readShareLink(bomb))).toMatch(/too large/);
  });
});

describe('bundles', () => {
  const zip = (files: Record<string, Uint8Array | [Uint8Array, { level: 0 | 9 }]>) => zipSync(files);

  it('refuses a zip bomb from its directory, before inflating it', () => {
    const bomb = zip({ 'graph.reelgraph.json': [new Uint8Array(64 * 1024 * 1024), { level: 9 }] });
    expect(bomb.length).toBeLessThan(200_000);
    expect(String(openBundle(bomb))).toMatch(/graph\.reelgraph\.json unpacks to 64 MB \(\d+× its packed size\)/);
  });

  it('refuses a medium that deflates like no photo does', () => {
    const medium = `media/${'0'.repeat(64)}.png`;
    const bomb = zip({
      'graph.reelgraph.json': strToU8(JSON.stringify(starterGraph('b'))),
      [medium]: [new Uint8Array(10 * 1024 * 1024), { level: 9 }],
    });
    expect(String(openBundle(bomb))).toContain(`${medium} unpacks to 10 MB`);
  });

  it('refuses 10,000 entries, and files that are not a graph or its media', () => {
    const many: Record<string, Uint8Array> = { 'graph.reelgraph.json': strToU8('{}') };
    for (let at = 0; at < 10_000; at++) many[`media/${at.toString(16).padStart(64, '0')}.png`] = new Uint8Array(1);
    expect(String(openBundle(zip(many)))).toMatch(/it has 10,001 files/);
    const foreign = zip({ 'graph.reelgraph.json': strToU8('{}'), 'index.html': strToU8('<script>') });
    expect(String(openBundle(foreign))).toContain('it holds “index.html”');
  });

  it('keeps a clip’s type (MOV, WebM, MKV) through a bundle, and takes a clip larger than the photo cap', async () => {
    const clip = new Uint8Array(60 * 1024 * 1024).fill(7);
    const hash = await sha256Bytes(clip);
    const doc = starterGraph('clip');
    doc.nodes.push({
      id: 'shot',
      kind: 'clip',
      kindVersion: 1,
      position: { x: 0, y: 400 },
      params: { file: { $artifact: hash, mime: 'video/quicktime', size: clip.length } },
    });
    const { zip: made } = await makeBundle(doc, async () => new Blob([clip], { type: 'video/quicktime' }));
    const opened = openBundle(new Uint8Array(await made.arrayBuffer())) as OpenedBundle;
    expect(opened).not.toBeInstanceOf(Error);
    const [medium] = (await opened.media([hash])) as { hash: string; blob: Blob }[];
    expect([medium.hash, medium.blob.type, medium.blob.size]).toEqual([hash, 'video/quicktime', clip.length]);
    // A photo that large is refused, as it is when a person drops it.
    const photo = zip({
      'graph.reelgraph.json': strToU8(JSON.stringify(doc)),
      [`media/${'1'.repeat(64)}.png`]: [new Uint8Array(60 * 1024 * 1024), { level: 0 }],
    });
    expect(String(openBundle(photo))).toMatch(/\.png unpacks to 60 MB/);
  });

  it('reads only the media the graph uses, each checked against its name', async () => {
    const photo = new Uint8Array([1, 2, 3, 4]);
    const hash = await sha256Bytes(photo);
    const doc = starterGraph('photo');
    doc.nodes[1].params = { mode: 'upload', file: { $artifact: hash, mime: 'image/png', size: 4 } };
    const { zip: made } = await makeBundle(doc, async () => new Blob([photo], { type: 'image/png' }));
    const bytes = new Uint8Array(await made.arrayBuffer());
    expect(await (openBundle(bytes) as OpenedBundle).media([])).toEqual([]);
    const altered = zip({
      'graph.reelgraph.json': strToU8(JSON.stringify(doc)),
      [`media/${hash}.png`]: [new Uint8Array([9, 9, 9, 9]), { level: 0 }],
    });
    expect(String(await (openBundle(altered) as OpenedBundle).media([hash]))).toMatch(
      /does not match its content hash/,
    );
  });
});
