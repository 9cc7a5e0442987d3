import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDevAppSession } from './helpers';
import type * as DbModule from '../../src/storage/db';
import type * as ServicesModule from '../../src/state/services';

let page: Page;

/** How many cached results the app's database holds. */
const resultsStored = (on: Page) =>
  on.evaluate(async () => {
    const load = new Function('path', 'return import(path)') as (path: string) => Promise<object>;
    const { ReelgraphDB } = (await load('/src/storage/db.ts')) as typeof DbModule;
    const db = new ReelgraphDB();
    const count = await db.results.count();
    db.close();
    return count;
  });
let close: () => Promise<void>;

beforeAll(async () => {
  ({ page, close } = await openDevAppSession('storage'));
});

afterAll(async () => {
  await close?.();
});

describe('storage in real Chromium IndexedDB', () => {
  // Dedupe by hash, least-recently-used eviction and pinning are unit-tested on the same modules
  // (src/storage/storage.test.ts); here, what a person sees and does in Settings.
  it('shows how much is stored in Settings, and clears cached results there, keeping the graph', async () => {
    const resultsStored = () =>
      page.evaluate(async () => {
        const load = new Function('path', 'return import(path)') as (path: string) => Promise<object>;
        const { ReelgraphDB } = (await load('/src/storage/db.ts')) as typeof DbModule;
        const db = new ReelgraphDB();
        const [results, graphs] = [await db.results.count(), await db.graphs.count()];
        db.close();
        return { results, graphs };
      });
    const run = await page.evaluate(() => window.reelgraph!.run(['still']));
    expect(run.status).toBe('done');
    const before = await resultsStored();
    expect(before.results).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Settings' }).click();
    const storage = page.getByRole('group', { name: 'Storage' });
    await storage.getByRole('meter', { name: 'Storage used' }).waitFor();
    // What a clear would remove is said before it is pressed, and is what it then removes.
    const clearable = storage.getByLabel('What clearing would remove');
    await expect
      .poll(() => clearable.textContent())
      .toMatch(/^Clearing would remove \d+ cached results? and \d+ files? \(/);
    const [, said] = /remove (\d+ cached results? and \d+ files? \([^)]+\))/.exec((await clearable.textContent())!)!;
    await storage.getByRole('button', { name: 'Clear cached results' }).click();
    const status = storage.getByRole('status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^Cleared \d+ cached results? and \d+ files? \(/);
    expect(await status.textContent()).toContain(`Cleared ${said}.`);
    await expect.poll(() => clearable.textContent()).toBe('Clearing would remove nothing now.');
    expect(await resultsStored()).toEqual({ results: 0, graphs: before.graphs });
  });

  it('keeps, when clearing, what a run in another tab is using, until that run ends', async () => {
    const run = await page.evaluate(() => window.reelgraph!.run(['still']));
    expect(run.status).toBe('done');
    // A second tab of the app's origin holds its run as the app's runs do (services().holdForRun, in runs.ts) and reads every cached result.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 60_000 });
    const used = await other.evaluate(async () => {
      const load = new Function('path', 'return import(path)') as (path: string) => Promise<object>;
      const [{ services }, { ReelgraphDB }] = (await Promise.all(
        ['/src/state/services.ts', '/src/storage/db.ts'].map(load),
      )) as [typeof ServicesModule, typeof DbModule];
      (window as unknown as { endRun: () => void }).endRun = await services().holdForRun();
      const db = new ReelgraphDB();
      const keys = (await db.results.toCollection().primaryKeys()) as string[];
      db.close();
      const found = await services().results.getMany(keys);
      return found.filter(Boolean).length;
    });
    expect(used).toBeGreaterThan(0);

    // Settings is still open from the test before.
    const storage = page.getByRole('group', { name: 'Storage' });
    await storage.getByRole('button', { name: 'Clear cached results' }).click();
    await expect
      .poll(() => storage.getByRole('status').textContent())
      .toMatch(
        new RegExp(
          `${used} cached results? (was|were) kept: a run in progress \\(here or in another tab\\) may be using`,
        ),
      );
    expect(await resultsStored(page)).toBe(used);

    // That run ends: the next clear takes them.
    await other.evaluate(() => (window as unknown as { endRun: () => void }).endRun());
    await other.close();
    await storage.getByRole('button', { name: 'Clear cached results' }).click();
    await expect.poll(() => storage.getByRole('status').textContent()).toMatch(/^Cleared \d+ cached results? and/);
    expect(await resultsStored(page)).toBe(0);
  });

  it('says the run was not queued when storage is full at Run, and sends nothing', async () => {
    const full = await openDevAppSession('storage-full');
    try {
      const { page: tab } = full;
      await tab.evaluate(() => {
        // The disk fills as the run is queued.
        const add = IDBObjectStore.prototype.add;
        IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
          if (this.name === 'queue') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return add.apply(this, args);
        };
      });
      await tab.locator('header button.primary', { hasText: /^Run/ }).click();
      await expect
        .poll(() => tab.locator('.status-bar, footer').first().textContent(), { timeout: 60_000 })
        .toContain(
          'Run not started: this browser’s storage for Reelgraph is full, so the run could not be queued. Nothing was sent.',
        );
      expect(await tab.evaluate(() => window.reelgraph!.state().queue)).toEqual([]);
    } finally {
      await full.close();
    }
  });
});
