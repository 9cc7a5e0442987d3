import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, openAppSession, probe } from './helpers';

let dir: string;
const KEYS = {
  kling: 'AK-never-leaves-1234',
  secret: 'SK-never-leaves-5678',
  gemini: 'GEMINI-never-leaves-9012',
  fal: 'FAL-never-leaves-3456',
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-sharing-'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=960x540', '-frames:v', '1', join(dir, 'photo.png'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc = (page: Page) => page.evaluate(() => window.reelgraph!.state().doc!);
const openTemplate = async (page: Page, title: string) => {
  const before = (await doc(page))?.id;
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: `Open template: ${title}` }).click();
  await expect.poll(async () => (await doc(page)).id).not.toBe(before);
};
const runAll = (page: Page) => page.evaluate(() => window.reelgraph!.run());
const download = async (page: Page, click: () => Promise<void>, name: string) => {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await file.saveAs(path);
  return path;
};
const bindPhoto = (page: Page, nodeId: string) =>
  page.evaluate(({ nodeId, base64 }) => window.reelgraph!.bindFile(nodeId, base64, 'image/png'), {
    nodeId,
    base64: readFileSync(join(dir, 'photo.png')).toString('base64'),
  });

describe('templates that travel', () => {
  it('opens every gallery template as a new graph and runs the offline ones to the end', async () => {
    const session = await openAppSession('gallery');
    const { page } = session;
    try {
      await openTemplate(page, 'Offline starter');
      await page.evaluate(() => window.reelgraph!.setParams('pick', { autoPick: true }));
      expect((await runAll(page)).status).toBe('done');

      await openTemplate(page, 'Animate your own photo');
      await bindPhoto(page, 'photo');
      expect((await runAll(page)).status).toBe('done');

      await openTemplate(page, 'Music-video timeline');
      const music = await runAll(page);
      expect(music.status).toBe('done');
      if (music.status !== 'done') return;
      const video = music.outputs.assemble.video as { $artifact: string; meta?: { duration?: number } };
      const media = await page.evaluate((hash) => window.reelgraph!.readArtifact(hash), video.$artifact);
      writeFileSync(join(dir, 'music.mp4'), Buffer.from(media!.base64, 'base64'));
      // Three 4 s shots, two 0.5 s crossfades.
      expect(Number(probe(join(dir, 'music.mp4')).format.duration)).toBeCloseTo(11, 0);

      for (const title of ['One still, three video models', 'Product hero shot']) {
        await openTemplate(page, title);
        const opened = await doc(page);
        expect(opened.nodes.length).toBeGreaterThan(4);
        // With no key here, their cloud models would send nothing: Run prices nothing (the question names the keys).
        await expect.poll(() => page.evaluate(() => window.reelgraph!.state().estimate?.total)).toBe(0);
        expect(await page.getByRole('button', { name: /^Run · est\. \$/ }).count()).toBe(0);
      }
      await openTemplate(page, 'Empty graph');
      expect((await doc(page)).nodes).toEqual([]);
      expect(await page.evaluate(() => window.reelgraph!.state().graphs.length)).toBe(7);
    } finally {
      await session.close();
    }
  });

  it('keeps keys, cached results and run history out of every export: graph file, bundle, share link, PNG and MP4', async () => {
    const session = await openAppSession('keys');
    const { page } = session;
    try {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Kling Access key').fill(KEYS.kling);
      await page.getByLabel('Kling Secret key').fill(KEYS.secret);
      await page.getByLabel('Gemini API API key').fill(KEYS.gemini);
      await page.getByLabel('fal.ai Key').fill(KEYS.fal);
      await page.getByRole('button', { name: 'Save' }).click();
      // Saved, so the cloud adapters would use them.
      expect(await page.evaluate(() => indexedDB.databases().then((list) => list.length))).toBeGreaterThan(0);

      await openTemplate(page, 'Animate your own photo');
      await bindPhoto(page, 'photo');
      const result = await runAll(page);
      expect(result.status).toBe('done');
      if (result.status !== 'done') return;

      const fileMenu = page.getByText('File', { exact: true });
      const graphFile = await download(
        page,
        async () => (
          await fileMenu.click(),
          await page.getByRole('button', { name: 'Export graph file (.reelgraph.json)' }).click()
        ),
        'photo.reelgraph.json',
      );
      const bundle = await download(
        page,
        async () => (
          await fileMenu.click(),
          await page.getByRole('button', { name: 'Export bundle with media (.zip)' }).click()
        ),
        'photo.reelgraph.zip',
      );
      const link = await page.evaluate(() => window.reelgraph!.shareLink());
      expect(link).toMatch(/#graph=[\w-]+$/);
      const mp4 = await page.evaluate(
        (hash) => window.reelgraph!.readArtifact(hash),
        (result.outputs.assemble.video as { $artifact: string }).$artifact,
      );
      await page.locator('[data-node-id="photo"] .media .download').first().waitFor();
      const png = await download(
        page,
        () => page.locator('[data-node-id="photo"] .media .download').first().click(),
        'still.png',
      );

      const zipped = unzipSync(readFileSync(bundle));
      const names = Object.keys(zipped);
      expect(names).toHaveLength(2);
      expect(names).toContain('graph.reelgraph.json');
      expect(names.find((name) => name !== 'graph.reelgraph.json')).toMatch(/^media\/[0-9a-f]{64}\.png$/);
      const everything = [
        readFileSync(graphFile).toString(),
        ...Object.values(zipped).map((bytes) => Buffer.from(bytes).toString('latin1')),
        decodeURIComponent(link!),
        Buffer.from(mp4!.base64, 'base64').toString('latin1'),
        readFileSync(png).toString('latin1'),
      ];
      // The PNG carries the graph (and only the graph).
      expect(readFileSync(png).toString('latin1')).toContain('reelgraph.graph');
      for (const key of Object.values(KEYS)) for (const exported of everything) expect(exported).not.toContain(key);
      // Nor cached results or run history: no cache key of this graph's results, no run records.
      const cacheKeys = Object.values(result.runState).flatMap((state) => ('key' in state ? [state.key] : []));
      expect(cacheKeys.length).toBeGreaterThan(3);
      for (const key of cacheKeys) for (const exported of everything) expect(exported).not.toContain(key);
      for (const exported of everything) expect(exported).not.toMatch(/"(executed|reused|durationMs|lastUsed)"/);
      writeFileSync(join(dir, 'shared-link.txt'), link!);
    } finally {
      await session.close();
    }
  });

  it('says so when the browser refuses to copy the share link, never that it was copied', async () => {
    const session = await openAppSession('clipboard');
    try {
      const { page } = session;
      await page.evaluate(() => {
        navigator.clipboard.writeText = () =>
          Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      });
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await expect
        .poll(() => page.locator('.status-bar, footer').first().textContent())
        .toContain('The share link was not copied: this browser refused the clipboard.');
    } finally {
      await session.close();
    }
  });

  it('imports a bundle into a fresh profile and gets the same graph, media included; a share link opens there too', async () => {
    const session = await openAppSession('fresh');
    const { page, context } = session;
    try {
      await page.getByLabel('Import a graph file').setInputFiles(join(dir, 'photo.reelgraph.zip'));
      await expect.poll(async () => (await doc(page)).name).toBe('Animate your own photo');
      // The photo template is an app: handed over as a bundle, it opens on its form, its photo there.
      await expect.poll(() => page.getByLabel('Inputs').locator('.app-drop img').count()).toBe(1);
      const imported = await doc(page);
      const original = JSON.parse(readFileSync(join(dir, 'photo.reelgraph.json'), 'utf8'));
      expect({ ...imported, id: original.id, metadata: original.metadata }).toEqual(original);
      // The photo came with it: the graph runs here with nothing bound by hand.
      expect((await runAll(page)).status).toBe('done');

      const link = readFileSync(join(dir, 'shared-link.txt'), 'utf8');
      const other = await context.newPage();
      await other.goto(link.replace(/^http:\/\/localhost:\d+\//, page.url().split('#')[0]));
      await other.waitForFunction(() => window.reelgraph !== undefined);
      // A link can come from any website: it says what it is before anything opens.
      const ask = other.getByRole('alertdialog', { name: 'Open a shared graph' });
      await ask.waitFor();
      expect(await ask.textContent()).toContain('Open “Animate your own photo”?');
      // Its photo is here already (the bundle brought it): nothing to clear.
      expect(await ask.textContent()).not.toContain('this browser does not have');
      await ask.getByRole('button', { name: 'Open it' }).click();
      // Opened as a new graph beside the imported one, under a name of its own.
      await expect
        .poll(() => other.evaluate(() => window.reelgraph!.state().doc?.name))
        .toBe('Animate your own photo (2)');
      expect(other.url()).not.toContain('#graph=');
      // An app handed over by a link opens on its form (once opened; its graph is a click away).
      const form = other.getByLabel('Inputs');
      await form.getByRole('button', { name: 'Open its graph' }).click();
      await other.locator('.react-flow__pane').waitFor();
      // Pasted onto the canvas, the same link opens as a graph too, read as a link is.
      const opened = await other.evaluate(() => window.reelgraph!.state().doc!.id);
      await other.evaluate((text) => {
        const clipboardData = new DataTransfer();
        clipboardData.setData('text/plain', text);
        document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true }));
      }, link);
      await expect.poll(() => other.evaluate(() => window.reelgraph!.state().doc!.id)).not.toBe(opened);
      expect(await other.evaluate(() => window.reelgraph!.state().doc!.name)).toBe('Animate your own photo (3)');

      // A PNG exported from Reelgraph, dropped on the canvas, brings its graph back.
      await page.getByLabel('Inputs').getByRole('button', { name: 'Open its graph' }).click();
      const before = (await doc(page)).id;
      const drop = await page.evaluateHandle(
        (base64) => {
          const transfer = new DataTransfer();
          transfer.items.add(
            new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], 'still.png', { type: 'image/png' }),
          );
          return transfer;
        },
        readFileSync(join(dir, 'still.png')).toString('base64'),
      );
      await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: drop, clientX: 400, clientY: 300 });
      await expect.poll(async () => (await doc(page)).id).not.toBe(before);
      expect((await doc(page)).name).toBe('Animate your own photo (4)');
    } finally {
      await session.close();
    }
  });

  it('reads a bundle off the page’s thread, showing how far along it is, and opens it whole', async () => {
    const session = await openAppSession('intake');
    const { page } = session;
    try {
      // 200 photos of 256 KB each (a real PNG, then padding a decoder ignores): the worker checks every one.
      const png = readFileSync(join(dir, 'photo.png'));
      const files: Record<string, Uint8Array> = {};
      const nodes = Array.from({ length: 200 }, (_, at) => {
        const bytes = Buffer.concat([png, randomBytes(256 * 1024)]);
        const hash = createHash('sha256').update(bytes).digest('hex');
        files[`media/${hash}.png`] = bytes;
        return {
          id: `photo${at}`,
          kind: 'still',
          kindVersion: 1,
          position: { x: (at % 20) * 400, y: Math.floor(at / 20) * 700 },
          params: { mode: 'upload', file: { $artifact: hash, mime: 'image/png', size: bytes.length } },
        };
      });
      const graph = { ...(await doc(page)), name: 'Two hundred photos', nodes, edges: [], groups: [] };
      files['graph.reelgraph.json'] = Buffer.from(JSON.stringify(graph));
      writeFileSync(join(dir, 'photos.reelgraph.zip'), zipSync(files, { level: 0 }));

      // Every progress bar the notice shows, as it shows it.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { progressSeen: string[] }).progressSeen = seen;
        new MutationObserver(() => {
          const bar = document.querySelector<HTMLProgressElement>('.notice progress');
          if (bar) seen.push(`${bar.value}/${bar.max}`);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      // The reading is the intake worker's, not the page's.
      const workers: string[] = [];
      page.on('worker', (worker) => workers.push(worker.url()));
      await page.getByLabel('Import a graph file').setInputFiles(join(dir, 'photos.reelgraph.zip'));
      await expect.poll(async () => (await doc(page)).name, { timeout: 60_000 }).toBe('Two hundred photos');
      expect(workers.some((url) => /intake\.worker/.test(url))).toBe(true);
      const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((value) => value.endsWith('/200'))).toBe(true);
      // The notice went with the reading, and every photo was stored with the graph.
      expect(await page.locator('.notice progress').count()).toBe(0);
      const stored = await page.evaluate(
        async (hashes) => {
          let found = 0;
          for (const hash of hashes) if (await window.reelgraph!.readArtifact(hash)) found++;
          return found;
        },
        nodes.map((node) => node.params.file.$artifact),
      );
      expect(stored).toBe(200);
    } finally {
      await session.close();
    }
  });

  it('does not reopen on its own a graph whose last open never finished', async () => {
    const session = await openAppSession('unfinished-open');
    const { page } = session;
    try {
      const first = (await doc(page)).id;
      await openTemplate(page, 'Offline starter');
      const frozen = await doc(page);
      expect(frozen.id).not.toBe(first);
      // As a tab that froze or crashed drawing it leaves things: the graph marked as opening.
      await page.evaluate((id) => localStorage.setItem('reelgraph.opening', id), frozen.id);
      await page.reload();
      await page.waitForFunction(() => window.reelgraph !== undefined);
      expect((await doc(page)).id).toBe(first);
      expect(await page.locator('.notice').textContent()).toContain(
        `“${frozen.name}” did not finish opening last time, so it was not opened again on its own.`,
      );
      // Opened as normal, it finishes, and the next start opens it again.
      await page.reload();
      await page.waitForFunction(() => window.reelgraph !== undefined);
      expect((await doc(page)).id).toBe(first);
      expect(await page.evaluate(() => localStorage.getItem('reelgraph.opening'))).toBeNull();
    } finally {
      await session.close();
    }
  });

  it('compares stills full screen and sets the Pick from there; a graph too large for a link offers its file', async () => {
    const session = await openAppSession('compare-stills');
    const { page } = session;
    try {
      await openTemplate(page, 'Offline starter');
      expect((await page.evaluate(() => window.reelgraph!.run(['still']))).status).toBe('done');
      await page.getByRole('button', { name: 'Compare 4 stills' }).click();
      const view = page.getByRole('dialog', { name: 'Take board' });
      await expect.poll(() => view.locator('.compare-tile').count()).toBe(4);
      await view.locator('.compare-tile[data-index="2"]').getByRole('button', { name: 'Keep' }).click();
      await expect
        .poll(async () => (await doc(page)).nodes.find((node) => node.id === 'pick')!.params)
        .toMatchObject({ picks: [{ index: 2 }] });
      await page.keyboard.press('Escape');
      await expect.poll(() => view.count()).toBe(0);

      // A graph too large for a link says so and offers its file instead.
      const noise = Array.from({ length: 3000 }, (_, at) => `${at}:${Math.sin(at).toFixed(6)}`).join(' ');
      await page.evaluate((text) => window.reelgraph!.setParams('prompt', { text }), noise);
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await expect
        .poll(() => page.locator('.notice').textContent())
        .toMatch(/This graph is too large for a link \([\d,]+ characters; links over 8,000 break in chats and mail\)/);
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export the graph file' }).click(),
      ]);
      expect(file.suggestedFilename()).toMatch(/\.reelgraph\.json$/);
    } finally {
      await session.close();
    }
  });
});
