import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFcp7Xml } from '../../nodes/assemble/fcp7';
import type { TimelineRead } from '../../nodes/assemble/handoff';
import { readOtio } from '../../nodes/assemble/otio';
import { threeShotCut } from './cuts';
import { cli, ffmpeg, openAppSession, psnr, seeWholeGraph } from './helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-handoff-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Three local camera moves over one draft (each moving its own way, so their frames differ): a
 * crossfade into the second, a cut into the third trimmed by half a second, a title early on, a soundtrack.
 */
const cutGraph = () =>
  threeShotCut({
    id: 'handoff',
    name: 'Hand-off',
    prompt: 'a harbour at night, lanterns',
    camera: (at) => ({ zoom: 3 * (at - 2) || 2, horizontal: at - 2 }),
    cut: {
      clips: [{}, { transition: 'crossfade', transitionDuration: 0.5 }, { trimIn: 0.5 }],
      titles: [{ text: 'Harbour\nNight', start: 0.2, end: 1, fade: 0.2 }],
    },
    soundtrackSeconds: 8,
  });

const videoItems = (read: TimelineRead) => read.tracks.filter((track) => track.kind === 'video').map((t) => t.items);

/** Frame `n` of a video file as a PNG. */
function frameOf(video: string, n: number, name: string): string {
  const path = join(dir, name);
  ffmpeg('-i', video, '-vf', `select=eq(n\\,${n})`, '-frames:v', '1', path);
  return path;
}

