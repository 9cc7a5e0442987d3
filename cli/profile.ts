import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the runner keeps its Chromium profile (and so its cache) between runs. */
export function defaultProfileDir(): string {
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'reelgraph', 'profile');
}
