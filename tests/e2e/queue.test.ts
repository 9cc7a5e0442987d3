import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type GraphDocument } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { MOCK_KEYS, startProviderMock, type ProviderMock } from '../mocks/provider-mock';
import { openAppSession, providerClip } from './helpers';

/** For polls that wait on the page: generous, so a busy machine never fails them. */
const PATIENCE = { timeout: 90_000, interval: 100 };

let dir: string;
let kling: ProviderMock;

/** A local draft animated on Kling: $0.42, under the $1 that asks first. */
const klingShot = createDocument({
  id: 'queue-kling',
  name: 'Kling shot',
  appVersion: 'test',
  now: new Date(),
  nodes: [
    node('prompt', 'prompt', 0, 0, { text: 'a lighthouse, waves breaking' }),
    node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 640 }),
    node('pick', 'pick', 600, 0, { autoPick: true }),
    node('animate', 'animate', 900, 0, { models: ['kling-v3-std'], duration: 5, resolution: '1080p', seed: 3 }),
  ],
  edges: [
    edge('prompt.text', 'still.prompt'),
    edge('still.images', 'pick.candidates'),
    edge('pick.chosen', 'animate.still'),
  ],
});

const drafts = (id: string, name: string, text: string): GraphDocument =>
  createDocument({
    id,
    name,
    appVersion: 'test',
    now: new Date(),
    nodes: [
      node('prompt', 'prompt', 0, 0, { text }),
      node('still', 'still', 300, 0, { mode: 'local-draft', count: 2, size: 256 }),
    ],
    edges: [edge('prompt.text', 'still.prompt')],
  });

/** A short local camera move of a draft: it draws on local rendering only. */
const besideShot = createDocument({
  id: 'queue-beside',
  name: 'Beside',
  appVersion: 'test',
  now: new Date(),
  nodes: [
    node('prompt', 'prompt', 0, 0, { text: 'a green kite over a lake' }),
    node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 256 }),
    node('pick', 'pick', 600, 0, { autoPick: true }),
    node('animate', 'animate', 900, 0, { models: ['local-camera-move'], duration: 1, resolution: '480p' }),
  ],
  edges: [
    edge('prompt.text', 'still.prompt'),
    edge('still.images', 'pick.candidates'),
    edge('pick.chosen', 'animate.still'),
  ],
});

/** Two drafts, a Pick that waits for the person, and a short local camera move of the one picked. */
const pickHere = createDocument({
  id: 'tabs-pick',
  name: 'Pick here',
  appVersion: 'test',
  now: new Date(),
  nodes: [
    node('prompt', 'prompt', 0, 0, { text: 'a harbour at dawn' }),
    node('still', 'still', 300, 0, { mode: 'local-draft', count: 2, size: 256 }),
    node('pick', 'pick', 600, 0, {}),
    node('animate', 'animate', 900, 0, { models: ['local-camera-move'], duration: 1, resolution: '480p' }),
  ],
  edges: [
    edge('prompt.text', 'still.prompt'),
    edge('still.images', 'pick.candidates'),
    edge('pick.chosen', 'animate.still'),
  ],
});

const load = (page: Page, doc: GraphDocument) =>
  page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(doc));
/** Asks for a run as a script does, without waiting for it: it may wait its turn. */
const askRun = (page: Page, targets?: string[]) =>
  void page.evaluate((nodes) => window.reelgraph!.run(nodes, 10), targets).catch(() => {});
const queued = (page: Page) =>
  page.evaluate(() => window.reelgraph!.state().queue.map((run) => [run.graphName, run.targets ?? null, run.state]));
const polled = (from: number) => kling.requests.slice(from).some((request) => request.method === 'GET');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-queue-'));
  kling = await startProviderMock('kling', { video: providerClip(dir), image: Buffer.alloc(0), pendingPolls: 1 });
  Object.assign(process.env, {
    KLING_ACCESS_KEY: MOCK_KEYS.accessKey,
    KLING_SECRET_KEY: MOCK_KEYS.secretKey,
    REELGRAPH_KLING_BASE_URL: kling.url,
  });
});
afterAll(async () => {
  await kling.close();
  delete process.env.REELGRAPH_KLING_BASE_URL;
  rmSync(dir, { recursive: true, force: true });
});

