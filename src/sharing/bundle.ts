import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  collectArtifactHashes,
  extensionFor,
  FILE_LIMITS,
  formatBytes,
  mediaType,
  mimeForExtension,
  sha256Bytes,
  type GraphDocument,
} from '../../graph-engine';
import { MAX_UPLOAD_BYTES } from '../media/photo-check';

const GRAPH_FILE = 'graph.reelgraph.json';

/** The media a graph's params point at (your photos, sound files and videos), by content hash. */
export function mediaOf(doc: GraphDocument): string[] {
  // The nodes inside its components too: a photo in a component travels with the graph.
  const nodes = [...doc.nodes, ...(doc.components ?? []).flatMap((def) => def.nodes)];
  return [...collectArtifactHashes(nodes.map((node) => node.params))];
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
    files[`media/${hash}.${extensionFor(blob.type)}`] = new Uint8Array(await blob.arrayBuffer());
  }
  // Media are already compressed: store them, deflate only the graph.
  const zip = zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => [name, [bytes, { level: name === GRAPH_FILE ? 6 : 0 }]]),
    ),
  );
  return { zip: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), missing };
}

const MEDIA_NAME = /^media\/([0-9a-f]{64})\.(\w+)$/;

/**
 * What a bundle may hold, judged from the zip's directory before anything is inflated (a zip
 * bomb declares sizes it then exceeds, or a ratio no real file has): the graph and its media only.
 */
export const BUNDLE_LIMITS = {
  entries: 1 + 1000,
  /** The graph's text: JSON deflates well, but not a thousandfold. */
  graphBytes: FILE_LIMITS.maxText,
  graphRatio: 100,
  /**
   * Each medium as the app takes it from a person, by family (media are stored, never deflated, in
   * a bundle): a photo within the photo cap; a clip or a sound file within the bundle's own total.
   */
  mediaBytes: { image: MAX_UPLOAD_BYTES, audio: 2 * 1024 ** 3, video: 2 * 1024 ** 3, text: FILE_LIMITS.maxText },
  mediaRatio: 4,
  totalBytes: 2 * 1024 ** 3,
};

interface Entry {
  name: string;
  size: number;
  originalSize: number;
}

/** Lists a zip's entries without inflating any, or says why it is refused. */
function scan(zip: Uint8Array): Entry[] | Error {
  const entries: Entry[] = [];
  try {
    unzipSync(zip, {
      filter: ({ name, size, originalSize }) => {
        entries.push({ name, size, originalSize });
        return false;
      },
    });
  } catch {
    return new Error('this is not a readable .zip file');
  }
  const limits = BUNDLE_LIMITS;
  if (entries.length > limits.entries)
    return new Error(
      `it has ${entries.length.toLocaleString('en')} files; a bundle holds a graph and at most 1,000 media`,
    );
  let total = 0;
  for (const entry of entries) {
    const ratio = entry.originalSize / Math.max(1, entry.size);
    total += entry.originalSize;
    if (entry.name === GRAPH_FILE) {
      if (entry.originalSize > limits.graphBytes || ratio > limits.graphRatio)
        return new Error(
          `its ${GRAPH_FILE} unpacks to ${formatBytes(entry.originalSize)} (${Math.round(ratio)}× its packed size)`,
        );
    } else if (MEDIA_NAME.test(entry.name)) {
      // A type not in the table (`.bin`, from bundles made before clips kept theirs) is held to the bundle's total.
      const family = mediaType(mimeForExtension(MEDIA_NAME.exec(entry.name)![2]) ?? '')?.family;
      const cap = family ? limits.mediaBytes[family] : limits.totalBytes;
      if (entry.originalSize > cap || ratio > limits.mediaRatio)
        return new Error(
          `${entry.name} unpacks to ${formatBytes(entry.originalSize)} (${Math.round(ratio)}× its packed size)`,
        );
    } else if (!entry.name.endsWith('/'))
      return new Error(`it holds “${entry.name.slice(0, 80)}”, which is not a graph or its media`);
  }
  if (total > limits.totalBytes) return new Error('the bundle unpacks to more than 2 GB');
  if (!entries.some((entry) => entry.name === GRAPH_FILE)) return new Error(`the bundle has no ${GRAPH_FILE}`);
  return entries;
}

/** A bundle opened for reading: its zip checked whole, its graph text inflated; its media wait until the graph is valid. */
export interface OpenedBundle {
  graphJson: string;
  /**
   * The media a valid graph uses, each checked to hash to the name it claims (nothing else is
   * trusted). Media the graph does not use are never inflated.
   */
  media(
    wanted: readonly string[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ hash: string; blob: Blob }[] | Error>;
}

export function openBundle(zip: Uint8Array): OpenedBundle | Error {
  const entries = scan(zip);
  if (entries instanceof Error) return entries;
  const inflate = (name: string) => unzipSync(zip, { filter: (file) => file.name === name })[name];
  return {
    graphJson: strFromU8(inflate(GRAPH_FILE)),
    async media(wanted, onProgress = () => {}) {
      const want = new Set(wanted);
      const names = entries.map(({ name }) => name).filter((name) => want.has(MEDIA_NAME.exec(name)?.[1] ?? ''));
      const media: { hash: string; blob: Blob }[] = [];
      onProgress(0, names.length);
      // One file at a time: progress is real, and only one medium is inflated and unhashed at once.
      for (const name of names) {
        const [, hash, ext] = MEDIA_NAME.exec(name)!;
        const bytes = inflate(name);
        if ((await sha256Bytes(bytes)) !== hash)
          return new Error(`${name} does not match its content hash (the bundle was altered)`);
        media.push({
          hash,
          blob: new Blob([bytes as Uint8Array<ArrayBuffer>], {
            type: mimeForExtension(ext) ?? 'application/octet-stream',
          }),
        });
        onProgress(media.length, names.length);
      }
      return media;
    },
  };
}
