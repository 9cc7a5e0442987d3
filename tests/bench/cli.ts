/**
 * Headless runner start-up: the time from launching `npm run render` to the app being ready in
 * Chromium, cold (a fresh profile, the app already built for this version) and warm (the same
 * profile again), against a bare Chromium launch with a fresh profile measured in the same run.
 * The one-time build for a new app version is printed on its own. Target: the cold start is at
 * most 2× a bare Chromium launch (Chromium dominates it, not transforming modules).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchProfile } from '../../cli/browser';
import { starterGraph } from '../../src/templates/starter';

const dir = mkdtempSync(join(tmpdir(), 'reelgraph-bench-cli-'));
const graph = join(dir, 'starter.json');
writeFileSync(graph, JSON.stringify(starterGraph('bench')));

/** One render of the Prompt alone; the runner's own "started in" line says how its start went. */
function render(profile: string, env: Record<string, string> = {}) {
  const stdout = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/render.ts',
      graph,
      '--node',
      'prompt',
      '--out',
      join(dir, 'prompt.txt'),
      '--profile',
      profile,
    ],
    { env: { ...process.env, ...env } },
  ).toString();
  const line = /^started in ([\d.]+) s: (?:built the app for this version in ([\d.]+) s, )?Chromium ([\d.]+) s/m.exec(
    stdout,
  );
  if (!line) throw new Error(`the runner printed no start-up line:\n${stdout}`);
  return { started: Number(line[1]), built: line[2] ? Number(line[2]) : undefined, chromium: Number(line[3]) };
}

async function bareChromium(): Promise<number> {
  const profile = mkdtempSync(join(dir, 'bare-'));
  const began = performance.now();
  const context = await launchProfile(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('about:blank');
  const seconds = (performance.now() - began) / 1000;
  await context.close();
  return seconds;
}

try {
  const build = render(join(dir, 'first'), { XDG_CACHE_HOME: join(dir, 'cache') });
  const bare = await bareChromium();
  const cold = render(join(dir, 'cold'), { XDG_CACHE_HOME: join(dir, 'cache') });
  const warm = render(join(dir, 'cold'), { XDG_CACHE_HOME: join(dir, 'cache') });
  console.log('cli: start-up of npm run render (to the app ready in Chromium)');
  console.log(`  one-time build for a new version  ${build.built?.toFixed(2) ?? '?'} s`);
  console.log(`  bare Chromium launch (reference)  ${bare.toFixed(2)} s`);
  console.log(
    `  cold start (fresh profile)        ${cold.started.toFixed(2)} s  (Chromium ${cold.chromium.toFixed(2)} s)`,
  );
  console.log(
    `  warm start (same profile)         ${warm.started.toFixed(2)} s  (Chromium ${warm.chromium.toFixed(2)} s)`,
  );
  console.log(`  ratio cold / bare Chromium ${(cold.started / bare).toFixed(2)}×  (target ≤ 2×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
