/**
 * Shared setup for benchmarks that run the app's own media code in headless Chromium: the app
 * server, a fresh profile, bench media served from a folder, and peak-memory sampling.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startAppServer, startProductionServer } from '../../cli/app-server';
import { launchProfile } from '../../cli/browser';

export const mediaDir = mkdtempSync(join(tmpdir(), 'reelgraph-bench-'));

/** Runs ffmpeg quietly to make bench media. */
export function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
}

/** Resident memory (kB) of a process and all its descendants. */
function treeRssKb(root: number): number {
  let total = 0;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const parent = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      (children.get(parent) ?? children.set(parent, []).get(parent)!).push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone already.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples a process tree's memory while `work` runs: the work's result, the peak and the rise over the start, in MB. */
export async function withPeakMemory<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number; addedMb: number }> {
  const before = treeRssKb(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(pid))), 50);
  try {
    const result = await work();
    peak = Math.max(peak, treeRssKb(pid));
    return { result, peakMb: Math.round(peak / 1024), addedMb: Math.round((peak - before) / 1024) };
  } finally {
    clearInterval(timer);
  }
}

/** Runs native ffmpeg, timing it and sampling its memory. */
export async function timeNativeFfmpeg(args: string[]): Promise<{ seconds: number; peakMb: number }> {
  const began = performance.now();
  const child = spawn('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { peakMb } = await withPeakMemory(
    child.pid!,
    () =>
      new Promise<void>((resolve, reject) =>
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`)))),
      ),
  );
  return { seconds: (performance.now() - began) / 1000, peakMb };
}

/** The app in Chromium with `modules` (paths under /src) loaded into `window.bench`. */
export async function openBenchPage(
  modules: Record<string, string>,
  options: { production?: boolean } = {},
): Promise<{ page: Page; browserPid: number; close: () => Promise<void> }> {
  const { url, close: closeServer } = options.production ? await startProductionServer() : await startDevServer();
  const profile = mkdtempSync(join(tmpdir(), 'reelgraph-bench-profile-'));
  const context = await launchProfile(profile);
  const page = await context.newPage();
  const finish = async () => {
    await context.close();
    await closeServer();
    rmSync(profile, { recursive: true, force: true });
  };
  await context.route('**/bench-media/*', (route) =>
    route.fulfill({ path: join(mediaDir, new URL(route.request().url()).pathname.split('/').pop()!) }),
  );
  await page.goto(url);
  await page.waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 60_000 });
  if (Object.keys(modules).length === 0) return { page, browserPid: pid(profile), close: finish };
  const imports = Object.entries(modules)
    .map(([name, path]) => `import * as ${name} from '${path}';`)
    .join('\n');
  await page.addScriptTag({
    type: 'module',
    content: `${imports}\nwindow.bench = { ${Object.keys(modules).join(', ')} };`,
  });
  await page.waitForFunction(() => 'bench' in window);
  return { page, browserPid: pid(profile), close: finish };
}

/** The main browser process of a profile. */
function pid(profile: string): number {
  return Number(execFileSync('pgrep', ['-o', '-f', profile]).toString().trim());
}

async function startDevServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const { url, server } = await startAppServer();
  return { url, close: () => server.close() };
}

export function cleanUp(): void {
  rmSync(mediaDir, { recursive: true, force: true });
}
