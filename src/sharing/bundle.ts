import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { collectArtifactHashes, sha256Bytes, type GraphDocument } from '../../graph-engine';

const GRAPH_FILE = 'graph.reelgraph.json';
/** A bundle's media are capped (zip bombs): 2 GB unpacked in all. */
const MAX_UNPACKED = 2 * 1024 ** 3;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
};

/** The media a graph's params point at (uploaded photos, sound files), by content hash. */
export function mediaOf(doc: GraphDocument): string[] {
  return [...collectArtifactHashes(doc.nodes.map((node) => node.params))];
}

/**
 * A .zip with the graph and the media it references, so a template made with one's own photo opens
 * the same elsewhere. Only the document and those files: no keys, no cached results, no history.
 */
export async function makeBundle(
  doc: GraphDocument,
  read: (hash: string) => Promise<Blob | undefined>,
): Promise<{ zip: Blob; missing: string[] }> {
  const files: Record<string, Uint8Array> = { [GRAPH_FILE]: strToU8(JSON.stringify(doc, null, 2)) };
  const missing: string[] = [];
  for (const hash of mediaOf(doc)) {
    const blob = await read(hash);
    if (!blob) {
      missing.push(hash);
      continue;
    }
    files[`media/${hash}.${EXTENSIONS[blob.type] ?? 'bin'}`] = new Uint8Array(await blob.arrayBuffer());
  }
  // Media are already compressed: store them, deflate only the graph.
  const zip = zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => [name, [bytes, { level: name === GRAPH_FILE ? 6 : 0 }]]),
    ),
  );
  return { zip: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), missing };
}

export interface OpenedBundle {
  graphJson: string;
  media: { hash: string; blob: Blob }[];
}

const MIME_OF = Object.fromEntries(Object.entries(EXTENSIONS).map(([mime, ext]) => [ext, mime]));

/** Unpacks a bundle; every media file must hash to the name it claims (nothing else is trusted). */
export async function openBundle(zip: Uint8Array): Promise<OpenedBundle | Error> {
  let files: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    files = unzipSync(zip, {
      filter: (file) => {
        unpacked += file.originalSize;
        return unpacked <= MAX_UNPACKED && (file.name === GRAPH_FILE || /^media\/[0-9a-f]{64}\.\w+$/.test(file.name));
      },
    });
  } catch {
    return new Error('this is not a readable .zip file');
  }
  if (unpacked > MAX_UNPACKED) return new Error('the bundle unpacks to more than 2 GB');
  if (!files[GRAPH_FILE]) return new Error(`the bundle has no ${GRAPH_FILE}`);
  const media: OpenedBundle['media'] = [];
  for (const [name, bytes] of Object.entries(files)) {
    if (name === GRAPH_FILE) continue;
    const [, hash, ext] = /^media\/([0-9a-f]{64})\.(\w+)$/.exec(name)!;
    if ((await sha256Bytes(bytes)) !== hash)
      return new Error(`${name} does not match its content hash (the bundle was altered)`);
    media.push({
      hash,
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME_OF[ext] ?? 'application/octet-stream' }),
    });
  }
  return { graphJson: strFromU8(files[GRAPH_FILE]), media };
}
