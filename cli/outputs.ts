import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { extensionFor, isArtifactRef, type ArtifactRef } from '../graph-engine';
import { CliError } from './cli-error';

export { extensionFor } from '../graph-engine';

/**
 * A final node's media: every artifact among its outputs (lists flattened), or its text. Media
 * that two ports both carry (a Pick's choice, first of what it keeps) is one output.
 */
export type FinalOutput =
  | { nodeId: string; port: string; index?: number; artifact: ArtifactRef }
  | { nodeId: string; port: string; text: string };

export function finalOutputs(nodeId: string, outputs: Record<string, unknown>): FinalOutput[] {
  const found: FinalOutput[] = [];
  const seen = new Set<string>();
  const add = (artifact: ArtifactRef, port: string, index?: number) => {
    if (seen.has(artifact.$artifact)) return;
    seen.add(artifact.$artifact);
    found.push({ nodeId, port, ...(index === undefined ? {} : { index }), artifact });
  };
  for (const [port, value] of Object.entries(outputs)) {
    if (isArtifactRef(value)) add(value, port);
    else if (Array.isArray(value)) value.forEach((item, index) => isArtifactRef(item) && add(item, port, index));
    else if (typeof value === 'string') found.push({ nodeId, port, text: value });
  }
  return found;
}

/** A node id as part of a file name: only letters, digits, `_`, `-` and inner dots; never a path. */
export function safeStem(nodeId: string): string {
  const stem = nodeId
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[.-]+/, '_')
    .slice(0, 100);
  return stem || '_';
}

/** A file name for an output written into --out-dir. */
export function outputFileName(output: FinalOutput): string {
  const suffix = 'index' in output && output.index !== undefined ? `-${output.index + 1}` : '';
  const extension = 'artifact' in output ? extensionFor(output.artifact.mime) : 'txt';
  return `${safeStem(output.nodeId)}.${output.port}${suffix}.${extension}`;
}

/** One file name per output; two node ids that make the same safe name are told apart by a number. */
export function outputFileNames(outputs: readonly FinalOutput[]): string[] {
  const taken = new Set<string>();
  return outputs.map((output) => {
    const name = outputFileName(output);
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = name.replace(/\.([^.]+)$/, `~${n}.$1`);
    taken.add(unique.toLowerCase());
    return unique;
  });
}

/** Where an output goes in --out-dir, checked to stay there whatever its name says. */
export function insideOutDir(outDir: string, name: string): string {
  const root = resolve(outDir);
  const target = resolve(root, name);
  const path = relative(root, target);
  if (!path || path.startsWith('..') || isAbsolute(path) || dirname(path) !== '.')
    throw new CliError(`the output name “${name}” would be written outside --out-dir; nothing was written there`);
  return target;
}
