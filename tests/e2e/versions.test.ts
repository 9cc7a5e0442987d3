import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../graph-engine';
import { newGraphFrom, openAppSession } from './helpers';

let session: Awaited<ReturnType<typeof openAppSession>>;
let page: Page;
const doc = (): Promise<GraphDocument> => page.evaluate(() => window.reelgraph!.state().doc!);
/** File → Versions… */
const openVersions = async () => {
  await page.getByText('File', { exact: true }).click();
  await page.getByRole('button', { name: 'Versions…' }).click();
};
const promptText = async () => (await doc()).nodes.find((node) => node.id === 'prompt')!.params.text;

beforeAll(async () => {
  session = await openAppSession('versions');
  page = session.page;
});
afterAll(async () => {
  await session?.close();
});

describe('versions of a graph', () => {
  it('saves two versions with notes, says what changed, restores the first (undoable) and branches from the second', async () => {
    await newGraphFrom(page, 'New from starter');
    const original = await promptText();
    const versions = page.getByRole('dialog', { name: 'Versions' });
    const save = async (note: string) => {
      await openVersions();
      await versions.getByLabel('Version note').fill(note);
      await versions.getByRole('button', { name: 'Save version' }).click();
      await expect.poll(() => versions.locator('.version-list li').first().textContent()).toContain(note);
      await page.keyboard.press('Escape');
    };
    await save('Lighthouse');
    await page.evaluate(() => window.reelgraph!.setParams('prompt', { text: 'An owl at dusk' }));
    await expect.poll(promptText).toBe('An owl at dusk');
    await save('Owl');

    await openVersions();
    const entry = (note: string) => versions.locator('li').filter({ has: page.locator('strong', { hasText: note }) });
    const [owl, lighthouse] = [entry('Owl'), entry('Lighthouse')];
    // Each says what changed after it, in words.
    expect(await lighthouse.locator('.version-changes').textContent()).toMatch(
      /Since then: Prompt · text: "A \{subject\} at golden hour, slow push-… → "An owl at dusk"\./,
    );
    expect(await owl.locator('.version-changes').textContent()).toBe('The same as the graph now.');
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-versions.png') });
    await lighthouse.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(promptText).toBe(original);
    // One undoable edit.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(promptText).toBe('An owl at dusk');

    // A saved version can be deleted.
    await openVersions();
    await entry('Lighthouse').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => entry('Lighthouse').count()).toBe(0);
    await page.keyboard.press('Escape');

    const before = (await doc()).id;
    await openVersions();
    await entry('Owl').getByRole('button', { name: 'Branch' }).click();
    await expect.poll(async () => (await doc()).id).not.toBe(before);
    expect((await doc()).name).toMatch(/^Starter: .* \(from .+\)$/);
    expect(await promptText()).toBe('An owl at dusk');
  });

  it('lists the graph as each run ran it', async () => {
    await newGraphFrom(page, 'New from starter');
    await page.evaluate(() => window.reelgraph!.run());
    await openVersions();
    const versions = page.getByRole('dialog', { name: 'Versions' });
    await expect.poll(() => versions.locator('.version-list li').first().textContent()).toMatch(/As run \(waiting/);
    await page.keyboard.press('Escape');
  });

  it('shows a version read-only with what it made, refuses changes there, and restores it as one undoable edit', async () => {
    await newGraphFrom(page, 'New from starter');
    const graph = (await doc()).id;
    const original = await promptText();
    await page.evaluate(() => window.reelgraph!.run());
    const drafts = page.locator('[data-node-id="still"] img');
    await expect.poll(() => drafts.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.evaluate(() => window.reelgraph!.setParams('prompt', { text: 'An owl at dusk' }));
    await expect.poll(promptText).toBe('An owl at dusk');

    await openVersions();
    const versions = page.getByRole('dialog', { name: 'Versions' });
    const ran = versions.locator('.version-list li').filter({ hasText: 'As run' }).first();
    await ran.getByRole('button', { name: 'View' }).click();
    const bar = page.getByLabel('A version, read-only');
    await expect.poll(() => bar.count()).toBe(1);
    expect(await promptText()).toBe(original);
    // With what it made, from the cache: the drafts of that prompt.
    await expect.poll(() => drafts.count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-version-view.png') });
    // Nothing changes it.
    await page.getByLabel('Graph name').fill('Changed while looking');
    await expect.poll(() => page.locator('.notice').textContent()).toMatch(/shown read-only/);
    expect((await doc()).name).not.toBe('Changed while looking');

    await bar.getByRole('button', { name: 'Restore this version' }).click();
    await expect.poll(async () => (await doc()).id).toBe(graph);
    await expect.poll(promptText).toBe(original);
    expect(await bar.count()).toBe(0);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(promptText).toBe('An owl at dusk');
  });
});
