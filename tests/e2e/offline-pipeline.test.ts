/**
 * Issue acceptance for the offline pipeline, through `npm run render` in real Chromium: the
 * starter graph becomes an MP4 with no key, frame one is the still, the cache holds across
 * browser sessions, and bad inputs get clear node errors while nothing is lost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeComponent, type GraphDocument } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { photoGraph, starterGraph } from '../../src/templates/starter';
import { cli, DELIVERY_COLOUR, ffmpeg, openHostedApp, probe, psnr } from './helpers';

let dir: string;
let profile: string;
const graphFile = (name: string, doc: GraphDocument) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};
const runSeconds = (stdout: string) => Number(/, ([\d.]+) s run/.exec(stdout)?.[1]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-offline-'));
  profile = join(dir, 'profile');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the offline pipeline', () => {
  it('renders the starter graph (auto-pick) to an H.264 + AAC MP4 of the expected length and size, carrying its graph', async () => {
    const result = await cli(
      'render',
      graphFile('starter.json', starterGraph('starter')),
      '--out',
      join(dir, 'starter.mp4'),
      '--auto-pick',
      '--profile',
      profile,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/7 nodes executed, 0 from cache/);
    const media = probe(join(dir, 'starter.mp4'));
    expect(media.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(media.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({
      width: 1280,
      height: 720,
      avg_frame_rate: '24/1',
      ...DELIVERY_COLOUR,
    });
    expect(Number(media.format.duration)).toBeCloseTo(4, 1);
    expect(media.format.tags?.comment).toMatch(/^reelgraph\.graph:\{"format":"reelgraph\.graph"/);
  });

  it('fades a soundtrack that outlasts the picture out to silence on the last frame (or cuts it, when asked)', async () => {
    /** The mean level, in dB, of `length` seconds from `at` (negative: before the end). */
    const level = (file: string, at: number, length: number) => {
      const probed = spawnSync(
        'ffmpeg',
        [
          '-hide_banner',
          '-sseof',
          String(at),
          '-i',
          file,
          '-t',
          String(length),
          '-af',
          'volumedetect',
          '-f',
          'null',
          '-',
        ],
        { encoding: 'utf8' },
      );
      return Number(/mean_volume: (-?[\d.]+) dB/.exec(probed.stderr)?.[1]);
    };
    const render = async (name: string, fadeOut: number) => {
      const doc = starterGraph('long-soundtrack');
      // An 8 s bed under a 4 s picture: it would stop mid-sound at the last frame.
      doc.nodes.find((node) => node.id === 'audio')!.params.length = 8;
      doc.nodes.find((node) => node.id === 'assemble')!.params.soundtrackFadeOut = fadeOut;
      const file = join(dir, name);
      const result = await cli(
        'render',
        graphFile(`${name}.json`, doc),
        '--out',
        file,
        '--auto-pick',
        '--profile',
        profile,
      );
      expect(result.stderr).toBe('');
      expect(Number(probe(file).format.duration)).toBeCloseTo(4, 1);
      return file;
    };
    const faded = await render('faded.mp4', 2);
    const cut = await render('cut.mp4', 0);
    // Two seconds before the end both play at full level; over the last tenth, only the cut one does.
    expect(Math.abs(level(faded, -3, 0.5) - level(cut, -3, 0.5))).toBeLessThan(1);
    expect(level(cut, -0.15, 0.1)).toBeGreaterThan(-40);
    expect(level(faded, -0.15, 0.1)).toBeLessThan(level(cut, -0.15, 0.1) - 20);
  });

  it('restores the graph that made an MP4 when the MP4 is dropped on the canvas', async () => {
    const { page, close } = await openHostedApp(join(dir, 'drop-profile'));
    try {
      const base64 = readFileSync(join(dir, 'starter.mp4')).toString('base64');
      const drop = await page.evaluateHandle((data) => {
        const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'starter.mp4', { type: 'video/mp4' }));
        return transfer;
      }, base64);
      await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: drop, clientX: 400, clientY: 300 });
      await expect
        .poll(() =>
          page.evaluate(() =>
            window
              .reelgraph!.state()
              .doc?.nodes.map((node) => node.id)
              .join(','),
          ),
        )
        .toBe(
          starterGraph('x')
            .nodes.map((node) => node.id)
            .join(','),
        );
      expect(await page.evaluate(() => window.reelgraph!.state().doc?.name)).toBe(starterGraph('x').name);
    } finally {
      await close();
    }
  });

  it('makes frame one of the clip the still itself (PSNR ≥ 35 dB)', async () => {
    const result = await cli(
      'render',
      graphFile('starter.json', starterGraph('starter')),
      '--node',
      'pick',
      '--node',
      'animate',
      '--out-dir',
      join(dir, 'parts'),
      '--auto-pick',
      '--profile',
      profile,
    );
    expect(result.stdout).toMatch(/0 nodes executed/);
    ffmpeg('-i', join(dir, 'parts', 'animate.clip.mp4'), '-frames:v', '1', join(dir, 'frame1.png'));
    expect(psnr(join(dir, 'frame1.png'), join(dir, 'parts', 'pick.chosen.png'))).toBeGreaterThanOrEqual(35);
  });

  it('executes nothing on a second run, in under a second, in a fresh browser session', async () => {
    const result = await cli(
      'render',
      graphFile('starter.json', starterGraph('starter')),
      '--out',
      join(dir, 'again.mp4'),
      '--auto-pick',
      '--profile',
      profile,
    );
    expect(result.stdout).toMatch(/0 nodes executed, 1 from cache/);
    expect(runSeconds(result.stdout)).toBeLessThan(1);
  });

  it('re-renders only Animate and Assemble when the camera’s zoom changes', async () => {
    const doc = starterGraph('starter');
    doc.nodes.find((node) => node.id === 'camera')!.params.zoom = 5;
    const result = await cli(
      'render',
      graphFile('zoomed.json', doc),
      '--out',
      join(dir, 'zoomed.mp4'),
      '--auto-pick',
      '--profile',
      profile,
    );
    // The Camera node recomputes its own output (its params, instantly); no still or soundtrack is redone.
    expect(result.stdout).toMatch(/executed: camera, animate, assemble\n/);
  });

  it('renders a graph whose Camera and Animate are one component; a second render executes nothing', async () => {
    const starter = starterGraph('component');
    const made = makeComponent(
      starter,
      new Set(['camera', 'animate']),
      { component: 'move', instance: 'move' },
      nodeRegistry,
    );
    const path = graphFile('component.json', { ...starter, ...made });
    const fresh = join(dir, 'component-profile');
    const render = (out: string) => cli('render', path, '--out', join(dir, out), '--auto-pick', '--profile', fresh);
    const first = await render('component.mp4');
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/7 nodes executed, 0 from cache/);
    expect(first.stdout).toMatch(/executed: .*move\/camera.*move\/animate/);
    expect(Number(probe(join(dir, 'component.mp4')).format.duration)).toBeCloseTo(4, 1);
    const second = await render('component-again.mp4');
    expect(second.stdout).toMatch(/0 nodes executed, 1 from cache/);
  });

  it('renders your photo through the photo template', async () => {
    const photo = join(dir, 'photo.jpg');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=1024x768', '-frames:v', '1', '-q:v', '2', photo);
    const result = await cli(
      'render',
      graphFile('photo.json', photoGraph('photo')),
      '--out',
      join(dir, 'photo.mp4'),
      '--file',
      `photo=${photo}`,
      '--profile',
      profile,
    );
    expect(result.stderr).toBe('');
    const media = probe(join(dir, 'photo.mp4'));
    expect(media.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({
      codec_name: 'h264',
      width: 960,
      height: 720,
    });
    expect(Number(media.format.duration)).toBeCloseTo(5, 1);
  });

  it('gives bad inputs clear errors as they arrive, and loses nothing', async () => {
    const corrupt = join(dir, 'corrupt.jpg');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=640x480', '-frames:v', '1', corrupt);
    const jpeg = readFileSync(corrupt);
    writeFileSync(corrupt, Buffer.concat([jpeg.subarray(0, 700), Buffer.alloc(4000, 0x55)]));
    const textAsPng = join(dir, 'notes.png');
    writeFileSync(textAsPng, 'my shot list, not a picture');
    const huge = join(dir, 'huge.png');
    const header = Buffer.alloc(64);
    header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    header.writeUInt32BE(20_000, 16);
    header.writeUInt32BE(20_000, 20);
    writeFileSync(huge, header);
    const silent = join(dir, 'silent.wav');
    writeFileSync(
      silent,
      Buffer.from(
        '524946462400000057415645666d74201000000001000100803e0000007d00000200100064617461' + '00000000',
        'hex',
      ),
    );

    const photo = (file: string) =>
      [
        'render',
        graphFile('photo.json', photoGraph('photo')),
        '--out',
        join(dir, 'x.mp4'),
        '--file',
        `photo=${file}`,
        '--profile',
        profile,
      ] as const;
    const cases: [readonly string[], RegExp][] = [
      // Refused as they arrive, naming the file: judged from their bytes before Chromium starts, or as they are bound.
      [photo(corrupt), /--file photo=\S+corrupt\.jpg: This image is damaged or cannot be decoded/],
      [photo(textAsPng), /--file photo=\S+notes\.png: This file is not a PNG, JPEG or WebP image/],
      [photo(huge), /--file photo=\S+huge\.png: This image is 20000×20000 pixels; photos up to 16384 pixels a side/],
      [
        [
          'render',
          graphFile('sound.json', starterGraph('starter')),
          '--out',
          join(dir, 'x.mp4'),
          '--auto-pick',
          '--file',
          `audio=${silent}`,
          '--profile',
          profile,
        ],
        /--file audio=\S+silent\.wav: This file (has no audio|contains no audio)/,
      ],
    ];
    for (const [args, reason] of cases) {
      const result = await cli(...(args as ['render', ...string[]]));
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toMatch(reason);
    }

    const noClips = starterGraph('starter');
    noClips.edges = noClips.edges.filter((edge) => edge.to.node !== 'assemble' || edge.to.port !== 'clips');
    const empty = await cli(
      'render',
      graphFile('no-clips.json', noClips),
      '--node',
      'assemble',
      '--out',
      join(dir, 'x.mp4'),
      '--auto-pick',
      '--profile',
      profile,
    );
    expect(empty.code).not.toBe(0);
    // Judged before Chromium starts, in one line.
    expect(empty.stderr).toMatch(/no-clips\.json: node "assemble" · clips: needs an input on "clips"/);

    // Nothing was lost: the starter still comes entirely from the cache.
    const after = await cli(
      'render',
      graphFile('starter.json', starterGraph('starter')),
      '--out',
      join(dir, 'after.mp4'),
      '--auto-pick',
      '--profile',
      profile,
    );
    expect(after.stdout).toMatch(/0 nodes executed, 1 from cache/);
  });
});
