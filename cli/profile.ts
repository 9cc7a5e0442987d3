import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's cache folder: `$XDG_CACHE_HOME`, else `~/.cache`. */
export function cacheHome(): string {
  return process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
}

/** Where the runner keeps its Chromium profile (and so its cache) between runs. */
export function defaultProfileDir(): string {
  return join(cacheHome(), 'reelgraph', 'profile');
}
