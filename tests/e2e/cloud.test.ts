import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, type GraphDocument } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';
import { MOCK_KEYS, startProviderMock, type ProviderMock } from '../mocks/provider-mock';
import { cli, DELIVERY_COLOUR, openAppSession, probe, providerClip } from './helpers';

/** For polls that wait on the page: generous, so a busy machine never fails them. */
const PATIENCE = { timeout: 60_000, interval: 100 };

let dir: string;
let kling: ProviderMock;
let gemini: ProviderMock;
let fal: ProviderMock;
let ark: ProviderMock;

/** A local draft, picked, animated by two cloud models side by side, both clips assembled. */
function twoModelGraph(seed = 1): GraphDocument {
  return createDocument({
    id: `cloud-${seed}`,
    name: 'Two cloud models',
    appVersion: 'test',
    now: new Date(),
    nodes: [
      node('prompt', 'prompt', 0, 0, { text: 'a lighthouse, waves breaking' }),
      node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 640 }),
      node('pick', 'pick', 600, 0, { autoPick: true }),
      node('animate', 'animate', 900, 0, {
        models: ['kling-v3-std', 'veo-3.1-fast'],
        duration: 5,
        resolution: '1080p',
        seed,
      }),
      node('assemble', 'assemble', 1200, 0, {}),
    ],
    edges: [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick.candidates'),
      edge('pick.chosen', 'animate.still'),
      edge('prompt.text', 'animate.prompt'),
      edge('animate.clips', 'assemble.clips'),
    ],
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-cloud-'));
  const media = { video: providerClip(dir), image: Buffer.alloc(0) };
  kling = await startProviderMock('kling', { ...media, pendingPolls: 1 });
  gemini = await startProviderMock('gemini', { ...media, pendingPolls: 1 });
  fal = await startProviderMock('fal', { ...media, pendingPolls: 1 });
  ark = await startProviderMock('ark', { ...media, pendingPolls: 1 });
  // Configured only through the environment, as a user of `npm start` or the CLI would.
  Object.assign(process.env, {
    KLING_ACCESS_KEY: MOCK_KEYS.accessKey,
    KLING_SECRET_KEY: MOCK_KEYS.secretKey,
    GEMINI_API_KEY: MOCK_KEYS.apiKey,
    REELGRAPH_KLING_BASE_URL: kling.url,
    REELGRAPH_GEMINI_BASE_URL: gemini.url,
    // fal's host comes from the environment, its key only from Settings.
    REELGRAPH_FAL_BASE_URL: fal.url,
    ARK_API_KEY: MOCK_KEYS.apiKey,
    REELGRAPH_ARK_BASE_URL: ark.url,
  });
  delete process.env.FAL_KEY;
});
afterAll(async () => {
  await kling.close();
  await gemini.close();
  await fal.close();
  await ark.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cloud models against local mock providers', () => {
  it('estimates, asks, runs two models side by side through the proxy, assembles both clips, and never pays twice', async () => {
    const session = await openAppSession('cloud');
    const { page } = session;
    try {
      const loaded = await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(twoModelGraph()));
      expect(loaded.ok).toBe(true);
      // Kling V3 Std 5 s ($0.42) + Veo 3.1 Fast at 1080p, 8 s ($0.96): above the default $1 threshold.
      const run = page.getByRole('button', { name: /^Run · est\. \$1\.38$/ });
      await run.waitFor();
      await run.click();
      const dialog = page.getByRole('alertdialog', { name: 'Confirm the cost of this run' });
      await expect.poll(() => dialog.textContent()).toContain('This run will cost about $1.38');
      await dialog.getByRole('button', { name: 'Don’t run' }).click();
      await expect
        .poll(() => page.locator('.status-bar, footer').first().textContent())
        .toContain('Run not started: nothing was sent to any provider');
      expect(kling.requests.length + gemini.requests.length).toBe(0);

      await run.click();
      await dialog.getByRole('button', { name: 'Run and spend $1.38' }).click();
      await expect
        .poll(() => page.evaluate(() => window.reelgraph!.state().runState.assemble?.status), {
          timeout: 90_000,
          interval: 500,
        })
        .toMatch(/^(done|blocked|failed)$/);
      const animateState = await page.evaluate(() => window.reelgraph!.state().runState.animate);
      expect(animateState?.status === 'failed' ? animateState.message : animateState?.status).toBe('done');
      expect([kling.submits(), gemini.submits()]).toEqual([1, 1]);
      // The proxy signed the calls with the environment's keys: the page never had them.
      expect(kling.requests[0].headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(gemini.requests[0].headers['x-goog-api-key']).toBe(MOCK_KEYS.apiKey);

      // Again, with no spending allowed: everything comes from the cache.
      const again = await page.evaluate(() => window.reelgraph!.run(undefined, 0));
      expect(again.status === 'done' && again.executed).toEqual([]);
      const outputs = await page.evaluate(() => window.reelgraph!.run(['animate', 'assemble'], 0));
      if (outputs.status !== 'done') throw new Error(`cached run: ${outputs.status}`);
      expect([kling.submits(), gemini.submits()]).toEqual([1, 1]);

      const clips = outputs.outputs.animate.clips as { $artifact: string; meta: Record<string, unknown> }[];
      expect(clips.map((clip) => [clip.meta.model, clip.meta.provider, clip.meta.taskId])).toEqual([
        ['kling-v3-std', 'kling', 'kling-task-1'],
        ['veo-3.1-fast', 'gemini', 'models/veo-3.1-fast-generate-preview/operations/gemini-task-1'],
      ]);
      const video = outputs.outputs.assemble.video as { $artifact: string };
      const media = await page.evaluate((hash) => window.reelgraph!.readArtifact(hash), video.$artifact);
      const file = join(dir, 'assembled.mp4');
      writeFileSync(file, Buffer.from(media!.base64, 'base64'));
      const info = probe(file);
      expect(info.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
      expect(Number(info.format.duration)).toBeGreaterThan(3.8);
      expect(Number(info.format.duration)).toBeLessThan(4.3);

      // The two clips side by side, from the run table: labelled, in sync, exported as one contact sheet.
      await page.getByRole('button', { name: 'Show nodes' }).click();
      await page.locator('.run-table tr', { hasText: 'animate' }).getByRole('button', { name: 'Take board' }).click();
      const view = page.getByRole('dialog', { name: 'Take board' });
      await expect
        .poll(() => view.locator('figcaption').allTextContents())
        .toEqual([
          expect.stringMatching(/^Kling V3 Standard · 1280×720 · 2\.0 s · [\d.]+ s to make · \$0\.42/),
          expect.stringMatching(/^Veo 3\.1 Fast · 1280×720 · 2\.0 s · [\d.]+ s to make · \$0\.96/),
        ]);
      expect(await view.getByRole('button', { name: 'Keep' }).first().isDisabled()).toBe(true);
      await view.getByRole('button', { name: 'Play all' }).click();
      await expect.poll(() => view.locator('.time').textContent()).not.toBe('0.00 s');
      await view.getByRole('button', { name: 'Pause all' }).click();
      const sheetFile = join(dir, 'contact-sheet.mp4');
      const [sheet] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        view.getByRole('button', { name: 'Export contact sheet' }).click(),
      ]);
      await sheet.saveAs(sheetFile);
      const sheetInfo = probe(sheetFile);
      expect(sheetInfo.streams[0]).toMatchObject({ codec_name: 'h264', width: 1280, height: 404, ...DELIVERY_COLOUR });
      expect(Number(sheetInfo.format.duration)).toBeCloseTo(2, 0);
      await view.getByRole('button', { name: 'A/B wipe' }).click();
      await expect.poll(() => view.locator('.wipe video').count()).toBe(2);
      await view.getByRole('button', { name: 'Close' }).click();

      // After a reload, the history lists the three runs newest first, with what each cost.
      await page.reload();
      await page.waitForFunction(() => window.reelgraph !== undefined);
      await page.getByRole('button', { name: 'History' }).click();
      const history = page.getByRole('dialog', { name: 'History' });
      const runs = history.getByRole('table', { name: 'Runs' }).locator('tr.history-run');
      await expect.poll(() => runs.count(), PATIENCE).toBe(3);
      expect(await runs.allTextContents()).toEqual([
        expect.stringMatching(/Two cloud models.*done.*\$0[\d.]+ s/),
        expect.stringMatching(/Two cloud models.*done.*\$0[\d.]+ s/),
        expect.stringMatching(/Two cloud models.*done.*\$1\.38/),
      ]);
      await history.getByLabel('Cost at least ($)').fill('1');
      await expect.poll(() => runs.count()).toBe(1);
      await runs.getByRole('button', { name: 'Details' }).click();
      const nodes = history.getByRole('table', { name: /^Nodes of the run at / }).locator('tbody tr');
      await expect
        .poll(() => nodes.allTextContents())
        .toContainEqual(expect.stringMatching(/^Animate · animateexecuted[\d.]+ s\$1\.38kling-v3-std, veo-3\.1-fast/));
      // What the run made, from the cache: the assembled cut.
      await expect.poll(() => history.getByLabel('What the run made').locator('video').count(), PATIENCE).toBe(1);
      await history.getByRole('button', { name: 'Close' }).click();

      // Nothing the app stored carries a key.
      const stored = await page.evaluate(async () => {
        const databases = await indexedDB.databases();
        const dump: string[] = [];
        for (const { name } of databases) {
          const db = await new Promise<IDBDatabase>((resolve, reject) =>
            Object.assign(indexedDB.open(name!), {
              onsuccess: (event: Event) => resolve((event.target as IDBOpenDBRequest).result),
              onerror: reject,
            }),
          );
          for (const table of ['jobs', 'results', 'artifacts', 'runs', 'snapshots', 'graphs']) {
            if (!db.objectStoreNames.contains(table)) continue;
            const rows = await new Promise<unknown[]>((resolve) =>
              Object.assign(db.transaction(table).objectStore(table).getAll(), {
                onsuccess: (event: Event) => resolve((event.target as IDBRequest).result),
              }),
            );
            dump.push(JSON.stringify(rows));
          }
        }
        return dump.join('\n');
      });
      expect(stored).toContain('kling-task-1');
      for (const secret of [MOCK_KEYS.accessKey, MOCK_KEYS.secretKey, MOCK_KEYS.apiKey])
        expect(stored).not.toContain(secret);
    } finally {
      await session.close();
    }
  });

  it('resumes the queued run after a reload, polling its tasks instead of submitting them again', async () => {
    const session = await openAppSession('cloud-resume');
    const { page } = session;
    try {
      kling.outcome = { kind: 'never' };
      gemini.outcome = { kind: 'never' };
      const before = [kling.submits(), gemini.submits()];
      const seen = [kling.requests.length, gemini.requests.length];
      await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(twoModelGraph(2)));
      void page.evaluate(() => window.reelgraph!.run(undefined, 10)).catch(() => {});
      await expect
        .poll(() => [kling.submits(), gemini.submits()], { timeout: 60_000 })
        .toEqual([before[0] + 1, before[1] + 1]);
      // A task is polled only once its id is in IndexedDB: the page goes away mid-poll, not mid-submit.
      const polled = (mock: ProviderMock, from: number) =>
        mock.requests.slice(from).some((request) => request.method === 'GET');
      await expect
        .poll(() => [polled(kling, seen[0]), polled(gemini, seen[1])], { timeout: 60_000 })
        .toEqual([true, true]);
      await page.reload();
      await page.waitForFunction(() => window.reelgraph !== undefined);
      // The queue kept the run: it is running again on its own, polling the saved tasks.
      await expect
        .poll(() => page.evaluate(() => window.reelgraph!.state().queue.map((run) => [run.graphName, run.state])), {
          timeout: 60_000,
        })
        .toEqual([['Two cloud models', 'running']]);
      const polls = [kling.requests.length, gemini.requests.length];
      await expect
        .poll(() => [polled(kling, polls[0]), polled(gemini, polls[1])], { timeout: 60_000 })
        .toEqual([true, true]);
      kling.outcome = { kind: 'done' };
      gemini.outcome = { kind: 'done' };
      await expect
        .poll(() => page.evaluate(() => window.reelgraph!.state().lastRun?.status), { timeout: 90_000 })
        .toBe('done');
      await expect.poll(() => page.evaluate(() => window.reelgraph!.state().queue), { timeout: 60_000 }).toEqual([]);
      expect([kling.submits(), gemini.submits()]).toEqual([before[0] + 1, before[1] + 1]);
    } finally {
      await session.close();
    }
  });

  it('renders from the CLI configured only by environment variables, refusing to spend above --max-cost', async () => {
    const graph = join(dir, 'cloud.json');
    writeFileSync(graph, JSON.stringify(twoModelGraph(3)));
    const profile = join(dir, 'profile');
    const refused = await cli('render', graph, '--out', join(dir, 'refused.mp4'), '--profile', profile);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'this run would cost about $1.38 in cloud generations, above --max-cost $0.00; pass --max-cost 2 to allow it',
    );
    const before = kling.submits();
    const capped = await cli(
      'render',
      graph,
      '--out',
      join(dir, 'capped.mp4'),
      '--max-cost',
      '2',
      '--daily-cap',
      '1',
      '--profile',
      join(dir, 'capped-profile'),
    );
    expect(capped.code).not.toBe(0);
    expect(capped.stderr).toContain('over your daily cap of $1.00 by $0.38. Nothing was sent.');
    expect(kling.submits()).toBe(before);
    const result = await cli('render', graph, '--out', join(dir, 'cloud.mp4'), '--max-cost', '2', '--profile', profile);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/cost \$1\.38/);
    expect(kling.submits()).toBe(before + 1);
    expect(
      probe(join(dir, 'cloud.mp4'))
        .streams.map((stream) => stream.codec_name)
        .sort(),
    ).toEqual(['aac', 'h264']);
  });

  it('uses a key entered in Settings, says plainly when there is none, and sends nothing without one', async () => {
    const session = await openAppSession('cloud-settings');
    const { page } = session;
    try {
      const graph = createDocument({
        id: 'fal',
        name: 'fal',
        appVersion: 'test',
        now: new Date(),
        nodes: [
          node('still', 'still', 0, 0, { mode: 'local-draft', count: 1, size: 640 }),
          node('pick', 'pick', 300, 0, { autoPick: true }),
          node('animate', 'animate', 600, 0, { models: ['fal:kling-v3-pro'], duration: 5 }),
        ],
        edges: [edge('still.images', 'pick.candidates'), edge('pick.chosen', 'animate.still')],
      });
      await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(graph));
      const without = await page.evaluate(() => window.reelgraph!.run(undefined, 10));
      expect(without.status).toBe('failed');
      if (without.status !== 'failed') return;
      expect(without.runState.animate).toMatchObject({
        status: 'failed',
        message: expect.stringContaining('fal.ai: no key: add your fal.ai key in Settings'),
      });
      expect(fal.requests).toHaveLength(0);

      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('fal.ai Key').fill(MOCK_KEYS.apiKey);
      await page.getByRole('button', { name: 'Save' }).click();
      const withKey = await page.evaluate(() => window.reelgraph!.run(undefined, 10));
      expect(withKey.status).toBe('done');
      expect(fal.requests[0].headers.authorization).toBe(`Key ${MOCK_KEYS.apiKey}`);
      expect(fal.requests[0].path).toBe('/fal-ai/kling-video/v3/pro/image-to-video');
    } finally {
      await session.close();
    }
  });

  it('after a 5xx on a submit the provider had made: one task per provider, no resend, and a WebP still animates on Kling', async () => {
    const session = await openAppSession('cloud-ambiguous');
    const { page } = session;
    try {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('fal.ai Key').fill(MOCK_KEYS.apiKey);
      await page.getByRole('button', { name: 'Save' }).click();
      for (const mock of [kling, gemini, fal, ark]) mock.outcome = { kind: 'done' };
      const before = [kling.submits(), gemini.submits(), fal.submits()];
      const arkBefore = ark.submits();
      ark.injectAfterWork('POST', /tasks$/, {
        status: 500,
        body: { error: { code: 'InternalServiceError', message: 'internal error', type: 'InternalError' } },
      });
      kling.injectAfterWork('POST', /image2video$/, { status: 502, body: { code: 5001, message: 'bad gateway' } });
      gemini.injectAfterWork('POST', /predictLongRunning$/, {
        status: 500,
        body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } },
      });
      fal.injectAfterWork('POST', /image-to-video$/, { status: 504, body: { detail: 'Gateway timeout' } });
      const graph = createDocument({
        id: 'ambiguous',
        name: 'Ambiguous submits',
        appVersion: 'test',
        now: new Date(),
        nodes: [
          node('still', 'still', 0, 0, { mode: 'upload' }),
          node('pick', 'pick', 300, 0, { autoPick: true }),
          node('animate', 'animate', 600, 0, {
            models: ['kling-v3-std', 'veo-3.1-fast', 'fal:veo-3.1-fast', 'seedance-2.0'],
            duration: 5,
            resolution: '720p',
          }),
        ],
        edges: [edge('still.images', 'pick.candidates'), edge('pick.chosen', 'animate.still')],
      });
      await page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(graph));
      // The person's photo is a WebP, which Kling does not take.
      const webp = await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(960, 540);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#2a6';
        context.fillRect(0, 0, 960, 540);
        const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        return btoa(String.fromCharCode(...bytes));
      });
      await page.evaluate((base64) => window.reelgraph!.bindFile('still', base64, 'image/webp'), webp);

      const first = await page.evaluate(() => window.reelgraph!.run(undefined, 10));
      const message = first.status === 'failed' ? (first.runState.animate as { message?: string }).message : '';
      expect(message).toMatch(
        /^2 of 4 takes made, 2 failed \(take 2 \(veo-3\.1-fast\): Gemini API: the veo-3\.1-fast submit at .* may have been made and billed/,
      );
      expect(message).toContain('take 3 (fal:veo-3.1-fast): fal.ai: the fal:veo-3.1-fast submit at');
      // ModelArk made the task before its 5xx: found by listing the model's tasks, one task, no resend.
      expect(ark.submits()).toBe(arkBefore + 1);
      expect(ark.requests.filter((request) => request.method === 'POST')).toHaveLength(arkBefore + 1);
      expect([kling.submits(), gemini.submits(), fal.submits()]).toEqual(before.map((count) => count + 1));
      const sent = kling.requests.filter((request) => request.method === 'POST').at(-1)!.body as { image: string };
      expect(Buffer.from(sent.image, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

      // Running again sends nothing: Kling's clip is fetched again, the other two stay stopped.
      await page.evaluate(() => window.reelgraph!.run(undefined, 10));
      expect([kling.submits(), gemini.submits(), fal.submits()]).toEqual(before.map((count) => count + 1));

      // Settings lists both; forgetting Veo's lets the next run send it, and only it.
      await page.getByRole('button', { name: 'Settings' }).click();
      const uncertain = page.getByRole('group', { name: 'Submits that may have been billed' });
      await expect.poll(() => uncertain.getByRole('button', { name: /^Forget/ }).count(), PATIENCE).toBe(2);
      await uncertain.getByRole('button', { name: /^Forget the veo-3\.1-fast submit/ }).click();
      await expect.poll(() => uncertain.getByRole('button', { name: /^Forget/ }).count(), PATIENCE).toBe(1);
      await page.getByRole('button', { name: 'Save' }).click();
      const third = await page.evaluate(() => window.reelgraph!.run(undefined, 10));
      expect(third.status === 'failed' && (third.runState.animate as { message?: string }).message).toMatch(
        /^3 of 4 takes made, 1 failed \(take 3 \(fal:veo-3\.1-fast\)/,
      );
      expect([kling.submits(), gemini.submits(), fal.submits()]).toEqual([before[0] + 1, before[1] + 2, before[2] + 1]);

      expect(ark.submits()).toBe(arkBefore + 1);

      // The Spend panel: five paid requests, one of them still unknown, exported as CSV.
      await page.getByRole('button', { name: 'Spend' }).click();
      const panel = page.getByRole('dialog', { name: 'Spend' });
      const requests = panel.getByRole('table', { name: 'Paid requests' }).locator('tbody tr');
      await expect.poll(() => requests.count(), PATIENCE).toBe(5);
      await page.screenshot({ path: join(tmpdir(), 'reelgraph-spend.png') });
      expect(await requests.allTextContents()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Kling.*kling-v3-std.*Ambiguous submits.*made.*kling-task-/),
          expect.stringMatching(/fal\.ai.*fal:veo-3\.1-fast.*may have been billed/),
        ]),
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\r\n');
      expect(csv[0]).toBe('at,provider,model,graph,node,params,estimate_usd,actual_usd,outcome,task_id');
      // The outcome is the next-to-last field (a params field may be quoted, with commas inside).
      expect(csv.slice(1).map((line) => line.split(',').at(-2))).toEqual(
        expect.arrayContaining(['made', 'unknown', 'made', 'unknown', 'made']),
      );
      await panel.getByRole('button', { name: 'Close' }).click();

      // A daily cap below what a new take would cost: refused before anything is sent.
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Daily cap (dollars)').fill('1');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.evaluate(() => window.reelgraph!.setParams('animate', { seed: 9 }));
      const capped = await page.evaluate(() => window.reelgraph!.run(undefined, 10));
      expect(capped.status === 'declined' && capped.message).toMatch(
        /^Run not started: it would cost about \$[\d.]+, taking today’s spend to \$[\d.]+, over your daily cap of \$1\.00 by \$[\d.]+\. Nothing was sent\./,
      );
      expect([kling.submits(), gemini.submits(), fal.submits()]).toEqual([before[0] + 1, before[1] + 2, before[2] + 1]);

      // Veo 3.1 Fast's preview id on the Gemini API is retired: one click swaps it for its GA id on Vertex AI.
      await page.getByRole('button', { name: 'Swap to Veo 3.1 Fast (Vertex AI)' }).click();
      await expect
        .poll(
          () => page.evaluate(() => window.reelgraph!.state().doc?.nodes.find((n) => n.id === 'animate')?.params),
          PATIENCE,
        )
        .toMatchObject({ models: ['kling-v3-std', 'vertex:veo-3.1-fast', 'fal:veo-3.1-fast', 'seedance-2.0'] });
    } finally {
      await session.close();
    }
  });
});
