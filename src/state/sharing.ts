import { safeFileName, saveFile } from '../storage/save-file';
import { readEmbeddedGraph } from '../media/embedded-graph';
import { services } from './services';
import { makeBundle } from '../sharing/bundle';
import { embedGraphInPng, readGraphFromPng } from '../sharing/png-text';
import { isShareLink, MAX_LINK_LENGTH, shareLink } from '../sharing/share-link';
import { isComponentFile, type GraphDocument } from '../../graph-engine';
import { importComponentFile } from './component-library';
import { notify, openGraphFile, openParsed, toldWhyNot } from './actions';
import { readFromOutside } from './intake';
import { withComponentFixes } from './component-fixes';
import { modelsNamed, openPreflight, withoutMedia, withSwaps, type OpenPreflight } from './open-preflight';
import { structuralProblems } from './structural-problems';
import { useSettingsStore } from './settings-store';
import { useGraphStore } from './graph-store';

const fileName = (name: string) => safeFileName(name, 'graph');

/** Saves the graph as a .reelgraph.json file: the document only (no keys, no cached results, no history). */
export function exportGraphFile(): void {
  const { doc } = useGraphStore.getState();
  if (doc)
    saveFile(
      new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }),
      `${fileName(doc.name)}.reelgraph.json`,
    );
}

/** Saves a .zip with the graph and the media it references (your photos, sound files and videos). */
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
  const copied = navigator.clipboard
    ? await navigator.clipboard.writeText(link.url).then(
        () => true,
        () => false,
      )
    : false;
  if (!copied) {
    // Said as it happened: the browser refused the clipboard (or has none).
    useGraphStore.setState({
      notice: {
        kind: 'error',
        message:
          'The share link was not copied: this browser refused the clipboard. Allow clipboard access for this page and try again, or share the graph as a file.',
        action: { label: 'Export the graph file', run: exportGraphFile },
      },
    });
    return undefined;
  }
  notify(
    'info',
    'Share link copied. The graph travels inside the link itself (after the #), never through a server; keys and cached results stay here.',
  );
  return link.url;
}

/**
 * Opens a graph that arrived in the page's address (a share link), then clears it from the address
 * bar. A link can come from any website: it is read in the intake worker under the link caps, and
 * opens only when the person says so, having seen what it is and needs.
 */
export async function openShareLinkFromLocation(): Promise<void> {
  if (!isShareLink(location.hash)) return;
  const fragment = location.hash;
  history.replaceState(null, '', location.pathname + location.search);
  const read = await readFromOutside({ kind: 'link', fragment }, 'the shared graph');
  if (!read.ok) return toldWhyNot('The shared graph', read);
  const problems = structuralProblems(read.parsed.doc, services().registry);
  const chosen = await askToOpen(read.parsed.doc, 'link', problems);
  if (!chosen) {
    notify('info', 'The shared graph was not opened. Nothing was changed.');
    return;
  }
  await openParsed(chosen, { asNew: true, asApp: true }).catch((error: unknown) =>
    notify('error', `The shared graph was not opened: ${error instanceof Error ? error.message : String(error)}`),
  );
}

/**
 * A graph from a file, a bundle or the library, judged before it opens: asked about (as a link always
 * is) when it cannot run as it is, names models their vendors shut down or this app does not know,
 * needs keys or media this browser lacks, or uses components the library here can give or update;
 * else the graph as it came. `carried`: the media arriving with it (a bundle's).
 */
export async function askIfNeeded(
  doc: GraphDocument,
  problems: readonly string[],
  carried: readonly string[] = [],
): Promise<GraphDocument | undefined> {
  const needs = await needsOf(doc, carried);
  const asks =
    problems.length +
    needs.retired.length +
    needs.keys.length +
    needs.components.length +
    needs.unknownModels.length +
    needs.missingMedia.length;
  return asks > 0 ? askToOpen(doc, 'file', problems, needs) : doc;
}

