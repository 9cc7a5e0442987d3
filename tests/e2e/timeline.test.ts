import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactRef } from '../../graph-engine';
import { threeShotCut } from './cuts';
import { ffmpeg, openAppSession, psnr, seeWholeGraph } from './helpers';

let session: Awaited<ReturnType<typeof openAppSession>>;
let page: Page;

beforeAll(async () => {
  session = await openAppSession('timeline');
  page = session.page;
}, 120_000);
afterAll(() => session?.close());

/** Three 2 s local camera moves, each its own way, a crossfade into the second, a title and a soundtrack. */
const cut = () =>
  threeShotCut({
    id: 'timeline',
    prompt: 'a lighthouse at dusk, waves',
    camera: (at) => ({ zoom: 3 * (at - 2) || 2, horizontal: at - 2 }),
    cut: {
      clips: [{}, { transition: 'crossfade', transitionDuration: 0.5 }, {}],
      titles: [{ text: 'Dusk', size: 9, anchor: 'center', start: 0.5, end: 2, fade: 0.2 }],
    },
    soundtrackSeconds: 6,
  });

const paramsOf = () =>
  page.evaluate(() => {
    const found = window.reelgraph!.state().doc!.nodes.find((each) => each.id === 'cut')!;
    return JSON.parse(JSON.stringify(found.params)) as {
      order?: number[];
      clips?: { trimIn?: number; trimOut?: number; transition?: string }[];
    };
  });

describe('the timeline panel', () => {
  it('shows the selected cut as a timeline; reorder, trim and transitions are undoable edits of the node; it previews what renders', async () => {
    expect((await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(cut()))).ok).toBe(true);
    expect(await page.evaluate(() => window.reelgraph!.run(undefined, 0))).toMatchObject({ status: 'done' });
    await seeWholeGraph(page);
    await page
      .locator('.react-flow__node[data-id="cut"] .node-header, .react-flow__node[data-id="cut"]')
      .first()
      .click({
        position: { x: 8, y: 8 },
      });
    const panel = page.getByRole('region', { name: 'Timeline' });
    await panel.waitFor();
    const blocks = panel.locator('.clip-block');
    await expect.poll(() => blocks.count()).toBe(3);
    // 2 s, 2 s and 2 s, the second overlapping the first by the crossfade.
    expect(await blocks.evaluateAll((all) => all.map((each) => each.getAttribute('aria-label')))).toEqual([
      'Clip 1, 2.00 s',
      'Clip 2, 2.00 s',
      'Clip 3, 2.00 s',
    ]);
    // Each block shows a strip of its clip's frames.
    await expect
      .poll(
        () =>
          blocks
            .first()
            .locator('img')
            .evaluate((image) => (image as HTMLImageElement).naturalWidth),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(100);
    expect(await panel.getByLabel('Titles').locator('.title-block').textContent()).toBe('Dusk');
    expect(await panel.getByLabel('Soundtrack').locator('canvas').count()).toBe(1);

    // Drag the third clip onto the first: it goes first. Undo puts it back.
    await blocks.nth(2).dragTo(blocks.nth(0));
    await expect.poll(async () => (await paramsOf()).order).toEqual([2, 0, 1]);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await paramsOf()).order ?? [0, 1, 2]).toEqual([0, 1, 2]);

    // The panel's scale, from its ruler: as wide as the cut's 5.5 s.
    const ruler = panel.getByLabel('Move the playhead');
    const rulerBox = (await ruler.boundingBox())!;
    const scale = rulerBox.width / 5.5;
    // Drag the end of the first clip half a second earlier: it ends at 1.5 s.
    const handle = panel.getByRole('slider', { name: 'Trim the end of clip 1' });
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - scale / 4, box.y + box.height / 2, { steps: 3 });
    await page.mouse.move(box.x + box.width / 2 - scale / 2, box.y + box.height / 2, { steps: 3 });
    await page.mouse.up();
    await expect.poll(async () => (await paramsOf()).clips?.[0]?.trimOut).toBeCloseTo(1.5, 1);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await paramsOf()).clips?.[0]?.trimOut).toBeUndefined();

    // How the third clip comes in, chosen on its block.
    await panel.getByLabel('Transition into clip 3').selectOption('fade-black');
    await expect.poll(async () => (await paramsOf()).clips?.[2]?.transition).toBe('fade-black');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await paramsOf()).clips?.[2]?.transition ?? 'cut').toBe('cut');

    // The playhead: a click on the ruler, a frame on with →, and I trims the clip there to start at it.
    await ruler.click({ position: { x: scale * 2.5, y: rulerBox.height / 2 } });
    await expect.poll(() => panel.getByLabel('Playhead', { exact: true }).textContent()).toBe('00:00:02:12');
    await panel.press('ArrowRight');
    await expect.poll(() => panel.getByLabel('Playhead', { exact: true }).textContent()).toBe('00:00:02:13');
    await panel.press('i');
    // Clip 2 starts at 1.5 s (after the crossfade's overlap): 2.5417 s is 1.0417 s into it.
    await expect.poll(async () => (await paramsOf()).clips?.[1]?.trimIn).toBeCloseTo(1.042, 2);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await paramsOf()).clips?.[1]?.trimIn ?? 0).toBe(0);

    // Space plays the cut itself from the playhead: frames drawn as it goes, the playhead with them; K stops it.
    await panel.press(' ');
    const playing = panel.getByLabel('The cut playing');
    await expect
      .poll(async () => Number((await playing.getAttribute('data-frame')) ?? -1), { timeout: 30_000 })
      .toBeGreaterThan(62);
    await expect.poll(() => panel.getByLabel('Playhead', { exact: true }).textContent()).not.toBe('00:00:02:13');
    await panel.press('k');
    await expect.poll(() => playing.isHidden()).toBe(true);

    // What the panel previews is what renders: three times, each against the MP4's frame there.
    const ran = (await page.evaluate(() => window.reelgraph!.run(['cut'], 0))) as {
      outputs: Record<string, Record<string, ArtifactRef>>;
    };
    const video = ran.outputs.cut.video;
    const read = await page.evaluate((hash) => window.reelgraph!.readArtifact(hash), video.$artifact);
    const mp4 = join(session.profile, 'timeline.mp4');
    writeFileSync(mp4, Buffer.from(read!.base64, 'base64'));
    for (const seconds of [0.75, 1.75, 4.5]) {
      await ruler.click({ position: { x: scale * seconds, y: rulerBox.height / 2 } });
      const canvas = panel.locator(`.timeline-frame canvas[data-drawn-at="${seconds}"]`);
      await canvas.waitFor({ timeout: 60_000 });
      const dataUrl = await canvas.evaluate((element) => (element as HTMLCanvasElement).toDataURL('image/png'));
      const preview = join(session.profile, `panel-${seconds}.png`);
      writeFileSync(preview, Buffer.from(dataUrl.split(',')[1], 'base64'));
      const frame = join(session.profile, `mp4-${seconds}.png`);
      ffmpeg('-i', mp4, '-vf', `select=eq(n\\,${Math.round(seconds * 24)})`, '-frames:v', '1', frame);
      expect(psnr(frame, preview), `${seconds} s`).toBeGreaterThanOrEqual(30);
    }
  }, 300_000);
});
