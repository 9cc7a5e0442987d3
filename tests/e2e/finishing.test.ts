import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type ArtifactRef } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { threeShotCut } from './cuts';
import { DELIVERY_COLOUR, ffmpeg, openAppSession, probe, psnr, seeWholeGraph } from './helpers';

let session: Awaited<ReturnType<typeof openAppSession>>;
let page: Page;

beforeAll(async () => {
  session = await openAppSession('finishing');
  page = session.page;
}, 120_000);
afterAll(() => session?.close());

/** Three local camera moves over one draft, a crossfade into the second, a soundtrack, and a title over the second clip. */
const titledCut = () =>
  threeShotCut({
    id: 'titled',
    prompt: 'a lighthouse at dusk, waves',
    camera: (at) => ({ zoom: at === 2 ? -2 : 2, horizontal: at - 2 }),
    cut: {
      clips: [{}, { transition: 'crossfade', transitionDuration: 0.5 }, {}],
      titles: [{ text: 'Reelgraph\nA title', size: 9, anchor: 'center', start: 1.5, end: 3.5, fade: 0.4 }],
    },
    soundtrackSeconds: 6,
  });

/** The node's preview canvas as a PNG file, once it has drawn the cut at `at` seconds. */
async function previewPng(at: number, name: string): Promise<string> {
  const canvas = page.locator(`.timeline-frame canvas[data-drawn-at="${at}"]`);
  await canvas.waitFor({ timeout: 60_000 });
  const dataUrl = await canvas.evaluate((element) => (element as HTMLCanvasElement).toDataURL('image/png'));
  const path = join(session.profile, name);
  writeFileSync(path, Buffer.from(dataUrl.split(',')[1], 'base64'));
  return path;
}

