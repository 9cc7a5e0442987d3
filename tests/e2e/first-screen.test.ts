import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from '../../cli/app-server';
import { launchProfile } from '../../cli/browser';

let url: string;
let server: { close(): Promise<void> };
beforeAll(async () => {
  ({ url, server } = await startAppServer());
});
afterAll(async () => {
  await server?.close();
});

/** A new user's first start: a fresh profile, a window of this size, the app as `npm start` serves it. */
async function firstStart(width: number, height: number, run: (page: Page) => Promise<void>) {
  const profile = mkdtempSync(join(tmpdir(), 'reelgraph-first-'));
  const context = await launchProfile(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width, height });
    await page.goto(url);
    await page.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 120_000 });
    await run(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Every piece of text drawn in a node, at the size it has on screen (its font size times the zoom). */
const nodeText = (page: Page) =>
  page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    return [...document.querySelectorAll('.react-flow__node *')]
      .filter((element) =>
        [...element.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim()),
      )
      .map((element) => ({
        text: element.textContent!.trim().slice(0, 40),
        px: parseFloat(getComputedStyle(element).fontSize) * zoom,
      }));
  });

/** Pairs of drawn nodes whose boxes on screen overlap. */
const overlaps = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((element) => ({
      id: element.getAttribute('data-id')!,
      box: element.getBoundingClientRect(),
    }));
    return boxes.flatMap((a) =>
      boxes
        .filter(
          (b) =>
            a.id < b.id &&
            a.box.left < b.box.right &&
            b.box.left < a.box.right &&
            a.box.top < b.box.bottom &&
            b.box.top < a.box.bottom,
        )
        .map((b) => `${a.id} × ${b.id}`),
    );
  });

describe('the first screen', () => {
  it.each([
    [1440, 900],
    [1920, 1080],
  ])(
    'at %i×%i: the starter’s text is readable, nothing overlaps, and the first step points at Run',
    async (width, height) => {
      await firstStart(width, height, async (page) => {
        await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(2);
        const text = await nodeText(page);
        expect(text.length).toBeGreaterThan(10);
        expect(text.filter((piece) => piece.px < 12)).toEqual([]);
        expect(await overlaps(page)).toEqual([]);
        // The flow starts on screen: the Prompt, then the Still it feeds.
        await expect.poll(() => page.locator('[data-node-id="prompt"]').isVisible()).toBe(true);
        await expect.poll(() => page.locator('[data-node-id="still"]').isVisible()).toBe(true);

        // The first step, pointed at Run: what it costs (nothing, offline) and what comes after.
        const note = page.getByRole('note', { name: 'First step' });
        await expect.poll(() => note.textContent()).toMatch(/Start here: press Run.*on this computer, free/);
        const run = (await page.locator('header button.primary').boundingBox())!;
        const box = (await note.boundingBox())!;
        expect(box.y).toBeGreaterThan(run.y + run.height);
        expect(box.x + box.width).toBeGreaterThanOrEqual(run.x);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(tmpdir(), `reelgraph-first-screen-${width}.png`) });

        // Once the graph has run, the note has done its work.
        await page.locator('header button.primary').click();
        await expect.poll(() => note.count(), { timeout: 60_000 }).toBe(0);
      });
    },
  );

  it('tidies up a graph whose nodes were dropped on each other, as one undoable edit', async () => {
    await firstStart(1920, 1080, async (page) => {
      await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(2);
      const before = await page.evaluate(() => window.reelgraph!.state().doc!.nodes.map((node) => node.position));
      // Every node dropped at one spot.
      await page.evaluate(() =>
        window.reelgraph!.loadGraph(
          JSON.stringify({
            ...window.reelgraph!.state().doc,
            id: 'piled',
            nodes: window.reelgraph!.state().doc!.nodes.map((node) => ({ ...node, position: { x: 0, y: 0 } })),
          }),
        ),
      );
      await page.locator('.react-flow__controls-fitview').click();
      await expect.poll(() => overlaps(page).then((pairs) => pairs.length)).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Tidy up' }).click();
      await expect.poll(() => overlaps(page)).toEqual([]);
      const tidied = await page.evaluate(() => window.reelgraph!.state().doc!.nodes.map((node) => node.position));
      expect(tidied).toEqual(before);
      await page.keyboard.press('Control+z');
      await expect
        .poll(() => page.evaluate(() => window.reelgraph!.state().doc!.nodes.every((node) => node.position.x === 0)))
        .toBe(true);
    });
  });
});