describe('the run queue', () => {
  it('queues runs from two graphs, pauses, reorders, cancels one, runs a local render beside a polling cloud run, and resumes that after a reload without a second submit', async () => {
    const session = await openAppSession('queue');
    const { page } = session;
    try {
      kling.outcome = { kind: 'never' };
      // Runs above 50 cents ask first: the Kling shot ($0.42) does not, until it is edited to cost more.
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Ask before runs above (dollars)').fill('0.5');
      await page.getByRole('button', { name: 'Save' }).click();
      const panel = page.getByRole('dialog', { name: 'Queue' });
      const rows = panel.getByRole('list', { name: 'Queued runs' }).getByRole('listitem');
      await page.getByRole('button', { name: 'Queue', exact: true }).click();
      await panel.getByRole('button', { name: 'Pause the queue' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Paused/);
      await panel.getByRole('button', { name: 'Close' }).click();

      // Three runs from two graphs, waiting while the queue is paused.
      await load(page, klingShot);
      askRun(page);
      await expect.poll(() => queued(page), PATIENCE).toEqual([['Kling shot', null, 'waiting']]);
      await load(page, drafts('queue-drafts', 'Drafts', 'a red kite over dunes'));
      askRun(page);
      await expect.poll(async () => (await queued(page)).length, PATIENCE).toBe(2);
      askRun(page, ['prompt']);
      await expect.poll(async () => (await queued(page)).length, PATIENCE).toBe(3);
      // The open graph says where its run waits.
      await expect.poll(() => page.locator('.queued-here').textContent()).toBe('Queued · #2');

      await page.getByRole('button', { name: 'Queue (3)' }).click();
      const texts = () => rows.locator('.queued-title').allTextContents();
      await expect.poll(texts).toEqual(['Kling shot · whole graph', 'Drafts · whole graph', 'Drafts · prompt']);
      await rows.nth(2).getByRole('button', { name: 'Move to front' }).click();
      await expect.poll(texts).toEqual(['Drafts · prompt', 'Kling shot · whole graph', 'Drafts · whole graph']);
      // Dragged onto the first: it goes before it.
      await rows.nth(2).dragTo(rows.nth(0));
      await expect.poll(texts).toEqual(['Drafts · whole graph', 'Drafts · prompt', 'Kling shot · whole graph']);
      await rows.nth(1).getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(texts).toEqual(['Drafts · whole graph', 'Kling shot · whole graph']);

      // A waiting run's graph edited before its turn: twice as long, so it costs more than was accepted.
      await rows.nth(1).getByRole('button', { name: 'Edit graph' }).click();
      await expect.poll(() => page.evaluate(() => window.reelgraph!.state().doc?.name)).toBe('Kling shot');
      await page.evaluate(() => window.reelgraph!.setParams('animate', { duration: 10 }));
      await page.getByRole('button', { name: 'Queue (2)' }).click();
      await expect.poll(() => rows.nth(1).textContent()).toContain('edited since it was queued');

      // Resumed: the drafts run; the Kling shot is held at its turn, sending nothing, until its new cost is accepted.
      const seen = kling.requests.length;
      await panel.getByRole('button', { name: 'Resume the queue' }).click();
      await expect
        .poll(() => rows.first().textContent(), PATIENCE)
        .toMatch(/held.*It now costs about \$0\.84, more than the \$0\.42 you accepted/);
      expect(kling.requests.length).toBe(seen);
      // Accepted with another graph open: it runs in the background, and what it spends is its own.
      await load(page, besideShot);
      await rows.first().getByRole('button', { name: 'Accept $0.84' }).click();
      await expect.poll(() => kling.submits(), PATIENCE).toBe(1);
      await expect.poll(() => polled(seen), PATIENCE).toBe(true);
      expect(await queued(page)).toEqual([['Kling shot', null, 'running']]);

      // A local render of another graph runs beside the polling cloud run: they share no pool.
      await panel.getByRole('button', { name: 'Close' }).click();
      const beside = await page.evaluate(() => window.reelgraph!.run().then((summary) => summary.status));
      expect(beside).toBe('done');
      expect(await queued(page)).toEqual([['Kling shot', null, 'running']]);
      expect(kling.submits()).toBe(1);

      // A reload mid-run: the queue is kept, and its run polls the task it saved instead of sending it again.
      await page.reload();
      await page.waitForFunction(() => window.reelgraph !== undefined);
      await expect.poll(() => queued(page), PATIENCE).toEqual([['Kling shot', null, 'running']]);
      const after = kling.requests.length;
      await expect.poll(() => polled(after), PATIENCE).toBe(true);
      kling.outcome = { kind: 'done' };
      await expect.poll(() => queued(page), PATIENCE).toEqual([]);
      expect(kling.submits()).toBe(1);

      // The history: the runs that ended, newest first (the Kling shot's record is written when it ends), with what they cost.
      await page.getByRole('button', { name: 'History' }).click();
      const history = page.getByRole('dialog', { name: 'History' });
      const runs = history.getByRole('table', { name: 'Runs' }).locator('tr.history-run');
      await expect
        .poll(() => runs.allTextContents(), PATIENCE)
        .toEqual([
          expect.stringMatching(/Kling shotdone.*\$0\.84/),
          expect.stringMatching(/Besidedone40\$0/),
          expect.stringMatching(/Draftsdone20\$0/),
        ]);
      await history.getByRole('button', { name: 'Close' }).click();

      // The paid request is charged to the graph that made it, though another was on screen.
      await page.getByRole('button', { name: 'Spend' }).click();
      const spend = page.getByRole('dialog', { name: 'Spend' });
      await expect
        .poll(
          () =>
            spend.getByRole('table', { name: 'Paid requests' }).locator('tbody tr td:nth-child(4)').allTextContents(),
          PATIENCE,
        )
        .toEqual(['Kling shot']);
    } finally {
      await session.close();
    }
  });

  it('is shared by two tabs: one leads and runs what the other queues, once; the other takes over when it closes', async () => {
    const session = await openAppSession('queue-tabs');
    const { page, context } = session;
    const other = await context.newPage();
    try {
      await load(page, drafts('tabs-first', 'First', 'a lighthouse at dusk'));
      await other.goto(page.url());
      await other.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 60_000 });
      await load(other, drafts('tabs-second', 'Second', 'a kite over snow'));

      // Paused in one tab is paused in both.
      await page.getByRole('button', { name: 'Queue', exact: true }).click();
      await page.getByRole('dialog', { name: 'Queue' }).getByRole('button', { name: 'Pause the queue' }).click();
      await expect.poll(() => other.evaluate(() => window.reelgraph!.state().queuePaused), PATIENCE).toBe(true);

      // The second tab queues a run; the first, which leads, runs it; the second only hears how it ended.
      const asked = other.evaluate(() =>
        window.reelgraph!.run().then(
          (summary) => `ran here: ${summary.status}`,
          (error: Error) => error.message,
        ),
      );
      await expect.poll(() => queued(page), PATIENCE).toEqual([['Second', null, 'waiting']]);
      await other.getByRole('button', { name: 'Queue (1)' }).click();
      await other.getByRole('dialog', { name: 'Queue' }).getByRole('button', { name: 'Resume the queue' }).click();
      expect(await asked).toMatch(/^Nothing ran here/);
      await expect
        .poll(() => page.locator('.notice').textContent(), PATIENCE)
        .toContain('The queued run of “Second” ended: done.');
      // The second tab shows what the first made for it, from the cache.
      await expect
        .poll(() => other.evaluate(() => window.reelgraph!.state().runState.still?.status), PATIENCE)
        .toBe('cached');
      /** The history's rows in a tab, once they are all listed. */
      const historyOf = async (tab: Page, expected: RegExp[]) => {
        await tab.getByRole('button', { name: 'History' }).click();
        const sheet = tab.getByRole('dialog', { name: 'History' });
        const rows = sheet.getByRole('table', { name: 'Runs' }).locator('tr.history-run');
        await expect
          .poll(() => rows.allTextContents(), PATIENCE)
          .toEqual(expected.map((row) => expect.stringMatching(row)));
        await sheet.getByRole('button', { name: 'Close' }).click();
      };
      await other.getByRole('dialog', { name: 'Queue' }).getByRole('button', { name: 'Close' }).click();
      await historyOf(other, [/Seconddone20/]);

      // Run by the first tab for the second, it stops at a Pick: choosing in the second continues it, run by the first.
      await load(other, pickHere);
      const toPick = other.evaluate(() => window.reelgraph!.run().catch((error: Error) => error.message));
      expect(await toPick).toMatch(/^Nothing ran here/);
      await expect.poll(() => other.evaluate(() => window.reelgraph!.state().waitingFor), PATIENCE).toEqual(['pick']);
      await expect
        .poll(() => other.locator('[data-node-id="pick"] [data-status]').getAttribute('data-status'), PATIENCE)
        .toBe('waiting');
      await expect.poll(() => other.locator('[data-node-id="pick"] .media').count(), PATIENCE).toBe(2);
      await other.locator('[data-node-id="pick"] .media').nth(1).click();
      await expect
        .poll(() => page.locator('.notice').textContent(), PATIENCE)
        .toContain('The queued run of “Pick here” ended: done.');
      await expect
        .poll(() => other.evaluate(() => window.reelgraph!.state().runState.animate?.status), PATIENCE)
        .toBe('cached');

      // The leader closes: the second tab takes the lead and runs its own next run itself.
      await page.close();
      await load(other, drafts('tabs-second', 'Second', 'a kite over sand'));
      const summary = await other.evaluate(() => window.reelgraph!.run().then((done) => done.status));
      expect(summary).toBe('done');
      await historyOf(other, [/Seconddone20/, /Pick heredone/, /Pick herewaiting at a Pick/, /Seconddone20/]);
    } finally {
      await other.close().catch(() => {});
      await session.close();
    }
  });
});
