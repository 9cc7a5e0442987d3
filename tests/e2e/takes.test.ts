import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type GraphDocument, type TakeRecord } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { MOCK_KEYS, startProviderMock, type ProviderMock } from '../mocks/provider-mock';
import { canvasSettled, openAppSession, pngSize, probe, providerClip } from './helpers';

/** For polls that wait on the page: generous, so a busy machine never fails them. */
const PATIENCE = { timeout: 90_000, interval: 200 };

let dir: string;
let kling: ProviderMock;
let ark: ProviderMock;

const doc = (page: Page) => page.evaluate(() => window.reelgraph!.state().doc!) as Promise<GraphDocument>;
const runAll = (page: Page) => page.evaluate(() => window.reelgraph!.run());
const statusOf = (page: Page, id: string) => page.evaluate((node) => window.reelgraph!.state().runState[node], id);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-takes-'));
  const media = { video: providerClip(dir), image: Buffer.alloc(0), pendingPolls: 1 };
  kling = await startProviderMock('kling', media);
  ark = await startProviderMock('ark', media);
  Object.assign(process.env, {
    KLING_ACCESS_KEY: MOCK_KEYS.accessKey,
    KLING_SECRET_KEY: MOCK_KEYS.secretKey,
    REELGRAPH_KLING_BASE_URL: kling.url,
    ARK_API_KEY: MOCK_KEYS.apiKey,
    REELGRAPH_ARK_BASE_URL: ark.url,
  });
});
afterAll(async () => {
  await kling.close();
  await ark.close();
  delete process.env.REELGRAPH_KLING_BASE_URL;
  delete process.env.REELGRAPH_ARK_BASE_URL;
  rmSync(dir, { recursive: true, force: true });
});

