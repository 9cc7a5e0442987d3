import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type ArtifactRef, type GraphDocument } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { ffmpeg, newGraphFrom, openAppSession, probe, providerClip, psnr } from './helpers';

/** For polls that wait on the page: generous, so a busy machine never fails them. */
const PATIENCE = { timeout: 60_000, interval: 100 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-clip-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = (page: Page) => page.evaluate(() => window.reelgraph!.state().doc!) as Promise<GraphDocument>;
const notice = (page: Page) => page.evaluate(() => document.querySelector('.notice')?.textContent ?? '');

/** A short local take: a drafted still pushed in on. */
const shot = createDocument({
  id: 'clip-shot',
  name: 'Shot one',
  appVersion: 'test',
  now: new Date(),
  nodes: [
    node('prompt', 'prompt', 0, 0, { text: 'a lighthouse on a cliff at golden hour' }),
    node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 512 }),
    node('camera', 'camera', 300, 300, { zoom: 6, duration: 1, easing: 'linear' }),
    node('animate', 'animate', 600, 0, { duration: 1, resolution: '480p' }),
  ],
  edges: [
    edge('prompt.text', 'still.prompt'),
    edge('still.images', 'animate.still'),
    edge('camera.camera', 'animate.camera'),
  ],
});

/** The next shot: it starts on the last frame of the clip, and both are cut together. */
function nextShot(clipId: string, file: ArtifactRef): GraphDocument {
  return createDocument({
    id: 'clip-next',
    name: 'Shot two',
    appVersion: 'test',
    now: new Date(),
    nodes: [
      { ...node(clipId, 'clip', 0, 0, { file }) },
      node('camera', 'camera', 0, 560, { horizontal: 4, duration: 1, easing: 'linear' }),
      node('animate', 'animate', 300, 0, { duration: 1, resolution: '480p' }),
      node('assemble', 'assemble', 600, 0, {}),
    ],
    edges: [
      edge(`${clipId}.last`, 'animate.still'),
      edge('camera.camera', 'animate.camera'),
      edge(`${clipId}.clip`, 'assemble.clips'),
      edge('animate.clip', 'assemble.clips'),
    ],
  });
}

async function writeArtifact(page: Page, hash: string, name: string): Promise<string> {
  const read = await page.evaluate((artifact) => window.reelgraph!.readArtifact(artifact), hash);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(read!.base64, 'base64'));
  return path;
}