describe('hand-off to an editor', () => {
  it('writes the cut as OTIO and FCP7 XML beside its media, frame for frame the MP4 it renders', async () => {
    const graph = join(dir, 'cut.json');
    writeFileSync(graph, JSON.stringify(cutGraph()));
    const out = join(dir, 'out');
    const result = await cli(
      'render',
      graph,
      '--out-dir',
      out,
      '--formats',
      'mp4,otio,fcp7xml',
      '--profile',
      join(dir, 'profile'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['cut-media', 'cut.otio', 'cut.video.mp4', 'cut.xml']);
    expect(readdirSync(join(out, 'cut-media')).sort()).toEqual([
      'clip-1.mp4',
      'clip-2.mp4',
      'clip-3.mp4',
      'soundtrack.wav',
    ]);

    const otio = readOtio(readFileSync(join(out, 'cut.otio'), 'utf8'));
    const xml = readFcp7Xml(readFileSync(join(out, 'cut.xml'), 'utf8'));
    // The two files say the same cut.
    expect(videoItems(xml)).toEqual(videoItems(otio));
    expect(xml.markers.map(({ name, start, duration }) => ({ name, start, duration }))).toEqual(
      otio.markers.map(({ name, start, duration }) => ({ name, start, duration })),
    );
    expect(otio.markers[0]).toMatchObject({ name: 'Harbour', start: 5, duration: 19 });
    const [clip1, dissolve, clip2, clip3] = videoItems(otio)[0];
    // 2 s + 2 s − 0.5 s overlap + 1.5 s (trimmed): 5 s, 120 frames; the dissolve's 12 frames centred on its cut.
    expect(dissolve).toEqual({ type: 'transition', name: 'Cross Dissolve', cut: 42, inOffset: 6, outOffset: 6 });
    expect([clip1, clip2, clip3]).toMatchObject([
      { type: 'clip', url: 'cut-media/clip-1.mp4', recordIn: 0, duration: 42, sourceIn: 0 },
      { type: 'clip', url: 'cut-media/clip-2.mp4', recordIn: 42, duration: 42, sourceIn: 6 },
      { type: 'clip', url: 'cut-media/clip-3.mp4', recordIn: 84, duration: 36, sourceIn: 12 },
    ]);
    expect(otio.tracks.find((track) => track.name === 'Soundtrack')?.items[0]).toMatchObject({
      url: 'cut-media/soundtrack.wav',
      recordIn: 0,
      duration: 120,
    });

    // Frame-accurate against the render: as many frames, and each cut point where the MP4 changes.
    const mp4 = join(out, 'cut.video.mp4');
    const frames = Number(
      execFileSync('ffprobe', [
        '-v',
        'error',
        '-count_frames',
        '-select_streams',
        'v:0',
        '-show_entries',
        'stream=nb_read_frames',
        '-of',
        'csv=p=0',
        mp4,
      ])
        .toString()
        .trim(),
    );
    expect(frames).toBe(120);
    const media = (item: { url?: string }) => join(out, item.url!);
    // The cut into the third clip: the MP4's frame there is the third clip's first frame used, and the one before is not.
    const c3 = clip3 as { recordIn: number; sourceIn: number; url?: string };
    const third = frameOf(media(c3), c3.sourceIn, 'third-in.png');
    expect(psnr(frameOf(mp4, c3.recordIn, 'mp4-at-cut.png'), third)).toBeGreaterThan(35);
    expect(psnr(frameOf(mp4, c3.recordIn - 1, 'mp4-before-cut.png'), third)).toBeLessThan(30);
    // The dissolve: the frame before it is all the first clip; its first frame mixes in the second.
    const c1 = clip1 as { url?: string };
    const start = dissolve.type === 'transition' ? dissolve.cut - dissolve.inOffset : 0;
    expect(
      psnr(frameOf(mp4, start - 1, 'mp4-before-dissolve.png'), frameOf(media(c1), start - 1, 'first.png')),
    ).toBeGreaterThan(35);
    const mixed = frameOf(mp4, start + 3, 'mp4-in-dissolve.png');
    expect(psnr(mixed, frameOf(media(c1), start + 3, 'first-under.png'))).toBeLessThan(35);
  }, 300_000);

  it('refuses, before anything runs, a cut for an editor from a node that is not an Assemble', async () => {
    const graph = join(dir, 'still.json');
    writeFileSync(graph, JSON.stringify(cutGraph()));
    const result = await cli('render', graph, '--node', 'still', '--out', join(dir, 'still.otio'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /--out .*still\.otio: only an Assemble's cut goes to an editor; "still" is a Still node$/,
    );
  });
});

describe('hand-off from the app', () => {
  let session: Awaited<ReturnType<typeof openAppSession>>;
  let page: Page;
  beforeAll(async () => {
    session = await openAppSession('handoff');
    page = session.page;
  }, 120_000);
  afterAll(() => session?.close());

  it('downloads the cut from the Assemble node and from the File menu as one zip with both files and the media', async () => {
    expect((await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(cutGraph()))).ok).toBe(
      true,
    );
    expect(await page.evaluate(() => window.reelgraph!.run(undefined, 0))).toMatchObject({ status: 'done' });
    await seeWholeGraph(page);

    const unzip = async (click: () => Promise<void>) => {
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await click();
      const file = join(dir, (await download).suggestedFilename());
      await (await download).saveAs(file);
      return { name: (await download).suggestedFilename(), entries: unzipSync(readFileSync(file)) };
    };
    const fromNode = await unzip(() =>
      page.locator('.react-flow__node[data-id="cut"]').getByRole('button', { name: 'Export for an editor' }).click(),
    );
    expect(fromNode.name).toBe('Hand-off.zip');
    expect(Object.keys(fromNode.entries).sort()).toEqual([
      'Hand-off.otio',
      'Hand-off.xml',
      'media/clip-1.mp4',
      'media/clip-2.mp4',
      'media/clip-3.mp4',
      'media/soundtrack.wav',
    ]);
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const otio = readOtio(text(fromNode.entries['Hand-off.otio']));
    expect(videoItems(readFcp7Xml(text(fromNode.entries['Hand-off.xml'])))).toEqual(videoItems(otio));
    expect(
      otio.tracks[0].items.filter((item) => item.type === 'clip').map((item) => 'url' in item && item.url),
    ).toEqual(['media/clip-1.mp4', 'media/clip-2.mp4', 'media/clip-3.mp4']);

    const fromMenu = await unzip(async () => {
      await page.getByText('File', { exact: true }).click();
      await page.getByRole('button', { name: 'Export cut for an editor (.zip)' }).click();
    });
    expect(Object.keys(fromMenu.entries).sort()).toEqual(Object.keys(fromNode.entries).sort());
    // The clips go as they are: the same bytes both ways.
    expect(fromMenu.entries['media/clip-2.mp4']).toEqual(fromNode.entries['media/clip-2.mp4']);
  }, 300_000);
});
