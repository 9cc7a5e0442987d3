import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { appBuild } from '../../cli/app-build';
import { startAppServer } from '../../cli/app-server';
import { hostApp } from '../../cli/app-host';
import { launchProfile } from '../../cli/browser';

const run = promisify(execFile);

/** Runs a CLI the way a user does, returning its exit code and output; `env` adds to the environment. */
export async function cli(...args: string[] | [{ env: Record<string, string> }, ...string[]]) {
  const [first, ...rest] = args;
  const options = typeof first === 'object' ? first : undefined;
  const [script, ...argv] = (options ? rest : args) as string[];
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `cli/${script}.ts`, ...argv], {
      timeout: 240_000,
      env: { ...process.env, ...options?.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

export function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** ffprobe's view of a media file: streams and container. */
export function probe(path: string): {
  streams: {
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    avg_frame_rate?: string;
    pix_fmt?: string;
    color_range?: string;
    color_space?: string;
    color_transfer?: string;
    color_primaries?: string;
  }[];
  format: { duration: string; tags?: Record<string, string> };
} {
  return JSON.parse(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,width,height,avg_frame_rate,pix_fmt,color_range,color_space,color_transfer,color_primaries:format=duration:format_tags',
      '-of',
      'json',
      path,
    ]).toString(),
  );
}

/** What ffprobe says of a video as delivered: limited-range BT.709, tagged so (src/media/delivery-frames.ts). */
export const DELIVERY_COLOUR = {
  pix_fmt: 'yuv420p',
  color_range: 'tv',
  color_space: 'bt709',
  color_transfer: 'bt709',
  color_primaries: 'bt709',
};

/** PSNR in dB between two images of the same size (ffmpeg's psnr filter, average over channels). */
export function psnr(a: string, b: string): number {
  const result = spawnSync('ffmpeg', ['-v', 'info', '-i', a, '-i', b, '-lavfi', 'psnr', '-f', 'null', '-']);
  return Number(/average:([\d.]+|inf)/.exec(result.stderr.toString())?.[1].replace('inf', 'Infinity'));
}

/** Runs ffmpeg quietly (test media is made by the tests). */
export function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
}

/** A 2 s 1280×720 H.264 clip (with a 440 Hz AAC tone) for mock providers to hand back, made in `dir`. */
export function providerClip(dir: string): Buffer {
  const clip = join(dir, 'provider-clip.mp4');
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=1280x720:rate=24',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440',
    '-t',
    '2',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    clip,
  );
  return readFileSync(clip);
}

/**
 * The app's production build, as the headless runner serves it (from its folder, under the fixed
 * origin, provider calls through the proxy), open in Chromium with the profile in `profile`.
 */
export async function openHostedApp(
  profile: string,
): Promise<{ page: Page; context: BrowserContext; close: () => Promise<void> }> {
  const build = await appBuild();
  const context = await launchProfile(profile);
  const host = await hostApp(context, build.dir);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(host.origin);
  await page.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 60_000 });
  return {
    page,
    context,
    close: async () => {
      await context.close();
      await host.close();
      expect(host.failure()).toBeUndefined();
    },
  };
}

/** The app open in Chromium with a fresh profile, ready for a test to drive. */
export async function openAppSession(
  name: string,
): Promise<{ page: Page; context: BrowserContext; profile: string; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), `reelgraph-${name}-`));
  const session = await openHostedApp(profile);
  return {
    ...session,
    profile,
    close: async () => {
      await session.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The app as `npm start` serves it (Vite's dev server, modules served one by one), in a fresh profile. */
export async function openDevAppSession(name: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const { url, server } = await startAppServer();
  const profile = mkdtempSync(join(tmpdir(), `reelgraph-${name}-`));
  const context = await launchProfile(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 120_000 });
  return {
    page,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Clicks one of the New… buttons and waits until the new graph is the one on screen, then fits
 * it in view as a person who wants to see all of it does (a graph opens at a readable 100%,
 * where its flow starts, and the canvas draws only the nodes in view).
 */
export async function newGraphFrom(
  page: Page,
  button: 'New from starter' | 'New graph' | 'New from your photo',
): Promise<void> {
  const before = await page.evaluate(() => window.reelgraph!.state().doc?.id);
  // Opened unless a step before left it open (a file set on its Import field keeps it so).
  if (!(await page.locator('details.menu').evaluate((menu) => (menu as HTMLDetailsElement).open)))
    await page.getByText('File', { exact: true }).click();
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => page.evaluate(() => window.reelgraph!.state().doc?.id)).not.toBe(before);
  await seeWholeGraph(page);
}

/**
 * Waits until the canvas stops moving (focusing a node animates it): its transform the same
 * across a pause, so a click lands where the node is, not where it was.
 */
export async function canvasSettled(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const read = () => document.querySelector('.react-flow__viewport')?.getAttribute('style');
          const before = read();
          await new Promise((resolve) => setTimeout(resolve, 200));
          return read() === before;
        }),
      { timeout: 10_000 },
    )
    .toBe(true);
}

/** Fits the whole graph in view with the canvas's Fit button, once every node of the graph is drawn. */
export async function seeWholeGraph(page: Page): Promise<void> {
  const nodes = await page.evaluate(() => window.reelgraph!.state().doc!.nodes.length);
  await expect
    .poll(async () => {
      await page.locator('.react-flow__controls-fitview').click();
      return page.locator('.react-flow__node').count();
    })
    .toBe(nodes);
}
