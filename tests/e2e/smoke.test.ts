import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newGraphFrom, seeWholeGraph } from './helpers';
import { launchProfile } from '../../cli/browser';
import { startAppServer } from '../../cli/app-server';

let server: ViteDevServer;
let url: string;
let profile: string;

async function openApp(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 60_000 });
  expect(errors).toEqual([]);
  return page;
}

beforeAll(async () => {
  ({ server, url } = await startAppServer());
  profile = mkdtempSync(join(tmpdir(), 'reelgraph-e2e-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('the app in Chromium', () => {
  it('opens on the starter graph, runs it offline, waits for a pick, and continues when one is chosen', async () => {
    const context = await launchProfile(profile);
    try {
      const page = await openApp(context);
      // It opens at a readable 100% where the flow starts; Fit shows all seven nodes.
      await expect.poll(() => page.locator('[data-node-id="prompt"]').isVisible()).toBe(true);
      await seeWholeGraph(page);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect
        .poll(() => page.locator('[data-node-id="pick"] [data-status]').getAttribute('data-status'), {
          timeout: 60_000,
        })
        .toBe('waiting');
      await expect.poll(() => page.locator('[data-node-id="pick"] .media img').count()).toBe(4);
      await expect(page.locator('.run-waiting').textContent()).resolves.toMatch(
        /Waiting for your pick at “Pick”: choose there and the run continues/,
      );
      const preview = page.locator('[data-node-id="camera"] .camera-preview');
      expect(await preview.getAttribute('data-over')).toBe('grid');
      // Choosing a candidate continues the run, with no second press of Run.
      await page.locator('[data-node-id="pick"] .media').nth(2).click();
      // The inspector leaves the choice to the node's thumbnails: no raw JSON of picks.
      const inspector = page.getByLabel('Inspector');
      await expect.poll(() => inspector.locator('h2').textContent()).toBe('Pick');
      expect(await inspector.getByLabel('Keep', { exact: true }).count()).toBe(1);
      expect(await inspector.getByLabel('Picks').count()).toBe(0);
      // The Camera previews its move over the chosen still.
      await expect.poll(() => preview.getAttribute('data-over')).toBe('still');
      await preview.hover();
      await page.screenshot({ path: join(tmpdir(), 'reelgraph-camera-over-still.png') });
      await expect
        .poll(() => page.locator('.run-summary').getAttribute('data-status'), { timeout: 60_000 })
        .toBe('done');
      // Only what is downstream of the pick runs; the stills, camera and soundtrack come from the cache.
      await expect(page.locator('.run-summary').textContent()).resolves.toMatch(/3 executed · 4 from cache/);
    } finally {
      await context.close();
    }
  });

  it('creates a graph, saves it to IndexedDB, and finds it after closing the browser', async () => {
    let context = await launchProfile(profile);
    try {
      const page = await openApp(context);
      await newGraphFrom(page, 'New graph');
      await expect.poll(() => page.getByLabel('Graph name').inputValue()).toBe('Untitled graph');
      // An empty graph says what to do, until it has a node.
      const empty = page.getByLabel('An empty graph');
      await expect
        .poll(() => empty.textContent())
        .toMatch(/Drop a photo or a sound file here, open a template, or press \//);
      await page.screenshot({ path: join(tmpdir(), 'reelgraph-empty-graph.png') });
      await page.getByLabel('Graph name').fill('My reel');
      await page.getByRole('button', { name: '+ Prompt' }).click();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
      expect(await empty.count()).toBe(0);
      await page.getByLabel('Prompt text').fill('a heron in fog');
      await expect
        .poll(() =>
          page.evaluate(async () => {
            await window.reelgraph!.flush();
            return window.reelgraph!.state().graphs.map((graph) => graph.name);
          }),
        )
        .toContain('My reel');
    } finally {
      await context.close();
    }

    context = await launchProfile(profile);
    try {
      const page = await openApp(context);
      await expect.poll(() => page.getByLabel('Graph name').inputValue()).toBe('My reel');
      await expect(page.getByLabel('Prompt text').inputValue()).resolves.toBe('a heron in fog');
      await page.reload();
      await page.waitForFunction(() => window.reelgraph !== undefined);
      await expect.poll(() => page.getByLabel('Graph name').inputValue()).toBe('My reel');
      await page.screenshot({ path: join(tmpdir(), 'reelgraph-smoke.png') });
    } finally {
      await context.close();
    }
  });

  it('chooses with the keyboard, pins a result across reloads, turns a dropped photo into a Still, and refuses a bad file as it arrives', async () => {
    const context = await launchProfile(profile);
    try {
      const page = await openApp(context);
      await newGraphFrom(page, 'New from starter');
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const candidates = page.locator('[data-node-id="pick"] .media');
      await expect.poll(() => candidates.count(), { timeout: 60_000 }).toBe(4);
      await candidates.first().focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => candidates.nth(1).getAttribute('aria-pressed')).toBe('true');

      // The pick continues the run to the end.
      await expect
        .poll(() => page.locator('[data-node-id="assemble"] [data-status]').getAttribute('data-status'), {
          timeout: 60_000,
        })
        .toBe('done');
      await page.locator('[data-node-id="assemble"] .pin').click();
      await expect.poll(() => page.locator('[data-node-id="assemble"] .pin').getAttribute('aria-pressed')).toBe('true');
      await page.reload();
      await page.waitForFunction(() => window.reelgraph !== undefined);
      await expect.poll(() => page.locator('[data-node-id="assemble"] .pin').getAttribute('aria-pressed')).toBe('true');

      // Changing the camera marks what depends on it stale before anyone presses Run; the rest stays cached.
      await page.locator('[data-node-id="camera"] input[aria-label="zoom"]').fill('6');
      const status = (id: string) => page.locator(`[data-node-id="${id}"] [data-status]`).getAttribute('data-status');
      await expect.poll(() => status('animate')).toBe('stale');
      await expect.poll(() => status('assemble')).toBe('stale');
      expect(await status('still')).toBe('cached');

      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('?');
      await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
      await page.keyboard.press('Escape');

      const drop = await page.evaluateHandle(async () => {
        const canvas = new OffscreenCanvas(320, 240);
        canvas.getContext('2d')!.fillRect(0, 0, 160, 120);
        const transfer = new DataTransfer();
        transfer.items.add(
          new File([await canvas.convertToBlob({ type: 'image/png' })], 'my-photo.png', { type: 'image/png' }),
        );
        return transfer;
      });
      await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: drop, clientX: 200, clientY: 600 });
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);
      const added = await page.evaluate(() => window.reelgraph!.state().doc!.nodes.at(-1));
      expect(added).toMatchObject({
        kind: 'still',
        title: 'my-photo.png',
        params: { mode: 'upload', file: { mime: 'image/png' } },
      });
      // It shows on its node at once, with its size, before anything runs.
      const photoNode = page.locator(`.react-flow__node[data-id="${added!.id}"]`);
      await expect.poll(() => photoNode.getByRole('img', { name: 'Your photo' }).count()).toBe(1);
      expect(await photoNode.locator('figcaption').textContent()).toMatch(/^320×240 · [\d.]+ [kK]?B$/);
      // A photo has no use for a prompt, a reference or a re-roll: its node shows none.
      expect(await photoNode.locator('.port.in').count()).toBe(0);
      expect(await photoNode.getByRole('button', { name: 're-roll' }).count()).toBe(0);
      await photoNode.screenshot({ path: join(tmpdir(), 'reelgraph-photo-dropped.png') });
      // Its picker shows its button only, never the browser's "No file chosen" beside the photo it has.
      expect(await photoNode.locator('input[type="file"]').evaluate((input) => getComputedStyle(input).color)).toBe(
        'rgba(0, 0, 0, 0)',
      );

      // A file is judged as it arrives: one that cannot be used is refused on the spot, saying why, and adds nothing.
      const dropFile = async (name: string, type: string, base64: string) => {
        const transfer = await page.evaluateHandle(
          ({ name, type, base64 }) => {
            const data = new DataTransfer();
            data.items.add(new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], name, { type }));
            return data;
          },
          { name, type, base64 },
        );
        await page
          .locator('.react-flow__pane')
          .dispatchEvent('drop', { dataTransfer: transfer, clientX: 300, clientY: 600 });
      };
      const notice = page.locator('.notice');
      const heic = Buffer.concat([Buffer.from('00000018667479706865696300000000', 'hex'), Buffer.from('mif1heic')]);
      await dropFile('IMG_0042.HEIC', '', heic.toString('base64'));
      await expect
        .poll(() => notice.textContent())
        .toMatch(/^IMG_0042\.HEIC: This is a HEIC image, which browsers cannot decode: convert it to JPEG or PNG/);
      await dropFile('shot-list.png', 'image/png', Buffer.from('my shot list, not a picture').toString('base64'));
      await expect
        .poll(() => notice.textContent())
        .toMatch(/^shot-list\.png: This file is not a PNG, JPEG or WebP image\./);
      expect(await page.locator('.react-flow__node').count()).toBe(8);
      // A GIF, which the browser decodes, becomes a PNG Still, saying so.
      await dropFile('tiny.gif', 'image/gif', 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==');
      await expect.poll(() => notice.textContent()).toMatch(/^tiny\.gif: converted from GIF to PNG/);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(9);
      expect(await page.evaluate(() => window.reelgraph!.state().doc!.nodes.at(-1)!.params)).toMatchObject({
        mode: 'upload',
        file: { mime: 'image/png', meta: { convertedFrom: 'GIF' } },
      });
      // A photo over the size kept (41 MP, 8200 a side) is scaled down as it arrives, saying so.
      const big = await page.evaluateHandle(async () => {
        const canvas = new OffscreenCanvas(8200, 5000);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#345';
        context.fillRect(0, 0, 8200, 5000);
        const transfer = new DataTransfer();
        transfer.items.add(
          new File([await canvas.convertToBlob({ type: 'image/png' })], 'huge.png', { type: 'image/png' }),
        );
        return transfer;
      });
      await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: big, clientX: 300, clientY: 650 });
      await expect
        .poll(() => notice.textContent(), { timeout: 60_000 })
        .toMatch(/^huge\.png: scaled down from 8200×5000 to \d+×\d+ pixels, the most a photo is kept at\./);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(10);
      const kept = await page.evaluate(
        () =>
          window.reelgraph!.state().doc!.nodes.at(-1)!.params.file as {
            meta: { width: number; height: number; scaledFrom: string };
          },
      );
      expect(kept.meta.scaledFrom).toBe('8200×5000');
      expect(kept.meta.width).toBeLessThanOrEqual(8192);
      expect(kept.meta.width * kept.meta.height).toBeLessThanOrEqual(40_000_000);

      // A sound shows on its new Audio node at once: its waveform, length and size.
      const rate = 8000;
      const samples = Int16Array.from({ length: rate }, (_, at) =>
        Math.round(Math.sin((at / rate) * 2 * Math.PI * 440) * 12000),
      );
      const wav = Buffer.alloc(44 + samples.byteLength);
      wav.write('RIFF', 0, 'latin1');
      wav.writeUInt32LE(36 + samples.byteLength, 4);
      wav.write('WAVEfmt ', 8, 'latin1');
      wav.writeUInt32LE(16, 16);
      wav.writeUInt16LE(1, 20);
      wav.writeUInt16LE(1, 22);
      wav.writeUInt32LE(rate, 24);
      wav.writeUInt32LE(rate * 2, 28);
      wav.writeUInt16LE(2, 32);
      wav.writeUInt16LE(16, 34);
      wav.write('data', 36, 'latin1');
      wav.writeUInt32LE(samples.byteLength, 40);
      Buffer.from(samples.buffer).copy(wav, 44);
      await dropFile('tone.wav', 'audio/wav', wav.toString('base64'));
      // Placed where it covers no node, in view: it is drawn where the person is looking.
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(11);
      const sound = await page.evaluate(() => window.reelgraph!.state().doc!.nodes.at(-1)!);
      expect([sound.kind, sound.title, sound.params.mode]).toEqual(['audio', 'tone.wav', 'file']);
      const soundNode = page.locator(`.react-flow__node[data-id="${sound.id}"]`);
      await expect.poll(() => soundNode.locator('.sound-caption').textContent()).toBe('1.0 s · 16 KB');
      expect(await soundNode.locator('canvas, svg').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('cancels a run with Escape, keeps only complete results, and runs to the end afterwards', async () => {
    const context = await launchProfile(profile);
    try {
      const page = await openApp(context);
      await newGraphFrom(page, 'New from starter');
      // A long, large clip, so the run is surely still rendering when Escape is pressed.
      await page.evaluate(() => {
        window.reelgraph!.setParams('pick', { autoPick: true });
        window.reelgraph!.setParams('animate', {
          duration: 10,
          resolution: '1080p',
          fps: 30,
        });
      });
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      // Escape is pressed the moment the clip reports progress (an event, not a guess at the time),
      // so the clip is surely still rendering when the cancel arrives.
      await page.evaluate(() => {
        let pressed = false;
        void window.reelgraph!.run(undefined, Infinity, (event) => {
          if (pressed || event.type !== 'nodeProgressed' || event.nodeId !== 'animate' || event.fraction >= 1) return;
          pressed = true;
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        });
      });
      await expect
        .poll(() => page.locator('.run-summary').getAttribute('data-status'), { timeout: 60_000 })
        .toBe('cancelled');
      expect(await page.locator('[data-node-id="animate"] [data-status]').getAttribute('data-status')).toBe(
        'cancelled',
      );

      // Run again: what finished before the cancel comes from the cache; the rest runs to the end.
      await page.keyboard.press('Control+Enter');
      await expect
        .poll(() => page.locator('.run-summary').getAttribute('data-status'), { timeout: 120_000 })
        .toBe('done');
      await expect(page.locator('.run-summary').textContent()).resolves.toMatch(/2 executed/);
    } finally {
      await context.close();
    }
  });
});
