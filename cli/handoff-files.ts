import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CliError } from './cli-error';

/** Where an Assemble's hand-off goes: its timeline files (either or both) and, beside them, its media folder. */
export interface HandoffTargets {
  otio?: string;
  fcp7xml?: string;
  /** The media folder's name, beside the timeline files (they name its files by relative path). */
  mediaFolder: string;
}

/**
 * Writes an Assemble's cut for an editor: its .otio and/or FCP7 .xml, and the media folder beside
 * them with the clips byte for byte and the soundtrack, each streamed from the page to disk.
 */
export async function writeHandoff(
  page: Page,
  receive: (path: string) => string,
  nodeId: string,
  targets: HandoffTargets,
): Promise<string[]> {
  const folder = dirname(resolve((targets.otio ?? targets.fcp7xml)!));
  const mediaFolder = join(folder, targets.mediaFolder);
  const made = await page
    .evaluate(({ nodeId, mediaFolder }) => window.reelgraph!.handoff(nodeId, mediaFolder), {
      nodeId,
      mediaFolder: targets.mediaFolder,
    })
    .catch((error: unknown) => {
      const reason = /Error: (.*)/.exec(error instanceof Error ? error.message : String(error))?.[1];
      throw new CliError(`the cut of "${nodeId}" could not be handed off: ${reason ?? String(error)}`);
    });
  mkdirSync(mediaFolder, { recursive: true });
  for (const { path, hash } of made.files) {
    const file = resolve(folder, path);
    // The app names them; checked anyway to stay in the media folder, whatever a name says.
    const inside = relative(mediaFolder, file);
    if (!inside || inside.startsWith('..') || isAbsolute(inside))
      throw new CliError(`the hand-off named a file outside ${targets.mediaFolder}: ${path}; nothing more was written`);
    const sent = await page.evaluate(({ hash, url }) => window.reelgraph!.sendArtifact(hash, url, true), {
      hash,
      url: receive(file),
    });
    if (!sent) throw new CliError(`${path} of "${nodeId}" is missing from the cache`);
  }
  const written: string[] = [];
  if (targets.otio) writeFileSync(targets.otio, made.otio);
  if (targets.otio) written.push(targets.otio);
  if (targets.fcp7xml) writeFileSync(targets.fcp7xml, made.fcp7xml);
  if (targets.fcp7xml) written.push(targets.fcp7xml);
  written.push(`${mediaFolder}/ (${made.files.length} file${made.files.length === 1 ? '' : 's'})`);
  return written;
}

/** The hand-off of `--out cut.otio` (or cut.xml): that file, and `cut-media/` beside it. */
export function handoffAt(out: string, format: 'otio' | 'fcp7xml'): HandoffTargets {
  const target = resolve(out);
  const stem = basename(target).replace(/\.[^.]*$/, '');
  return { [format]: target, mediaFolder: `${stem}-media` };
}
