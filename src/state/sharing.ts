import { saveFile } from '../storage/save-file';
import { readEmbeddedGraph } from '../media/embedded-graph';
import { services } from './services';
import { makeBundle, openBundle } from '../sharing/bundle';
import { embedGraphInPng, readGraphFromPng } from '../sharing/png-text';
import { MAX_LINK_LENGTH, readShareLink, shareLink } from '../sharing/share-link';
import { notify, openGraphFile } from './actions';
import { useGraphStore } from './graph-store';

const fileName = (name: string) => (name || 'graph').replace(/[^\w-]+/g, '-').slice(0, 60);

/** Saves the graph as a .reelgraph.json file: the document only (no keys, no cached results, no history). */
export function exportGraphFile(): void {
  const { doc } = useGraphStore.getState();
  if (doc)
    saveFile(
      new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }),
      `${fileName(doc.name)}.reelgraph.json`,
    );
}

/** Saves a .zip with the graph and the media it references (your photos and sound files). */
export async function exportBundle(): Promise<void> {
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  const { zip, missing } = await makeBundle(doc, (hash) => services().artifacts.get(hash));
  saveFile(zip, `${fileName(doc.name)}.reelgraph.zip`);
  if (missing.length > 0)
    notify(
      'error',
      `${missing.length} file${missing.length === 1 ? ' the graph uses is' : 's the graph uses are'} no longer stored here, so the bundle lacks ${missing.length === 1 ? 'it' : 'them'}.`,
    );
}

/** Copies a link with the graph in its fragment, or says it is too long and offers the file. */
export async function copyShareLink(): Promise<string | undefined> {
  const { doc } = useGraphStore.getState();
  if (!doc) return undefined;
  const link = shareLink(doc, location.href);
  if (!link.ok) {
    useGraphStore.setState({
      notice: {
        kind: 'error',
        message: `This graph is too large for a link (${link.length.toLocaleString()} characters; links over ${MAX_LINK_LENGTH.toLocaleString()} break in chats and mail). Share it as a file instead.`,
        action: { label: 'Export the graph file', run: exportGraphFile },
      },
    });
    return undefined;
  }
  await navigator.clipboard?.writeText(link.url).catch(() => undefined);
  notify(
    'info',
    'Share link copied. The graph travels inside the link itself (after the #), never through a server; keys and cached results stay here.',
  );
  return link.url;
}

/** Opens a graph that arrived in the page's address (a share link), then clears it from the address bar. */
export async function openShareLinkFromLocation(): Promise<void> {
  const json = readShareLink(location.hash);
  if (json === undefined) return;
  history.replaceState(null, '', location.pathname + location.search);
  if (json instanceof Error)
    notify('error', `The share link could not be opened: ${json.message}. Nothing was changed.`);
  else await openGraphFile(json, 'The shared graph');
}

/** An image on its way out: a PNG carries the graph that made it. */
export async function pngWithGraph(png: Blob): Promise<Blob> {
  const { doc } = useGraphStore.getState();
  if (!doc || png.type !== 'image/png') return png;
  return new Blob(
    [embedGraphInPng(new Uint8Array(await png.arrayBuffer()), JSON.stringify(doc)) as Uint8Array<ArrayBuffer>],
    { type: 'image/png' },
  );
}

/** Whether a file carries a graph (and is not just media): .json, a bundle, or our own PNG or MP4. */
export async function graphInFile(file: File): Promise<{ json: string } | { bundle: Uint8Array } | undefined> {
  if (file.name.endsWith('.json') || file.type === 'application/json') return { json: await file.text() };
  if (file.name.endsWith('.zip') || file.type === 'application/zip')
    return { bundle: new Uint8Array(await file.arrayBuffer()) };
  if (file.type === 'image/png') {
    const json = readGraphFromPng(new Uint8Array(await file.arrayBuffer()));
    return json ? { json } : undefined;
  }
  if (file.type === 'video/mp4' || file.name.endsWith('.mp4')) {
    const json = await readEmbeddedGraph(file);
    return json ? { json } : undefined;
  }
  return undefined;
}

/** Opens a graph file of any kind Reelgraph writes; a bundle's media are stored first (each checked against its hash). */
export async function openGraphIn(file: File, found: { json: string } | { bundle: Uint8Array }): Promise<void> {
  if ('json' in found) return openGraphFile(found.json, file.name);
  const opened = await openBundle(found.bundle);
  if (opened instanceof Error) {
    notify('error', `${file.name} was not opened: ${opened.message}. Nothing was changed.`);
    return;
  }
  for (const { blob } of opened.media) await services().artifacts.put(blob);
  await openGraphFile(opened.graphJson, file.name);
}