describe('takes: one shot, many takes', () => {
  it('keeps two stills, makes six takes, keeps what a refusal spared, re-rolls one, and keeps the best', async () => {
    const session = await openAppSession('takes');
    const { page } = session;
    try {
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByRole('button', { name: 'Open template: One shot, many takes' }).click();
      await expect.poll(async () => (await doc(page)).name).toBe('One shot, many takes');
      // Short local renders: this test judges takes, not rendering.
      await page.evaluate(() => window.reelgraph!.setParams('animate', { duration: 2, resolution: '480p' }));

      // Run, as a person does: the estimate (the stills are not made yet) asks first.
      const dialog = page.getByRole('alertdialog', { name: 'Confirm the cost of this run' });
      await page.getByRole('button', { name: /^Run · est\. / }).click();
      await dialog.getByRole('button', { name: /^Run and spend / }).click();
      // The run stops at the Pick, waiting for two stills.
      await expect.poll(async () => (await statusOf(page, 'pick-stills'))?.status, PATIENCE).toBe('waiting');
      await page.getByRole('button', { name: 'Show nodes' }).click();
      await page.locator('.run-table td').getByText('pick-stills', { exact: true }).click();
      // Focusing the Pick moves the canvas: its candidates are clicked once it stands still.
      await canvasSettled(page);
      // One Seedance take will be refused up front (a face in the still): the other five are made and kept.
      ark.inject('POST', /tasks$/, {
        status: 400,
        body: {
          error: {
            code: 'InputImageSensitiveContentDetected.PrivacyInformation',
            message: 'The request failed because the input image may contain real person.',
            type: 'BadRequest',
          },
        },
      });
      const pick = page.locator('[data-node-id="pick-stills"]');
      await pick.getByRole('button', { name: 'Candidate 2' }).click();
      // One of two kept: the run still waits, and says so.
      await expect.poll(() => pick.locator('.hint').textContent()).toBe('1 of 2 kept');
      await expect.poll(async () => (await statusOf(page, 'pick-stills'))?.status).toBe('waiting');
      await pick.getByRole('button', { name: 'Candidate 4' }).click();
      await expect.poll(() => pick.locator('.hint').textContent()).toBe('2 of 2 kept');
      // The wire into Animate says it runs once per kept still.
      await expect.poll(() => page.locator('.react-flow__edge.maps .react-flow__edge-text').textContent()).toBe('×2');
      // Two stills by three models: the second pick continues the run, and since that spends, it asks
      // first (a click on a thumbnail is not a press of Run), with the six takes priced.
      await expect.poll(() => dialog.locator('h2').textContent(), PATIENCE).toMatch(/^This run will cost about \$/);
      expect(await dialog.locator('tbody th').allTextContents()).toEqual(['Six takes']);
      expect(await page.evaluate(() => window.reelgraph!.state().estimate?.nodes)).toEqual([
        { nodeId: 'animate', cost: expect.any(Number) as number, takes: 6 },
      ]);
      expect([kling.submits(), ark.submits()]).toEqual([0, 0]);
      await dialog.getByRole('button', { name: /^Run and spend / }).click();
      const first = await page
        .waitForFunction(
          () => {
            const state = window.reelgraph!.state();
            return !state.running && state.lastRun?.status === 'failed' ? state : undefined;
          },
          undefined,
          PATIENCE,
        )
        .then((handle) => handle.jsonValue());
      expect([kling.submits(), ark.submits()]).toEqual([2, 1]);
      const animate = await statusOf(page, 'animate');
      expect(animate).toMatchObject({ status: 'failed', takes: { total: 6, made: 5, failed: 1 } });
      expect(animate?.status === 'failed' && animate.message).toMatch(
        /^5 of 6 takes made, 1 failed \(take \d \(still \d, seedance-2\.0\)/,
      );
      await expect
        .poll(() => page.locator('[data-node-id="animate"] .badge-takes').textContent())
        .toMatch(/5 of 6 takes, 1 failed/);
      const takes = first!.takes.animate as TakeRecord[];
      expect(takes.map((take) => take.status).filter((status) => status === 'done')).toHaveLength(5);

      // The board: six places, by still (rows) and model (columns); the failed one says why.
      const board = page.getByRole('dialog', { name: 'Take board' });
      const open = page
        .locator('[data-node-id="animate"]')
        .getByRole('button', { name: /^Take board/ })
        .first();
      // On a very busy machine a click made as the node re-rendered at the run's end was lost (the
      // page then held no board at all): as a person would, click again until the board is open.
      await expect
        .poll(async () => {
          if ((await board.count()) === 0) await open.click({ timeout: 10_000 }).catch(() => {});
          return board.count();
        }, PATIENCE)
        .toBe(1);
      // Seen once on a very busy machine: an empty board. Say what the page held, to find out why.
      await expect
        .poll(() => board.locator('.compare-tile').count())
        .toBe(6)
        .catch(async (error: Error) => {
          const held = await page.evaluate(() => {
            const state = window.reelgraph!.state();
            return {
              doc: [state.doc?.id, state.doc?.metadata.updatedAt],
              running: state.running,
              lastRun: state.lastRun,
              takes: Object.fromEntries(Object.entries(state.takes).map(([id, list]) => [id, list.length])),
              board: document.querySelectorAll('.compare').length,
              animate: state.runState.animate?.status,
            };
          });
          throw new Error(`${error.message}\nthe page held: ${JSON.stringify(held)}`);
        });
      await expect
        .poll(() => board.locator('.board-heading').allTextContents())
        .toEqual(['Kling V3 Standard', 'Seedance 2.0', 'Local camera move', 'still 1', 'still 2']);
      await page.screenshot({ path: join(tmpdir(), 'reelgraph-take-board-failed.png') });
      const failedTile = board.locator('.compare-tile[data-status="failed"]');
      await expect
        .poll(() => failedTile.textContent())
        .toContain('Seedance rejects realistic human faces in the start frame');

      // Re-rolling the refused take makes exactly that one again, with a new seed.
      await failedTile.getByRole('button', { name: 'Re-roll' }).click();
      await expect
        .poll(() => page.locator('.run-summary').textContent(), PATIENCE)
        .toMatch(/1 take run, 5 already made/);
      expect([kling.submits(), ark.submits()]).toEqual([2, 2]);
      await expect.poll(() => board.locator('.compare-tile video').count()).toBe(6);

      await page.screenshot({ path: join(tmpdir(), 'reelgraph-take-board.png') });
      // Six clips play in sync from one transport.
      await board.getByRole('button', { name: 'Play all' }).click();
      await expect.poll(() => board.locator('.time').textContent()).not.toBe('0.00 s');
      await board.getByRole('button', { name: 'Pause all' }).click();
      // Paused, all six show the same moment (the shortest clip's last frame at most).
      const spread = () =>
        board
          .locator('video')
          .evaluateAll((videos) => (videos as HTMLVideoElement[]).map((video) => video.currentTime))
          .then((times) => (times.length === 6 ? Math.max(...times) - Math.min(...times) : Infinity));
      await expect.poll(spread, PATIENCE).toBeLessThan(0.05);

      // The board as one PNG: its frames three across, labelled.
      const [sheet] = await Promise.all([
        page.waitForEvent('download'),
        board.getByRole('button', { name: 'Export still sheet (PNG)' }).click(),
      ]);
      const sheetFile = join(dir, 'takes.png');
      await sheet.saveAs(sheetFile);
      expect(pngSize(sheetFile)).toEqual({ width: 3 * 480, height: 2 * (270 + 28) });

      // Arrows move, a number stars, Enter keeps: the take goes to the Pick after the node.
      await board.locator('.compare-tile[data-index="0"] figcaption > span').first().click();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('7');
      await page.keyboard.press('Enter');
      const cached = await page.evaluate(() => window.reelgraph!.run(['animate'], 0));
      const clips = (cached.status === 'done' ? cached.outputs.animate.clips : []) as { $artifact: string }[];
      const chosenClip = clips[4];
      await expect
        .poll(async () => (await doc(page)).nodes.find((node) => node.id === 'pick-take')!.params)
        .toMatchObject({
          picks: [{ index: 4, artifact: chosenClip.$artifact }],
          ratings: { [chosenClip.$artifact]: 7 },
        });
      await board.getByRole('button', { name: 'Close' }).click();

      await page.screenshot({ path: join(tmpdir(), 'reelgraph-takes-canvas.png') });
      // The kept take reaches Assemble; a run after that executes nothing.
      const assembled = await runAll(page);
      expect(assembled.status).toBe('done');
      expect(assembled.status === 'done' && assembled.executed).toEqual(['pick-take', 'assemble']);
      const video = (assembled.status === 'done' && assembled.outputs.assemble.video) as { $artifact: string };
      const media = await page.evaluate((hash) => window.reelgraph!.readArtifact(hash), video.$artifact);
      const file = join(dir, 'assembled.mp4');
      writeFileSync(file, Buffer.from(media!.base64, 'base64'));
      expect(Number(probe(file).format.duration)).toBeCloseTo(2, 0);
      const again = await runAll(page);
      expect(again.status === 'done' && [again.executed, again.executedTakes]).toEqual([[], 0]);
      expect([kling.submits(), ark.submits()]).toEqual([2, 2]);

      // The Library finds the starred take by its stars, and says how many it was given.
      await page.evaluate(() => window.reelgraph!.flush());
      await page.getByRole('button', { name: 'Library' }).click();
      const library = page.getByRole('complementary', { name: 'Library' });
      await library.getByLabel('Stars').selectOption({ label: '★★★★★ or more' });
      const starred = library.locator('figure.library-item');
      await expect.poll(() => starred.count(), PATIENCE).toBe(1);
      expect(await starred.getAttribute('data-hash')).toBe(chosenClip.$artifact);
      expect(await starred.getAttribute('aria-label')).toMatch(/ · ★{7}$/);
    } finally {
      await session.close();
    }
  });

  it('offers to spend only on the models it has a key for, says which key the others need, and Escape closes every dialog', async () => {
    const saved = process.env.ARK_API_KEY;
    delete process.env.ARK_API_KEY;
    const sent = [kling.submits(), ark.submits()];
    const session = await openAppSession('takes-one-key');
    const { page } = session;
    try {
      await page.getByRole('button', { name: 'Templates' }).click();
      const gallery = page.getByRole('dialog', { name: 'Templates' });
      await gallery.waitFor();
      await page.keyboard.press('Escape');
      await gallery.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByRole('button', { name: 'Open template: One shot, many takes' }).click();
      await expect.poll(async () => (await doc(page)).name).toBe('One shot, many takes');
      await page.evaluate(() => window.reelgraph!.setParams('animate', { duration: 2, resolution: '480p' }));

      // Escape leaves Settings as it was; Save keeps what was typed.
      const settings = page.getByRole('dialog', { name: 'Settings' });
      const threshold = page.getByLabel('Ask before runs above (dollars)');
      await page.getByRole('button', { name: 'Settings' }).click();
      await threshold.fill('0');
      await page.keyboard.press('Escape');
      await settings.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Settings' }).click();
      expect(await threshold.inputValue()).toBe('1');
      await threshold.fill('0');
      await settings.getByRole('button', { name: 'Save' }).click();
      await settings.waitFor({ state: 'detached' });

      // Kling has its key, ModelArk has none: the question prices Kling's takes only, and says what Seedance needs.
      const full = await page.evaluate(() => window.reelgraph!.state().estimate!.total);
      await page.getByRole('button', { name: /^Run · est\. / }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Confirm the cost of this run' });
      await expect
        .poll(() => dialog.locator('.missing-keys li').allTextContents())
        .toEqual([
          expect.stringMatching(
            /^Seedance 2\.0 in “Six takes”: BytePlus ModelArk: add your ModelArk API key in Settings \(or set ARK_API_KEY/,
          ),
        ]);
      const offered = Number((await dialog.locator('h2').textContent())!.replace(/^This run will cost about \$/, ''));
      expect(offered).toBeGreaterThan(0);
      // The Run button priced the same: only what can be sent.
      expect(offered).toBeCloseTo(full, 2);
      await page.screenshot({ path: join(tmpdir(), 'reelgraph-cost-missing-key.png') });
      // Escape is the answer that does nothing: the run does not start, and nothing is sent.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.notice').textContent()).toMatch(/Run not started: nothing was sent/);
      expect([kling.submits(), ark.submits()]).toEqual(sent);
      expect(await page.evaluate(() => window.reelgraph!.state().running)).toBe(false);
    } finally {
      if (saved !== undefined) process.env.ARK_API_KEY = saved;
      await session.close();
    }
  });

  it('without keys: the local takes are made, the cloud ones say which key they need, and dropping them runs it to the end', async () => {
    const saved = { ...process.env };
    for (const name of ['KLING_ACCESS_KEY', 'KLING_SECRET_KEY', 'KLING_API_KEY', 'ARK_API_KEY'])
      delete process.env[name];
    const session = await openAppSession('takes-offline');
    const { page } = session;
    try {
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByRole('button', { name: 'Open template: One shot, many takes' }).click();
      await expect.poll(async () => (await doc(page)).name).toBe('One shot, many takes');
      await page.evaluate(() => {
        window.reelgraph!.setParams('animate', { duration: 2, resolution: '480p' });
        window.reelgraph!.setParams('pick-stills', { autoPick: true });
      });
      const first = await runAll(page);
      expect(first.status).toBe('failed');
      const animate = await statusOf(page, 'animate');
      expect(animate).toMatchObject({ status: 'failed', takes: { total: 6, made: 2, failed: 4 } });
      expect(animate?.status === 'failed' && animate.message).toMatch(/Kling/);
      expect([kling.submits(), ark.submits()]).toEqual([2, 2]);

      await page.getByRole('button', { name: 'Show nodes' }).click();
      await page
        .locator('.run-table tr')
        .filter({ has: page.getByRole('cell', { name: 'animate', exact: true }) })
        .getByRole('button', { name: 'Take board' })
        .click();
      const board = page.getByRole('dialog', { name: 'Take board' });
      // One note per model with no key, in its column, not an error per take.
      const notes = board.locator('.key-missing');
      await expect
        .poll(() => notes.allTextContents())
        .toEqual([
          expect.stringMatching(/^Kling has no key here: .*these 2 takes/),
          expect.stringMatching(/^BytePlus ModelArk has no key here: .*ARK_API_KEY.*these 2 takes/),
        ]);
      // The local takes are named by their still.
      expect(await board.locator('.compare-tile figcaption').allTextContents()).toEqual([
        expect.stringMatching(/^still 1 · Local camera move/),
        expect.stringMatching(/^still 2 · Local camera move/),
      ]);
      await page.screenshot({ path: join(tmpdir(), 'reelgraph-take-board-offline.png') });
      // Dropping them goes on with the others, as a pick does: the run continues by itself.
      await notes.first().getByRole('button', { name: 'Drop these 2 takes' }).click();
      await expect.poll(() => notes.count()).toBe(1);
      await notes.first().getByRole('button', { name: 'Drop these 2 takes' }).click();
      await expect.poll(() => notes.count()).toBe(0);
      await expect
        .poll(() => page.evaluate(() => window.reelgraph!.state().waitingFor), PATIENCE)
        .toEqual(['pick-take']);
      await board.locator('.compare-tile[data-index="2"]').getByRole('button', { name: 'Keep' }).click();
      await board.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => page.locator('.run-summary').getAttribute('data-status'), PATIENCE).toBe('done');
      const done = await runAll(page);
      expect(done.status).toBe('done');
      expect(done.status === 'done' && done.executedTakes).toBe(0);
      expect([kling.submits(), ark.submits()]).toEqual([2, 2]);
    } finally {
      await session.close();
      Object.assign(process.env, saved);
    }
  });
  it('a Still on image models with no key costs nothing to run, says which key each needs, and sends nothing', async () => {
    const saved = process.env.GEMINI_API_KEY;
    delete process.env.GEMINI_API_KEY;
    const session = await openAppSession('takes-still-key');
    const { page } = session;
    try {
      const stills = createDocument({
        id: 'still-keys',
        name: 'Cloud stills',
        appVersion: 'test',
        now: new Date(),
        nodes: [
          node('prompt', 'prompt', 0, 0, { text: 'a fox in snow' }),
          node('still', 'still', 300, 0, { mode: 'generate', models: ['nano-banana-2', 'nano-banana-pro'], count: 1 }),
        ],
        edges: [edge('prompt.text', 'still.prompt')],
      });
      await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(stills));
      // Every run that spends asks first.
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Ask before runs above (dollars)').fill('0');
      await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Save' }).click();
      // Nothing it would send can be sent: Run prices nothing, so it does not ask.
      await expect.poll(() => page.evaluate(() => window.reelgraph!.state().estimate?.total), PATIENCE).toBe(0);
      await page.locator('header button.primary', { hasText: /^Run$/ }).click();
      await expect.poll(async () => (await statusOf(page, 'still'))?.status, PATIENCE).toBe('failed');
      expect(await page.getByRole('alertdialog', { name: 'Confirm the cost of this run' }).count()).toBe(0);
      const still = await statusOf(page, 'still');
      expect(still?.status === 'failed' && still.message).toMatch(/add your Gemini API key.*Nothing was sent\.$/);
      const spent = await page.evaluate(() => window.reelgraph!.state().lastRun?.cost);
      expect(spent).toBe(0);
    } finally {
      if (saved !== undefined) process.env.GEMINI_API_KEY = saved;
      await session.close();
    }
  });
});
