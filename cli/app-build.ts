import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheHome } from './profile';

const root = fileURLToPath(new URL('..', import.meta.url));
/** What the browser app is made of: a change to any of these is a new version of the app. */
const APP_SOURCES = [
  'src',
  'nodes',
  'graph-engine',
  'server',
  'public',
  'index.html',
  'vite.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];
/** Builds of other versions are removed once this old (a render still using one has long loaded it). */
const STALE_BUILD_MS = 60 * 60 * 1000;

function* sourceFiles(path: string): Generator<string> {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    if (!/\.test\.tsx?$/.test(path)) yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) yield* sourceFiles(join(path, name));
}

/** A hash of the app's sources: the build is made once per version and reused after that. */
export function appVersionHash(): string {
  const hash = createHash('sha256');
  for (const top of APP_SOURCES) {
    for (const file of sourceFiles(join(root, top)))
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export interface AppBuild {
  /** The folder holding index.html and its assets. */
  dir: string;
  /** Milliseconds spent building, when this call had to build. */
  builtMs?: number;
}

/**
 * The production build of the app for this version, in the user's cache folder
 * (`$XDG_CACHE_HOME/reelgraph/app/<version>`), built on first use. A build is written aside and
 * renamed into place, so two renders starting together never see half of one.
 */
export async function appBuild(): Promise<AppBuild> {
  const builds = join(cacheHome(), 'reelgraph', 'app');
  const dir = join(builds, appVersionHash());
  if (existsSync(join(dir, 'index.html'))) return { dir };
  const began = performance.now();
  mkdirSync(builds, { recursive: true });
  const partial = `${dir}.partial-${process.pid}`;
  const { build } = await import('vite');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: partial, emptyOutDir: true, reportCompressedSize: false },
  });
  try {
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another render put the same build in place first
  }
  for (const name of readdirSync(builds)) {
    const other = join(builds, name);
    if (other !== dir && Date.now() - statSync(other).mtimeMs > STALE_BUILD_MS)
      rmSync(other, { recursive: true, force: true });
  }
  return { dir, builtMs: performance.now() - began };
}
