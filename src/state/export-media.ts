import type { GraphDocument } from '../../graph-engine';
import { embedGraph } from '../media/embedded-graph';
import { saveFile } from '../storage/save-file';
import { useGraphStore } from './graph-store';
import { pngWithGraph } from './sharing';

/**
 * Media as it leaves the app: an MP4 or a PNG carries the graph that made it (the open one, unless
 * told which); other media go as they are.
 */
export async function withEmbeddedGraph(
  blob: Blob,
  doc: GraphDocument | null = useGraphStore.getState().doc,
): Promise<Blob> {
  if (!doc) return blob;
  if (blob.type === 'image/png') return pngWithGraph(blob, doc);
  if (blob.type !== 'video/mp4') return blob;
  return embedGraph(blob, JSON.stringify(doc));
}

/** Saves media to the person's downloads folder. */
export async function downloadMedia(blob: Blob, name: string, doc?: GraphDocument): Promise<void> {
  saveFile(await withEmbeddedGraph(blob, doc), name);
}
