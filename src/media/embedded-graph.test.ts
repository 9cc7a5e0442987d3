import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embedGraph, readEmbeddedGraph } from './embedded-graph';

const dir = mkdtempSync(join(tmpdir(), 'reelgraph-embed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('graphs embedded in MP4', () => {
  it('round-trips the graph through the MP4 comment tag without touching the streams', async () => {
    const path = join(dir, 'clip.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=24:duration=1',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=1',
      '-c:v',
      'libx264',
      '-c:a',
      'aac',
      '-shortest',
      path,
    ]);
    const original = new Blob([readFileSync(path)], { type: 'video/mp4' });
    expect(await readEmbeddedGraph(original)).toBeUndefined();
    const graph = JSON.stringify({ format: 'reelgraph.graph', name: 'Ünïcode “quotes”', nodes: [] });
    const tagged = await embedGraph(original, graph);
    expect(await readEmbeddedGraph(tagged)).toBe(graph);
    const out = join(dir, 'tagged.mp4');
    writeFileSync(out, new Uint8Array(await tagged.arrayBuffer()));
    const probe = JSON.parse(
      execFileSync('ffprobe', [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_name,nb_frames',
        '-of',
        'json',
        out,
      ]).toString(),
    );
    expect(probe.streams.map((stream: { codec_name: string }) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
  });
});