/** What a graph needs that this browser lacks; unknown (a failed key check) is said as nothing. */
const needsOf = (doc: GraphDocument, carried: readonly string[] = []): Promise<OpenPreflight> =>
  openPreflight(doc, {
    catalog: useSettingsStore.getState().models,
    missingKey: (model) => services().missingKey(model),
    library: services().components,
    hasMedia: async (hash) => carried.includes(hash) || (await services().artifacts.get(hash)) !== undefined,
  }).catch(() => ({ retired: [], keys: [], components: [], unknownModels: [], missingMedia: [] }));

/** How many open questions were asked: each its own id. */
let asked = 0;

/**
 * Shows what a graph from outside is and needs before it opens (what stops it running, the cloud
 * models it calls, retired ones with their successors, keys this browser lacks, media a link
 * cannot carry), and resolves with the graph to open (with the swaps the person chose), or
 * undefined when they decline. Nothing is dropped from the graph.
 */
export async function askToOpen(
  doc: GraphDocument,
  from: 'link' | 'file',
  problems: readonly string[],
  needs?: OpenPreflight,
): Promise<GraphDocument | undefined> {
  const { models: catalogModels } = useSettingsStore.getState();
  const catalog = new Map(catalogModels.map((model) => [model.id, model.label]));
  // The cloud models it names, inside its components too.
  const models = modelsNamed(doc).flatMap((id) => (catalog.has(id) ? [catalog.get(id)!] : []));
  const { retired, keys, components, unknownModels, missingMedia } = needs ?? (await needsOf(doc));
  return new Promise((resolve) =>
    useGraphStore.setState({
      openRequest: {
        id: ++asked,
        from,
        name: doc.name,
        problems,
        nodes: doc.nodes.length,
        kinds: [...new Set(doc.nodes.map((node) => node.kind))],
        models,
        missingMedia,
        unknownModels,
        retired,
        keys,
        components,
        answer: (open, chosen) => {
          useGraphStore.setState({ openRequest: null });
          // Components first: a definition taken from the library may name a retired model too.
          const fixed = withoutMedia(withComponentFixes(doc, chosen?.components ?? []), new Set(chosen?.cleared));
          resolve(open ? withSwaps(fixed, chosen?.swaps ?? new Map()) : undefined);
        },
      },
    }),
  );
}

/** An image on its way out: a PNG carries the graph that made it. */
export async function pngWithGraph(png: Blob, doc = useGraphStore.getState().doc): Promise<Blob> {
  if (!doc || png.type !== 'image/png') return png;
  return new Blob(
    [embedGraphInPng(new Uint8Array(await png.arrayBuffer()), JSON.stringify(doc)) as Uint8Array<ArrayBuffer>],
    { type: 'image/png' },
  );
}

/** Whether a file carries a graph (and is not just media): .json, a bundle, or our own PNG or MP4. */
export async function graphInFile(file: File): Promise<{ json: string } | { bundle: Blob } | undefined> {
  if (file.name.endsWith('.json') || file.type === 'application/json') return { json: await file.text() };
  if (file.name.endsWith('.zip') || file.type === 'application/zip') return { bundle: file };
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

/**
 * Opens a graph file of any kind Reelgraph writes, read in the intake worker. A bundle's zip is
 * checked whole before anything is inflated, its graph is validated before its media are read, and
 * the graph and the media it uses are stored in one transaction: a refused bundle stores nothing.
 */
export async function openGraphIn(file: File, found: { json: string } | { bundle: Blob }): Promise<void> {
  // A component travelling on its own goes to the library, not into a graph of its own.
  if ('json' in found && isComponentFile(found.json)) return importComponentFile(found.json, file.name);
  if ('json' in found) return openGraphFile(found.json, file.name);
  const read = await readFromOutside({ kind: 'bundle', zip: found.bundle }, file.name);
  if (!read.ok) return toldWhyNot(file.name, read);
  const chosen = await askIfNeeded(
    read.parsed.doc,
    structuralProblems(read.parsed.doc, services().registry),
    read.media.map((file) => file.hash),
  );
  if (!chosen) return notify('info', `${file.name} was not opened. Nothing was changed.`);
  await openParsed(chosen, { asNew: true, media: read.media, asApp: true }).catch((error: unknown) =>
    notify(
      'error',
      `${file.name} was not opened: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
    ),
  );
}
