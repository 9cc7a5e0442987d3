import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDocument, type GraphDocument } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { newGraphFrom, openAppSession } from './helpers';

/** For polls that wait on the page: generous, so a busy machine never fails them. */
const PATIENCE = { timeout: 60_000, interval: 100 };

const drafts = createDocument({
  id: 'history-drafts',
  name: 'Drafts',
  appVersion: 'test',
  now: new Date(),
  nodes: [
    node('prompt', 'prompt', 0, 0, { text: 'a red kite over dunes' }),
    node('still', 'still', 300, 0, { mode: 'local-draft', count: 2, size: 256 }),
  ],
  edges: [edge('prompt.text', 'still.prompt')],
});

const open = (page: Page) => page.evaluate(() => window.reelgraph!.state().doc!) as Promise<GraphDocument>;
const promptOf = (doc: GraphDocument) => doc.nodes.find((entry) => entry.id === 'prompt')!.params.text;

describe('the run history', () => {
  it('lists every run after a reload, filters them, and opens a run’s graph exactly as it ran', async () => {
    const session = await openAppSession('history');
    const { page } = session;
    try {
      await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(drafts));
      expect((await page.evaluate(() => window.reelgraph!.run())).status).toBe('done');
      await page.evaluate(() => window.reelgraph!.setParams('prompt', { text: 'a blue kite over snow' }));
      expect((await page.evaluate(() => window.reelgraph!.run())).status).toBe('done');
      await page.evaluate(() => window.reelgraph!.setParams('still', { count: 0 }));
      // An invalid count: the run is recorded as failed, its Still as invalid.
      expect((await page.evaluate(() => window.reelgraph!.run())).status).toBe('failed');
      await page.evaluate(() => window.reelgraph!.setParams('still', { count: 2 }));

      await page.reload();
      await page.waitForFunction(() => window.reelgraph !== undefined);
      await page.getByRole('button', { name: 'History' }).click();
      const history = page.getByRole('dialog', { name: 'History' });
      const runs = history.getByRole('table', { name: 'Runs' }).locator('tr.history-run');
      await expect.poll(() => runs.count(), PATIENCE).toBe(3);
      expect(await runs.allTextContents()).toEqual([
        expect.stringMatching(/^.+Draftsfailed/),
        expect.stringMatching(/^.+Draftsdone20\$0[\d.]+ s/),
        expect.stringMatching(/^.+Draftsdone20\$0[\d.]+ s/),
      ]);
      await history.getByLabel('Status').selectOption('failed');
      await expect.poll(() => runs.count()).toBe(1);
      await runs.getByRole('button', { name: 'Details' }).click();
      const nodes = history.getByRole('table', { name: /^Nodes of the run at / }).locator('tbody tr');
      await expect
        .poll(() => nodes.allTextContents())
        .toContainEqual(expect.stringMatching(/^Still · stillinvalid.*count/));
      await history.getByLabel('Status').selectOption('');
      await expect.poll(() => runs.count()).toBe(3);

      // The first run, whose prompt has changed since: a copy of the graph as it ran, its stills still cached.
      await runs.nth(2).getByRole('button', { name: 'Details' }).click();
      await expect.poll(() => history.getByLabel('What the run made').locator('img').count(), PATIENCE).toBe(2);
      await runs.nth(2).getByRole('button', { name: 'Open as it ran' }).click();
      await expect.poll(async () => (await open(page)).name, PATIENCE).toMatch(/^Drafts \(as run .+\)$/);
      const copy = await open(page);
      expect(copy.id).not.toBe(drafts.id);
      expect(promptOf(copy)).toBe('a red kite over dunes');
      await expect
        .poll(() => page.evaluate(() => window.reelgraph!.state().runState.still?.status), PATIENCE)
        .toBe('cached');
      // The saved graph is as the person left it.
      const graphs = await page.evaluate(() => window.reelgraph!.state().graphs.map((graph) => graph.name));
      expect(graphs).toEqual(expect.arrayContaining(['Drafts', copy.name]));

      // The second run is the saved graph as it is now but for the count: also a copy. Opening the
      // copy's own run (it is that version still) opens the copy itself, not another.
      expect((await page.evaluate(() => window.reelgraph!.run())).status).toBe('done');
      await page.getByRole('button', { name: 'History' }).click();
      await expect.poll(() => runs.count(), PATIENCE).toBe(4);
      await runs.first().getByRole('button', { name: 'Open as it ran' }).click();
      await expect.poll(() => history.count()).toBe(0);
      expect((await open(page)).id).toBe(copy.id);
      expect(await page.evaluate(() => window.reelgraph!.state().graphs.length)).toBe(graphs.length);
    } finally {
      await session.close();
    }
  });

  it('keeps what runs made in a library: opens the graph that made a still, drags it into another graph, pins and deletes', async () => {
    const session = await openAppSession('library');
    const { page } = session;
    try {
      await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(drafts));
      expect((await page.evaluate(() => window.reelgraph!.run())).status).toBe('done');
      await page.evaluate(() => window.reelgraph!.setParams('prompt', { text: 'a blue kite over snow' }));
      expect((await page.evaluate(() => window.reelgraph!.run())).status).toBe('done');

      await page.getByRole('button', { name: 'Library' }).click();
      const library = page.getByRole('complementary', { name: 'Library' });
      const tiles = library.locator('figure.library-item');
      await expect.poll(() => tiles.count(), PATIENCE).toBe(4);
      await expect.poll(() => tiles.locator('img').count(), PATIENCE).toBe(4);
      // Newest run first: the blue kite's stills, then the red kite's, each run under its graph.
      expect(await library.locator('.library-run').count()).toBe(2);
      await library.getByLabel('Model').selectOption('local draft');
      await expect.poll(() => tiles.count()).toBe(4);

      // The graph that made the oldest still, as it ran: the red kite.
      await tiles.nth(3).getByRole('button', { name: 'Open graph' }).click();
      await expect.poll(async () => promptOf(await open(page)), PATIENCE).toBe('a red kite over dunes');
      expect((await open(page)).name).toMatch(/^Drafts \(as run /);

      // Dragged into another graph, a still becomes a Still holding it as its photo.
      const hash = await tiles.nth(0).evaluate((tile) => tile.getAttribute('data-hash'));
      await newGraphFrom(page, 'New graph');
      await tiles.nth(0).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 300, y: 200 } });
      await expect
        .poll(
          async () =>
            (await open(page)).nodes.map((entry) => [
              entry.kind,
              entry.params.mode,
              (entry.params.file as { $artifact?: string } | undefined)?.$artifact,
            ]),
          PATIENCE,
        )
        .toEqual([['still', 'upload', hash]]);

      // Pinned: both stills of that result are kept, and the filter finds them.
      await tiles.nth(0).getByRole('button', { name: 'Pin' }).click();
      await library.getByLabel('Pinned').check();
      await expect.poll(() => tiles.count(), PATIENCE).toBe(2);
      await library.getByLabel('Pinned').uncheck();

      // A pinned still is never deleted; unpinned, deleting says what it means: the new graph holds
      // the still as its photo, so its file stays.
      await tiles.nth(0).getByRole('button', { name: 'Delete…' }).click();
      const warning = tiles.nth(0).getByRole('alertdialog');
      await expect.poll(() => warning.textContent(), PATIENCE).toMatch(/^It is pinned: unpin it to delete it\.Keep$/);
      await warning.getByRole('button', { name: 'Keep' }).click();
      await tiles.nth(0).getByRole('button', { name: 'Unpin' }).click();
      await expect.poll(() => tiles.nth(0).getByRole('button', { name: 'Pin' }).count(), PATIENCE).toBe(1);
      await tiles.nth(0).getByRole('button', { name: 'Delete…' }).click();
      await expect
        .poll(() => warning.textContent(), PATIENCE)
        .toMatch(/Made by runs of “Drafts”.*“Untitled graph” still uses it as a photo, sound or video: the file stays/);
      await warning.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => tiles.count(), PATIENCE).toBe(2);
      const kept = await page.evaluate((artifact) => window.reelgraph!.readArtifact(artifact!), hash);
      expect(kept?.mime).toBe('image/png');
    } finally {
      await session.close();
    }
  });
});
