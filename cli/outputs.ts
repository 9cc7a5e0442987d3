import { isArtifactRef, type ArtifactRef } from '../graph-engine';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'text/plain': 'txt',
};

export function extensionFor(mime: string): string {
  return EXTENSIONS[mime] ?? 'bin';
}

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

/** A file name for an output written into --out-dir. */
export function outputFileName(output: FinalOutput): string {
  const suffix = 'index' in output && output.index !== undefined ? `-${output.index + 1}` : '';
  const extension = 'artifact' in output ? extensionFor(output.artifact.mime) : 'txt';
  return `${output.nodeId}.${output.port}${suffix}.${extension}`;
}
