import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, node } from '../../src/templates/build';
import { photoGraph } from '../../src/templates/starter';
import { cli, DELIVERY_COLOUR, ffmpeg, probe } from './helpers';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-4k-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The video stream as ffprobe reads it: codec, profile, level and size. */
function videoOf(path: string) {
  return JSON.parse(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,profile,level,width,height,avg_frame_rate',
      '-of',
      'json',
      path,
    ]).toString(),
  ).streams[0] as {
    codec_name: string;
    profile: string;
    level: number;
    width: number;
    height: number;
    avg_frame_rate: string;
  };
}

/**
 * Each coded picture's hash, in order, without the parameter sets a muxer may repeat in-band: two
 * files with the same list carry the same pictures, copied, not encoded again.
 */
const codedPictures = (path: string) =>
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-i',
    path,
    '-map',
    '0:v:0',
    '-c',
    'copy',
    '-bsf:v',
    'filter_units=remove_types=7|8',
    '-f',
    'framemd5',
    '-',
  ])
    .toString()
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(',').at(-1)!.trim());

describe('4K end to end', () => {
  it('animates a 3840×2160 photo at "4k" into a 3840×2160 H.264 clip, joins 4K clips by stream copy, and re-encodes a 4K cut at 4K', async () => {
    const photo = join(dir, 'photo.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=3840x2160', '-frames:v', '1', photo);
    const doc = photoGraph('four-k');
    for (const each of doc.nodes) {
      if (each.id === 'animate') Object.assign(each.params, { resolution: '4k', duration: 2 });
      if (each.id === 'camera') each.params.duration = 2;
      if (each.id === 'audio') each.params.length = 2;
    }
    // A second cut of the same clip at 30 fps: it cannot be copied, so it is encoded, at 4K.
    doc.nodes.push(node('recut', 'assemble', 1080, 600, { resolution: '4k', fps: 30 }));
    doc.edges.push(edge('animate.clip', 'recut.clips'), edge('audio.audio', 'recut.soundtrack'));
    // A second 4K clip of the same photo, moving the other way, joined to the first by a cut.
    const still = doc.edges.find((each) => each.to.node === 'animate' && each.to.port === 'still')!;
    doc.nodes.push(
      node('pullback', 'camera', 720, 900, { zoom: -2, duration: 2 }),
      node('animate2', 'animate', 1080, 900, { models: ['local-camera-move'], resolution: '4k', duration: 2 }),
      node('pair', 'assemble', 1400, 900, {}),
    );
    doc.edges.push(
      edge(`${still.from.node}.${still.from.port}`, 'animate2.still'),
      edge('pullback.camera', 'animate2.camera'),
      edge('animate.clip', 'pair.clips'),
      edge('animate2.clip', 'pair.clips'),
    );
    const graph = join(dir, 'four-k.json');
    writeFileSync(graph, JSON.stringify(doc));
    const out = join(dir, 'out');
    const result = await cli(
      'render',
      graph,
      '--file',
      `photo=${photo}`,
      '--node',
      'animate',
      '--node',
      'assemble',
      '--node',
      'recut',
      '--node',
      'animate2',
      '--node',
      'pair',
      '--out-dir',
      out,
      '--profile',
      join(dir, 'profile'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const clip = join(out, 'animate.clip.mp4');
    expect(videoOf(clip)).toMatchObject({ codec_name: 'h264', profile: 'High', level: 51, width: 3840, height: 2160 });
    expect(Number(probe(clip).format.duration)).toBeCloseTo(2, 1);

    // Joined by a cut with nothing to change: the same coded pictures.
    const cut = join(out, 'assemble.video.mp4');
    expect(videoOf(cut)).toMatchObject({ codec_name: 'h264', width: 3840, height: 2160 });
    expect(codedPictures(cut)).toEqual(codedPictures(clip));
    expect(codedPictures(clip)).toHaveLength(48);

    const recut = join(out, 'recut.video.mp4');
    expect(videoOf(recut)).toMatchObject({ codec_name: 'h264', width: 3840, height: 2160, avg_frame_rate: '30/1' });
    expect(codedPictures(recut)).toHaveLength(60);
    expect(probe(recut).streams.map((stream) => stream.codec_type)).toEqual(['video', 'audio']);
    // Two 4K clips joined by a cut: both copied, picture for picture, one after the other.
    const second = join(out, 'animate2.clip.mp4');
    const pair = join(out, 'pair.video.mp4');
    expect(videoOf(pair)).toMatchObject({ codec_name: 'h264', width: 3840, height: 2160 });
    expect(codedPictures(second)).not.toEqual(codedPictures(clip));
    expect(codedPictures(pair)).toEqual([...codedPictures(clip), ...codedPictures(second)]);

    // Every picture we encode is delivered in limited-range BT.709, tagged so.
    for (const file of [clip, cut, recut, pair]) expect(probe(file).streams[0], file).toMatchObject(DELIVERY_COLOUR);
  });
});