describe('titles on a cut', () => {
  it('renders three clips with a crossfade, a title and a soundtrack; the frame at the title’s midpoint is the node’s preview of it', async () => {
    const loaded = await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(titledCut()));
    expect(loaded.ok).toBe(true);
    const ran = await page.evaluate(() => window.reelgraph!.run(undefined, 0));
    expect(ran).toMatchObject({ status: 'done' });
    const video = (ran as { outputs: Record<string, Record<string, ArtifactRef>> }).outputs.cut.video;
    expect(video.meta?.path).toBe('re-encode');
    const read = await page.evaluate((hash) => window.reelgraph!.readArtifact(hash), video.$artifact);
    const cut = join(session.profile, 'cut.mp4');
    writeFileSync(cut, Buffer.from(read!.base64, 'base64'));
    const media = probe(cut);
    expect(media.streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'video']);
    expect(media.streams.find((stream) => stream.codec_type === 'video')).toMatchObject(DELIVERY_COLOUR);
    // 2 + 2 + 2 seconds, less the half-second the crossfade overlaps.
    expect(Number(media.format.duration)).toBeCloseTo(5.5, 1);

    // The title's midpoint, 2.5 s: frame 60 at 24 fps.
    const frame = join(session.profile, 'frame-60.png');
    ffmpeg('-i', cut, '-vf', 'select=eq(n\\,60)', '-frames:v', '1', frame);
    await seeWholeGraph(page);
    // Each local Animate says what it will make, as the browser answers for that size.
    await expect
      .poll(() => page.locator('.react-flow__node[data-id="shot1"] .model-plan').first().textContent())
      .toMatch(/^Local camera move \(offline, not AI\): 1280×720 H\.264 · /);
    const preview = await previewPng(2.5, 'preview.png');
    const same = psnr(frame, preview);
    expect(same).toBeGreaterThanOrEqual(30);

    // The same instant previewed with other words is another picture: the title is in the MP4's pixels.
    await page.getByLabel('Text, title 1').fill('Other words entirely');
    await page.waitForFunction(() => {
      const doc = window.reelgraph!.state().doc!;
      const titles = doc.nodes.find((each) => each.id === 'cut')!.params.titles as { text: string }[];
      return titles[0].text === 'Other words entirely';
    });
    await expect
      .poll(async () => psnr(frame, await previewPng(2.5, 'preview-other.png')), { timeout: 60_000 })
      .toBeLessThan(same - 3);
  });

  it('reframes 16:9 clips to 9:16, keeping each clip’s focus point in frame', async () => {
    // A black landscape photo with a red square at 85% across: the point to keep.
    const photo = join(session.profile, 'marked.png');
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'color=black:size=1280x720',
      '-vf',
      'drawbox=x=1058:y=330:w=60:h=60:color=red:t=fill',
      '-frames:v',
      '1',
      photo,
    );
    const doc = createDocument({
      id: 'reframed',
      name: 'Reframed',
      appVersion: 'test',
      now: new Date(),
      nodes: [
        node('photo', 'still', 0, 0, { mode: 'upload' }),
        node('pick', 'pick', 300, 0, { autoPick: true }),
        node('shot', 'animate', 600, 0, { models: ['local-camera-move'], duration: 1, resolution: '720p', fps: 24 }),
        node('kept', 'assemble', 900, 0, { frames: ['9:16'], clips: [{ focusX: 0.85, focusY: 0.5 }] }),
        node('centred', 'assemble', 900, 400, { frames: ['9:16'] }),
      ],
      edges: [
        edge('photo.images', 'pick.candidates'),
        edge('pick.chosen', 'shot.still'),
        edge('shot.clip', 'kept.clips'),
        edge('shot.clip', 'centred.clips'),
      ],
    });
    expect((await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(doc))).ok).toBe(true);
    await page.evaluate(({ base64 }) => window.reelgraph!.bindFile('photo', base64, 'image/png'), {
      base64: readFileSync(photo).toString('base64'),
    });
    const ran = (await page.evaluate(() => window.reelgraph!.run(undefined, 0))) as {
      status: string;
      outputs: Record<string, Record<string, ArtifactRef>>;
    };
    expect(ran.status).toBe('done');
    /** Whether the frame in the middle of a cut shows the red mark, and its size. */
    const seen = async (nodeId: string) => {
      const video = ran.outputs[nodeId].video;
      const read = await page.evaluate((hash) => window.reelgraph!.readArtifact(hash), video.$artifact);
      const file = join(session.profile, `${nodeId}.mp4`);
      writeFileSync(file, Buffer.from(read!.base64, 'base64'));
      const pixels = execFileSync('ffmpeg', [
        '-v',
        'error',
        '-i',
        file,
        '-vf',
        'select=eq(n\\,12),scale=36:64',
        '-frames:v',
        '1',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-',
      ]);
      let red = false;
      for (let at = 0; at < pixels.length; at += 3)
        if (pixels[at] > 120 && pixels[at + 1] < 60 && pixels[at + 2] < 60) red = true;
      return { red, size: [video.meta?.width, video.meta?.height] };
    };
    expect(await seen('kept')).toEqual({ red: true, size: [720, 1280] });
    // Cropped about the middle, the same clip leaves the mark out: the focus point is what kept it.
    expect(await seen('centred')).toEqual({ red: false, size: [720, 1280] });

    // On the node, a click on the preview keeps the point clicked in frame.
    await seeWholeGraph(page);
    const preview = page.locator('.react-flow__node[data-id="centred"] .timeline-frame canvas');
    await preview.waitFor();
    const box = (await preview.boundingBox())!;
    await preview.click({ position: { x: box.width * 0.9, y: box.height / 2 } });
    await expect
      .poll(() =>
        page.evaluate(() => {
          const cut = window.reelgraph!.state().doc!.nodes.find((each) => each.id === 'centred')!;
          return (cut.params.clips as { focusX?: number }[] | undefined)?.[0]?.focusX ?? 0.5;
        }),
      )
      .toBeGreaterThan(0.6);

    // A second frame on the node is a second MP4, made on its own: the first comes from the cache.
    await page.locator('.react-flow__node[data-id="kept"] .frames').getByRole('checkbox', { name: '16:9' }).click();
    await page.waitForFunction(() => {
      const cut = window.reelgraph!.state().doc!.nodes.find((each) => each.id === 'kept')!;
      return JSON.stringify(cut.params.frames) === '["16:9","9:16"]';
    });
    const again = (await page.evaluate(() => window.reelgraph!.run(['kept'], 0))) as {
      status: string;
      executedTakes: number;
      reusedTakes: number;
      outputs: Record<string, Record<string, ArtifactRef[]>>;
    };
    expect(again).toMatchObject({ status: 'done', executedTakes: 1, reusedTakes: 1 });
    const both = again.outputs.kept.video;
    expect(both.map((video) => [video.meta?.width, video.meta?.height])).toEqual([
      [1280, 720],
      [720, 1280],
    ]);
    expect(both[1].$artifact).toBe(ran.outputs.kept.video.$artifact);
    // The node shows both, each named by its frame.
    await expect
      .poll(() => page.locator('.react-flow__node[data-id="kept"] .deliverable figcaption').allTextContents())
      .toEqual(['16:9 (landscape)', '9:16 (vertical)']);
  });
});
