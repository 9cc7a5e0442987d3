import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CliError } from './cli-error';
import type { Format } from './render-plan';

/**
 * Writes an Assemble's cut for an editor: its .otio and/or FCP7 .xml at `target` (the extension
 * replaced for each format), and beside them a `<name>-media/` folder with the clips byte for
 * byte and the soundtrack, which the timeline files name by relative path.
 */
export async function writeHandoff(
  page: Page,
  receive: (path: string) => string,
  nodeId: string,
  target: string,
  formats: ReadonlySet<Format>,
): Promise<string[]> {
  const stem = basename(target, extname(target));
  const folder = dirname(resolve(target));
  const mediaFolder = `${stem}-media`;
  const made = await page
    .evaluate(({ nodeId, mediaFolder }) => window.reelgraph!.handoff(nodeId, mediaFolder), { nodeId, mediaFolder })
    .catch((error: unknown) => {
      const reason = /Error: (.*)/.exec(error instanceof Error ? error.message : String(error))?.[1];
      throw new CliError(`the cut of "${nodeId}" could not be handed off: ${reason ?? String(error)}`);
    });
  const written: string[] = [];
  mkdirSync(join(folder, mediaFolder), { recursive: true });
  for (const { path, hash } of made.files) {
    const file = resolve(folder, path);
    // The app names them; checked anyway to stay in the media folder.
    if (relative(join(folder, mediaFolder), file).startsWith('..'))
      throw new CliError(`the hand-off named a file outside ${mediaFolder}: ${path}`);
    const sent = await page.evaluate(({ hash, url }) => window.reelgraph!.sendArtifact(hash, url, true), {
      hash,
      url: receive(file),
    });
    if (!sent) throw new CliError(`${path} of "${nodeId}" is missing from the cache`);
  }
  if (formats.has('otio')) {
    const file = join(folder, `${stem}.otio`);
    writeFileSync(file, made.otio);
    written.push(file);
  }
  if (formats.has('fcp7xml')) {
    const file = join(folder, `${stem}.xml`);
    writeFileSync(file, made.fcp7xml);
    written.push(file);
  }
  written.push(`${join(folder, mediaFolder)}/ (${made.files.length} file${made.files.length === 1 ? '' : 's'})`);
  return written;
}