describe('clips: a video in the graph', () => {
  it('a past take dragged from the Library becomes a Clip in another graph; its last frame starts the next shot, and both are cut together', async () => {
    const session = await openAppSession('clip-library');
    const { page } = session;
    try {
      await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(shot));
      const first = await page.evaluate(() => window.reelgraph!.run());
      if (first.status !== 'done') throw new Error(`the first shot ended ${first.status}`);
      // One still: one take, the clip the node passes on.
      const take = (first.outputs.animate.clips as ArtifactRef[])[0];

      await page.getByRole('button', { name: 'Library' }).click();
      const library = page.getByRole('complementary', { name: 'Library' });
      await library.getByLabel('Show').selectOption('take');
      const tiles = library.locator('figure.library-item');
      await expect.poll(() => tiles.count(), PATIENCE).toBe(1);
      expect(await tiles.nth(0).getAttribute('data-hash')).toBe(take.$artifact);

      // Dragged into a new graph, the take becomes a Clip holding it, with what is known about it.
      await newGraphFrom(page, 'New graph');
      await tiles.nth(0).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 300, y: 200 } });
      await expect
        .poll(
          async () =>
            (await open(page)).nodes.map((entry) => [entry.kind, (entry.params.file as ArtifactRef)?.$artifact]),
          PATIENCE,
        )
        .toEqual([['clip', take.$artifact]]);
      const clip = (await open(page)).nodes[0];
      expect((clip.params.file as ArtifactRef).meta).toMatchObject({ duration: 1, model: 'local-camera-move' });
      await expect
        .poll(() => page.locator(`[data-node-id="${clip.id}"] figcaption`).first().textContent(), PATIENCE)
        .toMatch(/^Local camera move · \d+×480 · 1\.0 s/);

      // Wired on: the clip's last frame is the next shot's frame one, and the cut holds both.
      await page.evaluate(
        (json) => window.reelgraph!.loadGraph(json),
        JSON.stringify(nextShot(clip.id, clip.params.file as ArtifactRef)),
      );
      const second = await page.evaluate(() => window.reelgraph!.run());
      expect(second.status).toBe('done');
      if (second.status !== 'done') return;
      expect(second.outputs[clip.id].clip).toEqual(clip.params.file);
      expect((second.outputs[clip.id].last as ArtifactRef).meta).toMatchObject({ source: 'last-frame' });

      const takePath = await writeArtifact(page, take.$artifact, 'take.mp4');
      const lastPath = await writeArtifact(page, (second.outputs[clip.id].last as ArtifactRef).$artifact, 'last.png');
      const nextPath = await writeArtifact(
        page,
        (second.outputs.animate.clips as ArtifactRef[])[0].$artifact,
        'next.mp4',
      );
      const cutPath = await writeArtifact(page, (second.outputs.assemble.video as ArtifactRef).$artifact, 'cut.mp4');
      // What ffmpeg decodes as the take's last frame, and as the next shot's first.
      ffmpeg('-sseof', '-0.2', '-i', takePath, '-update', '1', '-frames:v', '1000', join(dir, 'take-last.png'));
      ffmpeg('-i', nextPath, '-frames:v', '1', join(dir, 'next-first.png'));
      expect(psnr(lastPath, join(dir, 'take-last.png'))).toBeGreaterThanOrEqual(35);
      expect(psnr(join(dir, 'next-first.png'), join(dir, 'take-last.png'))).toBeGreaterThanOrEqual(30);
      // Not any frame: the take's first frame is a different picture (it was pushed in on).
      ffmpeg('-i', takePath, '-frames:v', '1', join(dir, 'take-first.png'));
      expect(psnr(lastPath, join(dir, 'take-first.png'))).toBeLessThan(25);
      expect(Number(probe(cutPath).format.duration)).toBeCloseTo(2, 1);
      // The Library still says the take came from the run that made it, not from the Clip that passed it on.
      await expect
        .poll(
          () => library.getByRole('region', { name: 'Shot one' }).locator(`[data-hash="${take.$artifact}"]`).count(),
          PATIENCE,
        )
        .toBe(1);
    } finally {
      await session.close();
    }
  });

  it('a video dropped on the canvas becomes a Clip, checked as it arrives', async () => {
    const session = await openAppSession('clip-drop');
    const { page } = session;
    const drop = async (name: string, type: string, bytes: Buffer, target = '.react-flow__pane') => {
      const transfer = await page.evaluateHandle(
        ([data, file, mime]) => {
          const transfer = new DataTransfer();
          transfer.items.add(
            new File([Uint8Array.from(atob(data), (char) => char.charCodeAt(0))], file, { type: mime }),
          );
          return transfer;
        },
        [bytes.toString('base64'), name, type] as const,
      );
      await page.locator(target).first().dispatchEvent('drop', { dataTransfer: transfer, clientX: 400, clientY: 300 });
    };
    try {
      await newGraphFrom(page, 'New graph');
      const clip = providerClip(dir);
      await drop('shot 3.mp4', 'video/mp4', clip);
      await expect
        .poll(async () => (await open(page)).nodes.map((entry) => [entry.kind, entry.title]), PATIENCE)
        .toEqual([['clip', 'shot 3.mp4']]);
      const file = (await open(page)).nodes[0].params.file as ArtifactRef;
      expect(file.meta).toMatchObject({ width: 1280, height: 720, fps: 24, hasAudio: true, source: 'upload' });
      expect(file.meta?.duration).toBeCloseTo(2, 1);
      expect(file.size).toBe(clip.length);

      // Refused on the spot, saying why, and nothing is added: a file that is not a video, and one
      // in a codec browsers do not decode.
      await drop('broken.mp4', 'video/mp4', Buffer.from('not a video at all'));
      await expect.poll(() => notice(page), PATIENCE).toContain('broken.mp4: This is not a video Reelgraph can read.');
      const prores = join(dir, 'master.mov');
      ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=24', '-t', '0.5', '-c:v', 'prores_ks', prores);
      await drop('master.mov', 'video/quicktime', readFileSync(prores));
      await expect
        .poll(() => notice(page), PATIENCE)
        .toMatch(
          /^master\.mov: This browser cannot decode its video codec, ProRes: export it as H\.264 \(MP4\) or VP9 \(WebM\)\./,
        );
      // A copy that did not finish: its index promises four seconds, its data holds less.
      const whole = join(dir, 'whole.mp4');
      ffmpeg(
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=320x240:rate=24:duration=4',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        '-movflags',
        '+faststart',
        whole,
      );
      const bytes = readFileSync(whole);
      await drop('cut.mp4', 'video/mp4', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await expect.poll(() => notice(page), PATIENCE).toMatch(/^cut\.mp4: This video is cut short/);
      expect((await open(page)).nodes).toHaveLength(1);
      // An index no real clip has, judged from its box headers before anything expands it: 10⁸ frames in a few KB.
      const forged = Buffer.from(bytes);
      forged.writeUInt32BE(100_000_000, forged.indexOf(Buffer.from('stsz', 'latin1')) + 4 + 8);
      await drop('forged.mp4', 'video/mp4', forged);
      await expect
        .poll(() => notice(page), PATIENCE)
        .toMatch(
          /^forged\.mp4: This video claims 100,000,000 frames, more than its [\d.]+ KB could hold: it is damaged\./,
        );
      expect((await open(page)).nodes).toHaveLength(1);

      // Dropped on the Clip, a video becomes its file.
      const other = join(dir, 'other.webm');
      ffmpeg(
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=640x360:rate=25',
        '-t',
        '1',
        '-c:v',
        'libvpx-vp9',
        '-b:v',
        '1M',
        other,
      );
      await drop('other.webm', 'video/webm', readFileSync(other), '[data-kind="clip"]');
      await expect
        .poll(async () => ((await open(page)).nodes[0].params.file as ArtifactRef).meta, PATIENCE)
        .toMatchObject({ width: 640, height: 360, fps: 25, hasAudio: false });
      expect((await open(page)).nodes).toHaveLength(1);
    } finally {
      await session.close();
    }
  });
});
