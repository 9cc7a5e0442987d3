import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type ArtifactRef } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { ffmpeg, openAppSession, probe, psnr, seeWholeGraph } from './helpers';

let session: Awaited<ReturnType<typeof openAppSession>>;
let page: Page;

beforeAll(async () => {
  session = await openAppSession('titles');
  page = session.page;
}, 120_000);
afterAll(() => session?.close());

/** Three local camera moves over one draft, a crossfade into the second, a soundtrack, and a title over the second clip. */
const titledCut = () =>
  createDocument({
    id: 'titled',
    name: 'Titled',
    appVersion: 'test',
    now: new Date(),
    nodes: [
      node('prompt', 'prompt', 0, 0, { text: 'a lighthouse at dusk, waves' }),
      node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 1280 }),
      node('pick', 'pick', 600, 0, { autoPick: true }),
      ...[1, 2, 3].flatMap((at) => [
        node(`camera${at}`, 'camera', 600, 300 * at, { zoom: at === 2 ? -2 : 2, horizontal: at - 2, duration: 2 }),
        node(`shot${at}`, 'animate', 900, 300 * at, {
          models: ['local-camera-move'],
          duration: 2,
          resolution: '720p',
          fps: 24,
        }),
      ]),
      node('audio', 'audio', 900, 1200, { mode: 'local-bed', style: 'pad', length: 6 }),
      node('cut', 'assemble', 1300, 300, {
        clips: [{}, { transition: 'crossfade', transitionDuration: 0.5 }, {}],
        titles: [{ text: 'Reelgraph\nA title', size: 9, anchor: 'center', start: 1.5, end: 3.5, fade: 0.4 }],
      }),
    ],
    edges: [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick.candidates'),
      ...[1, 2, 3].flatMap((at) => [
        edge('pick.chosen', `shot${at}.still`),
        edge(`camera${at}.camera`, `shot${at}.camera`),
        edge(`shot${at}.clip`, 'cut.clips'),
      ]),
      edge('audio.audio', 'cut.soundtrack'),
    ],
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
    // 2 + 2 + 2 seconds, less the half-second the crossfade overlaps.
    expect(Number(media.format.duration)).toBeCloseTo(5.5, 1);

    // The title's midpoint, 2.5 s: frame 60 at 24 fps.
    const frame = join(session.profile, 'frame-60.png');
    ffmpeg('-i', cut, '-vf', 'select=eq(n\\,60)', '-frames:v', '1', frame);
    await seeWholeGraph(page);
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
});
