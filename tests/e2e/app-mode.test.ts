import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../graph-engine';
import { ffmpeg, newGraphFrom, openAppSession, probe } from './helpers';

let session: Awaited<ReturnType<typeof openAppSession>>;
let page: Page;
const doc = (): Promise<GraphDocument> => page.evaluate(() => window.reelgraph!.state().doc!);

/** The open graph's share link, opened in a fresh profile as a link opens: a new page (the page already open would only change its address's fragment). */
async function openShareLinkFresh(name: string) {
  const link = await page.evaluate(() => window.reelgraph!.shareLink());
  const fresh = await openAppSession(name);
  try {
    const other = await fresh.context.newPage();
    await other.goto(link!.replace(/^http:\/\/[^/]+\//, fresh.page.url().split('#')[0]));
    await other.waitForFunction(() => window.reelgraph !== undefined);
    return { fresh, other };
  } catch (error) {
    await fresh.close();
    throw error;
  }
}

beforeAll(async () => {
  session = await openAppSession('app-mode');
  page = session.page;
});
afterAll(async () => {
  await session?.close();
});

describe('a graph used as an app', () => {
  it('opens the starter as a form, runs it from there with a new subject, waits for a pick and hands back the cut to download', async () => {
    await newGraphFrom(page, 'New from starter');
    await page.getByRole('button', { name: 'App', exact: true }).click();
    const form = page.getByLabel('Inputs');
    const subject = form.getByLabel('Subject', { exact: true });
    expect(await subject.inputValue()).toBe('lighthouse on a cliff');
    expect(await form.getByLabel('Drafts to choose from', { exact: true }).inputValue()).toBe('4');
    // Each model with what a clip costs on it, as the node would ask for it.
    expect(await form.getByRole('checkbox', { name: /^Kling V3 Standard · ≈ \$\d+\.\d\d a clip$/ }).count()).toBe(1);
    expect(await form.getByRole('checkbox', { name: 'Local camera move (offline, not AI) · $0' }).isChecked()).toBe(
      true,
    );
    // No canvas: the form, Run and the outputs.
    expect(await page.locator('.react-flow').count()).toBe(0);

    await subject.fill('a red fox at dawn');
    await form.getByLabel('Drafts to choose from', { exact: true }).fill('2');
    await expect
      .poll(async () => (await doc()).nodes.find((node) => node.id === 'prompt')!.params.variables)
      .toEqual({ subject: 'a red fox at dawn' });
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-app-form.png') });

    await form.getByRole('button', { name: 'Run', exact: true }).click();
    const choose = form.getByRole('button', { name: 'Choose at “Pick”' });
    await expect.poll(() => choose.count(), { timeout: 60_000 }).toBe(1);
    await choose.click();
    // The take board of the Pick's candidates: two drafts of the new subject; keeping one runs it on.
    const board = page.getByRole('dialog', { name: 'Take board' });
    await expect.poll(() => board.locator('.compare-tile img').count()).toBe(2);
    await board.locator('.compare-tile[data-index="1"]').getByRole('button', { name: 'Keep' }).click();
    await page.keyboard.press('Escape');
    const outputs = page.getByLabel('Outputs');
    await expect.poll(() => outputs.locator('video').count(), { timeout: 60_000 }).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-app-done.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      outputs.getByRole('button', { name: 'Download MP4' }).click(),
    ]);
    const file = join(session.profile, 'cut.mp4');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.mp4$/);
    expect(Number(probe(file).format.duration)).toBeCloseTo(4, 1);
    // It carries the graph as it ran.
    expect(readFileSync(file).toString('latin1')).toContain('a red fox at dawn');

    // Its graph is a click away.
    await form.getByRole('button', { name: 'Open its graph' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
  });

  it('lets the author show a setting in the app from the inspector, and opens a shared app on its form in a fresh profile', async () => {
    await newGraphFrom(page, 'New from starter');
    await page.locator('[data-node-id="camera"] .node-header').click();
    await page
      .getByLabel('Inspector')
      .locator('.component-param', { hasText: 'Zoom' })
      .getByLabel('Show in app')
      .check();
    await expect
      .poll(async () => (await doc()).app!.inputs.map((input) => input.name))
      .toEqual(['subject', 'count', 'models', 'zoom']);
    await page.getByRole('button', { name: 'App', exact: true }).click();
    expect(await page.getByLabel('Inputs').getByLabel('Zoom', { exact: true }).inputValue()).toBe('2');

    const { fresh, other } = await openShareLinkFresh('app-fresh');
    try {
      const ask = other.getByRole('alertdialog', { name: 'Open a shared graph' });
      await ask.getByRole('button', { name: 'Open it' }).click();
      // The form first, with the author's inputs; no canvas.
      const form = other.getByLabel('Inputs');
      await expect.poll(() => form.getByLabel('Zoom', { exact: true }).count()).toBe(1);
      expect(await form.getByLabel('Subject', { exact: true }).inputValue()).toBe('lighthouse on a cliff');
      expect(await other.locator('.react-flow').count()).toBe(0);
      await other.screenshot({ path: join(tmpdir(), 'reelgraph-app-shared.png') });
    } finally {
      await fresh.close();
    }
  });

  it('shows a setting a component shows in the app form, set there for that use of the component', async () => {
    await newGraphFrom(page, 'New from starter');
    await page.locator('[data-node-id="camera"] .node-header').click();
    await page.locator('[data-node-id="animate"] .node-header').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+Shift+g');
    await expect.poll(async () => (await doc()).components?.length).toBe(1);
    const instance = (await doc()).nodes.find((node) => node.kind === 'component')!.id;
    const inspector = page.getByLabel('Inspector');
    await inspector
      .getByRole('group', { name: 'Camera' })
      .locator('.component-param', { hasText: 'Zoom' })
      .getByLabel('Show on component')
      .check();
    await inspector.getByRole('region', { name: 'On this node' }).getByLabel('Show in app').check();
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-app-component-setting.png') });
    await page.getByRole('button', { name: 'App', exact: true }).click();
    const zoom = page.getByLabel('Inputs').getByLabel('Camera · Zoom', { exact: true });
    expect(await zoom.inputValue()).toBe('2');
    await zoom.fill('5');
    await expect
      .poll(async () => (await doc()).nodes.find((node) => node.id === instance)!.params.values)
      .toEqual({ zoom: 5 });
    await page.getByLabel('Inputs').getByRole('button', { name: 'Open its graph' }).click();
  });

  it('opens a shared graph naming a retired model and a model with no key here on the preflight screen, with both fixes offered', async () => {
    await newGraphFrom(page, 'New from starter');
    const graph = await page.evaluate(() => window.reelgraph!.state().doc!);
    const animate = graph.nodes.find((node) => node.kind === 'animate')!;
    const still = graph.nodes.find((node) => node.kind === 'still')!;
    // A photo of the author's own, which a link never carries.
    const theirs = {
      ...still,
      id: 'theirs',
      params: { mode: 'upload', file: { $artifact: 'c'.repeat(64), mime: 'image/png', size: 10 } },
    };
    const retiredHere = {
      ...graph,
      nodes: [
        ...graph.nodes.map((node) =>
          node.id === animate.id ? { ...node, params: { ...node.params, models: ['veo-3.1', 'kling-v3-std'] } } : node,
        ),
        { ...theirs, position: { x: still.position.x, y: still.position.y + 900 } },
      ],
    };
    expect((await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(retiredHere))).ok).toBe(
      true,
    );
    const { fresh, other } = await openShareLinkFresh('preflight');
    try {
      const ask = other.getByRole('alertdialog', { name: 'Open a shared graph' });
      const swap = ask.getByRole('checkbox', { name: /^Swap Veo 3\.1 \(shut down 2026-10-22\) for / });
      await expect.poll(() => swap.isChecked()).toBe(true);
      expect(await ask.locator('.preflight-keys').textContent()).toMatch(/no key for Kling.*: enter (it|them) here/);
      // The key is entered where it is found missing, and kept as Settings keeps it.
      const clear = ask.getByRole('checkbox', { name: /^Clear it from its node, which then asks for a file of yours/ });
      expect(await clear.isChecked()).toBe(true);
      await ask.getByLabel('Kling API key (console key, every route)').fill('kling-key-from-preflight');
      await other.screenshot({ path: join(tmpdir(), 'reelgraph-preflight.png') });
      await ask.getByRole('button', { name: /^Save Kling.* key$/ }).click();
      await expect.poll(() => ask.locator('.key-saved').textContent()).toMatch(/Key saved for Kling/);

      await ask.getByRole('button', { name: 'Open it' }).click();
      // Opened with the swap made, nothing else dropped.
      await expect
        .poll(() =>
          other.evaluate(
            (id) => window.reelgraph!.state().doc?.nodes.find((node) => node.id === id)?.params.models,
            animate.id,
          ),
        )
        .toEqual(['vertex:veo-3.1', 'kling-v3-std']);
      expect(
        await other.evaluate(() => window.reelgraph!.state().doc?.nodes.find((node) => node.id === 'theirs')?.params),
      ).toEqual({ mode: 'upload' });
      await other.getByRole('button', { name: 'Settings', exact: true }).click();
      const settings = other.getByRole('dialog', { name: 'Settings' });
      expect(await settings.getByLabel('Kling API key (console key, every route)').inputValue()).toBe(
        'kling-key-from-preflight',
      );
    } finally {
      await fresh.close();
    }
    // The same graph as a file asks the same way before it opens.
    await page.getByText('File', { exact: true }).click();
    await page.getByLabel('Import a graph file').setInputFiles({
      name: 'retired.reelgraph.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(retiredHere)),
    });
    const asked = page.getByRole('alertdialog', { name: 'Open a graph from a file' });
    await expect.poll(() => asked.getByRole('checkbox', { name: /^Swap Veo 3\.1/ }).isChecked()).toBe(true);
    await asked.getByRole('button', { name: 'Don’t open' }).click();
  });

  it('keeps a graph in the library as a template with its versions, opens it as a new graph or straight as its app, and removes it', async () => {
    await newGraphFrom(page, 'New from starter');
    const original = (await doc()).id;
    await page.getByRole('button', { name: 'App', exact: true }).click();
    const form = page.getByLabel('Inputs');
    await form.getByLabel('Subject', { exact: true }).fill('a heron in fog');
    await form.getByLabel('Drafts to choose from', { exact: true }).fill('2');
    // Run to the Pick: the drafts it made give the template its picture.
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect
      .poll(() => form.getByRole('button', { name: 'Choose at “Pick”' }).count(), { timeout: 60_000 })
      .toBe(1);

    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    const gallery = page.getByRole('dialog', { name: 'Templates' });
    await gallery.getByLabel('Template name').fill('Heron app');
    await gallery.getByLabel('What the template is for').fill('A bird, four ways');
    await gallery.getByRole('button', { name: 'Save this graph as a template' }).click();
    const card = gallery.getByRole('button', { name: 'Open template: Heron app' });
    await expect.poll(() => card.textContent()).toMatch(/Your template, version 1, saved .*: A bird, four ways/);
    await expect.poll(() => card.locator('img.template-thumb').count()).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-templates.png') });

    // Straight into its app: a new graph, the template's inputs on the form.
    await gallery.getByRole('button', { name: 'Open as app: Heron app' }).click();
    await expect.poll(async () => (await doc()).id).not.toBe(original);
    expect((await doc()).name).toBe('Heron app');
    expect(await page.getByLabel('Inputs').getByLabel('Subject', { exact: true }).inputValue()).toBe('a heron in fog');
    expect(await page.locator('.react-flow').count()).toBe(0);

    // A change in the graph it came from, saved again, is version 2; a plain Open shows the canvas.
    await page.getByLabel('Open graph').selectOption(original);
    await expect.poll(async () => (await doc()).id).toBe(original);
    await page.getByRole('button', { name: 'App', exact: true }).click();
    await page.getByLabel('Inputs').getByLabel('Subject', { exact: true }).fill('a crane in snow');
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await gallery.getByLabel('Template name').fill('Heron app');
    await gallery.getByRole('button', { name: 'Save this graph as a template' }).click();
    await expect.poll(() => card.textContent()).toMatch(/version 2/);
    await card.click();
    await expect.poll(async () => (await doc()).name).toMatch(/^Heron app/);
    expect((await doc()).nodes.find((node) => node.id === 'prompt')!.params.variables).toEqual({
      subject: 'a crane in snow',
    });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);

    // From the palette, its nodes join the open graph beside what is there, as one undoable step.
    await page.getByLabel('Add node').getByRole('button', { name: '+ Heron app (template)' }).click();
    await expect.poll(async () => (await doc()).nodes.length).toBe(14);
    const right = Math.max(...(await doc()).nodes.slice(0, 7).map((node) => node.position.x));
    expect(Math.min(...(await doc()).nodes.slice(7).map((node) => node.position.x))).toBeGreaterThan(right);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await doc()).nodes.length).toBe(7);

    // Removed from the library; the graphs made from it stay.
    const graphs = (await page.evaluate(() => window.reelgraph!.state().graphs)).length;
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await gallery.getByRole('button', { name: 'Remove from library: Heron app' }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect((await page.evaluate(() => window.reelgraph!.state().graphs)).length).toBe(graphs);

    // A built-in template that shows inputs opens as its app too.
    await gallery.getByRole('button', { name: 'Open as app: Offline starter' }).click();
    await expect.poll(() => page.getByLabel('Inputs').getByLabel('Subject', { exact: true }).count()).toBe(1);
    await page.getByLabel('Inputs').getByRole('button', { name: 'Open its graph' }).click();
  });

  it('lets the author arrange the form: labels, order, what it is for and what it hands back, each undoable', async () => {
    await newGraphFrom(page, 'New from starter');
    await page.getByRole('button', { name: 'App', exact: true }).click();
    const form = page.getByLabel('Inputs');
    await form.getByRole('button', { name: 'Arrange' }).click();
    await form.getByLabel('Label of Subject', { exact: true }).fill('What to film');
    await form.getByRole('button', { name: 'Move Drafts to choose from up' }).click();
    await form.getByLabel('What the app is for').fill('A bird at dawn, four ways.');
    await form.getByRole('checkbox', { name: 'Pick · chosen' }).check();
    await form.getByLabel('Label of Pick · chosen').fill('Your pick');
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-app-arrange.png') });
    await expect
      .poll(async () => (await doc()).app!.inputs.map((input) => input.label))
      .toEqual(['Drafts to choose from', 'What to film', 'Video models']);
    expect((await doc()).app!.outputs.map((output) => output.label)).toEqual(['The cut', 'Your pick']);

    await form.getByRole('button', { name: 'Done arranging' }).click();
    // The form as a person using the app sees it: in the new order, under the new names.
    const row = (at: number, label: string) => form.locator('.app-input').nth(at).getByLabel(label, { exact: true });
    expect(await row(0, 'Drafts to choose from').count()).toBe(1);
    expect(await row(1, 'What to film').inputValue()).toBe('lighthouse on a cliff');
    expect(await form.getByText('A bird at dawn, four ways.').count()).toBe(1);
    expect(await page.getByLabel('Outputs').locator('h3').allTextContents()).toEqual(['The cut', 'Your pick']);

    // Each step is an edit of the graph: Undo takes the last back (the label, then the output).
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await doc()).app!.outputs[1]?.label).toBe('Pick · chosen');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await doc()).app!.outputs.length).toBe(1);
    await form.getByRole('button', { name: 'Open its graph' }).click();
  });

  it('opens the photo template as an app: a photo dropped on its form, run from there, hands back the clip', async () => {
    const photo = join(session.profile, 'app-photo.png');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=640x480', '-frames:v', '1', photo);
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Templates' })
      .getByRole('button', { name: 'Open as app: Animate your own photo' })
      .click();
    const form = page.getByLabel('Inputs');
    const drop = form.getByLabel('Drop your photo here');
    await expect.poll(() => drop.textContent()).toMatch(/Drop a PNG, JPEG or WebP image here/);
    // Dropped, as a person drags a file from their desktop onto the form.
    const bytes = readFileSync(photo).toString('base64');
    const dropped = await page.evaluateHandle((base64) => {
      const data = new DataTransfer();
      const binary = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      data.items.add(new File([binary], 'mine.png', { type: 'image/png' }));
      return data;
    }, bytes);
    await drop.dispatchEvent('drop', { dataTransfer: dropped });
    await expect.poll(() => drop.locator('img').count()).toBe(1);
    await form.getByLabel('Push in', { exact: true }).fill('4');
    await page.screenshot({ path: join(tmpdir(), 'reelgraph-app-photo.png') });
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    const outputs = page.getByLabel('Outputs');
    await expect.poll(() => outputs.locator('video').count(), { timeout: 60_000 }).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      outputs.getByRole('button', { name: 'Download MP4' }).click(),
    ]);
    const file = join(session.profile, 'photo-clip.mp4');
    await download.saveAs(file);
    expect(Number(probe(file).format.duration)).toBeCloseTo(5, 1);
    await form.getByRole('button', { name: 'Open its graph' }).click();
  });
});
