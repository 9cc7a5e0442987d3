import { readFileSync } from 'node:fs';
import { parseDocument, type GraphDocument } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { CliError } from './cli-error';

/** Reads and parses a graph file, or fails with one line naming the first problem. */
export function readGraphFile(path: string): { doc: GraphDocument; text: string; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
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
