// End-to-end tests need Debian's Chromium; say how to get it instead of skipping them.
import { existsSync } from 'node:fs';

const path = process.env.REELGRAPH_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(`End-to-end tests need Chromium at ${path}, and it is not there.`);
  console.error('Install it with: sudo apt-get update && sudo apt-get install -y chromium ffmpeg');
  console.error('(or set REELGRAPH_CHROMIUM to the path of a Chromium binary).');
  process.exit(1);
}
