import { readFileSync, statSync } from 'node:fs';
import { FILE_LIMITS, formatBytes, parseDocument, type GraphDocument } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { CliError } from './cli-error';

/** Reads and parses a graph file, or fails with one line naming the first problem. */
export function readGraphFile(path: string): { doc: GraphDocument; text: string; warnings: string[] } {
  let text: string;
  try {
    // Judged before it is read: a device (/dev/zero) or a huge file would be read without end.
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (!stat.isFile()) throw new CliError(`${path} is not a regular file`);
    if (stat.size > FILE_LIMITS.maxText)
      throw new CliError(
        `${path} is ${formatBytes(stat.size)}; a graph file is at most ${formatBytes(FILE_LIMITS.maxText)}`,
      );
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `${path}: no such file`
        : code === 'EISDIR'
          ? `${path} is a folder, not a graph file`
          : `${path}: cannot read it (${code ?? String(error)})`,
    );
  }
  const parsed = parseDocument(text, nodeRegistry);
  if (!parsed.ok) {
    const [first] = parsed.errors;
    const more =
      parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more; npm run validate lists them all)` : '';
    throw new CliError(`${path} is not a valid graph: ${first.path}: ${first.message}${more}`);
  }
  return { doc: parsed.doc, text, warnings: parsed.warnings.map((warning) => `${warning.path}: ${warning.message}`) };
}
