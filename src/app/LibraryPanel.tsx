import { memo, useEffect, useMemo, useState } from 'react';
import { notify, openAsRan, pinResults, refreshFromCache } from '../state/actions';
import { formatUsd } from '../../nodes/models/format-usd';
import { flushSave } from '../state/autosave';
import { downloadMedia } from '../state/export-media';
import { useGraphStore } from '../state/graph-store';
import type { Asset, AssetUses } from '../storage/asset-library';
import { ARTIFACT_DRAG_TYPE } from '../ui/drag-types';
import { useArtifactUrl } from '../ui/Media';
import { useServices } from '../ui/services-context';

/** What a piece of media is, by the node that made it. */
function sortOf(asset: Asset): 'still' | 'take' | 'cut' | 'sound' {
  if (asset.ref.mime.startsWith('audio/')) return 'sound';
  if (asset.ref.mime.startsWith('image/')) return 'still';
  return asset.kind === 'assemble' ? 'cut' : 'take';
}

const SORTS = { still: 'Stills', take: 'Takes', cut: 'Cuts', sound: 'Sounds' } as const;

/** The model that made it, as its metadata says (a local draft says so). */
function modelOf(asset: Asset): string | undefined {
  const meta = asset.ref.meta;
  if (typeof meta?.model === 'string') return meta.model;
  return meta?.source === 'local-draft' ? 'local draft' : undefined;
}

/** Where what no kept run made is listed. */
const UNRECORDED = 'Not in the history';

/** Shown at most at once: each thumbnail reads its media from IndexedDB. */
const SHOWN = 200;

/**
 * Everything the cache holds, grouped by graph and run, newest first (what no kept run made, last):
 * stills, takes, cuts and sounds, filtered by kind, model, stars and pin, to open the graph that
 * made one, drag it into this graph, download, pin or delete. It stands where the inspector does, so what it holds can be dragged onto the canvas.
 */
export function LibraryPanel() {
  const { library } = useServices();
  const lastRun = useGraphStore((state) => state.lastRun);
  const queued = useGraphStore((state) => state.queue.length);
  const pinnedHere = useGraphStore((state) => state.pinned);
  const [assets, setAssets] = useState<Asset[] | undefined>();
  const [sort, setSort] = useState<keyof typeof SORTS | ''>('');
  const [model, setModel] = useState('');
  const [pinnedOnly, setPinnedOnly] = useState(false);
  const [leastStars, setLeastStars] = useState(0);
  const [version, setVersion] = useState(0);
  // Runs that end (here or in another tab) and pins and deletions show up.
  useEffect(() => void library.list().then(setAssets), [library, lastRun, queued, pinnedHere, version]);
  const models = useMemo(() => [...new Set((assets ?? []).flatMap((asset) => modelOf(asset) ?? []))].sort(), [assets]);
  const shown = useMemo(
    () =>
      (assets ?? []).filter(
        (asset) =>
          (!sort || sortOf(asset) === sort) &&
          (!model || modelOf(asset) === model) &&
          (!pinnedOnly || asset.pinned) &&
          (asset.stars ?? 0) >= leastStars,
      ),
    [assets, sort, model, pinnedOnly, leastStars],
  );
  // Grouped by graph (in the order of their newest run), then by run; what no kept run made, last.
  const groups = useMemo(() => {
    const byGraph = new Map<string, { name: string; runs: Map<number, Asset[]> }>();
    for (const asset of shown.slice(0, SHOWN)) {
      const { run } = asset;
      const graphId = run?.graphId ?? '';
      const graph = byGraph.get(graphId) ?? {
        name: run ? (run.graphName ?? run.graphId) : UNRECORDED,
        runs: new Map(),
      };
      byGraph.set(graphId, graph);
      const runId = run?.id ?? -1;
      graph.runs.set(runId, [...(graph.runs.get(runId) ?? []), asset]);
    }
    return [...byGraph.entries()];
  }, [shown]);
  const close = () => useGraphStore.setState({ libraryOpen: false });
  return (
    <aside className="library" aria-label="Library">
      <header>
        <h2>Library</h2>
        <button type="button" className="link" onClick={close} aria-label="Close the library">
          ×
        </button>
      </header>
      <p className="hint">
        Everything the cache holds, under the run that made it. Drag a still, a take or a sound onto the canvas to use
        it in this graph.
      </p>
      <div className="library-filters">
        <select aria-label="Show" value={sort} onChange={(event) => setSort(event.target.value as typeof sort)}>
          <option value="">Everything</option>
          {Object.entries(SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select aria-label="Model" value={model} onChange={(event) => setModel(event.target.value)}>
          <option value="">Any model</option>
          {models.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label="Stars" value={leastStars} onChange={(event) => setLeastStars(Number(event.target.value))}>
          <option value={0}>Any stars</option>
          {[1, 2, 3, 4, 5].map((stars) => (
            <option key={stars} value={stars}>
              {'★'.repeat(stars)} or more
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={pinnedOnly} onChange={(event) => setPinnedOnly(event.target.checked)} />{' '}
          Pinned
        </label>
      </div>
      <p className="hint" role="status">
        {assets === undefined
          ? 'Reading the library…'
          : shown.length > SHOWN
            ? `The newest ${SHOWN} of ${shown.length}`
            : `${shown.length} item${shown.length === 1 ? '' : 's'}`}
      </p>
      {groups.map(([graphId, graph]) => (
        <section key={graphId} className="library-graph" aria-label={graph.name}>
          <h3>{graph.name}</h3>
          {[...graph.runs.entries()].map(([runId, items]) => (
            <div key={runId} className="library-run">
              <small>
                {items[0].run
                  ? new Date(items[0].run.startedAt).toLocaleString()
                  : 'Made before the history kept runs, or by runs it has let go'}
              </small>
              <div className="library-items">
                {items.map((asset) => (
                  <AssetTile key={asset.ref.$artifact} asset={asset} onChanged={() => setVersion((at) => at + 1)} />
                ))}
              </div>
            </div>
          ))}
        </section>
      ))}
    </aside>
  );
}

const AssetTile = memo(function AssetTile({ asset, onChanged }: { asset: Asset; onChanged(): void }) {
  const { artifacts, library, history, deleteFromLibrary } = useServices();
  const url = useArtifactUrl(asset.ref);
  const [uses, setUses] = useState<AssetUses | undefined>();
  const { ref } = asset;
  const label = [
    `${SORTS[sortOf(asset)].slice(0, -1)}${asset.nodeId ? ` from ${asset.nodeId}` : ''}`,
    modelOf(asset),
    asset.stars && `${'★'.repeat(asset.stars)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const download = async () => {
    const blob = await artifacts.get(ref.$artifact);
    const doc = asset.run?.snapshot ? await history.snapshot(asset.run.snapshot) : undefined;
    const extension = ref.mime.split('/')[1]?.replace('jpeg', 'jpg').replace('mpeg', 'mp3') ?? 'bin';
    if (blob) await downloadMedia(blob, `reelgraph-${ref.$artifact.slice(0, 8)}.${extension}`, doc);
  };
  const remove = async () => {
    await flushSave();
    const { spared } = await deleteFromLibrary(ref.$artifact);
    if (spared > 0)
      notify('info', 'A run in progress may be using it: it was kept. Delete it again once the run ends.');
    setUses(undefined);
    onChanged();
    // The canvas no longer shows what was deleted as cached.
    await refreshFromCache();
  };
  return (
    <figure
      className={`library-item${asset.pinned ? ' pinned' : ''}`}
      draggable
      aria-label={label}
      data-hash={ref.$artifact}
      onDragStart={(event) => {
        event.dataTransfer.setData(ARTIFACT_DRAG_TYPE, JSON.stringify(ref));
        event.dataTransfer.effectAllowed = 'copy';
      }}
    >
      {!url ? (
        <div className="media loading" />
      ) : ref.mime.startsWith('video/') ? (
        // Plays while the pointer is over it.
        <video
          src={url}
          muted
          loop
          playsInline
          preload="metadata"
          onMouseEnter={(event) => void event.currentTarget.play().catch(() => {})}
          onMouseLeave={(event) => event.currentTarget.pause()}
        />
      ) : ref.mime.startsWith('audio/') ? (
        <audio src={url} controls />
      ) : (
        <img src={url} alt={label} draggable={false} />
      )}
      <figcaption>
        <span>{label}</span>
        <span className="library-actions">
          {asset.run && (
            <button
              type="button"
              onClick={() => void openAsRan(asset.run!)}
              title="Open the graph that made this, as it ran"
            >
              Open graph
            </button>
          )}
          <button
            type="button"
            aria-pressed={asset.pinned}
            title="Pinned results are never evicted"
            onClick={() => void pinResults([asset.resultKey], !asset.pinned).then(onChanged)}
          >
            {asset.pinned ? 'Unpin' : 'Pin'}
          </button>
          <button type="button" onClick={() => void download()}>
            Download
          </button>
          <button
            type="button"
            // The open graph saved first: a photo it was just given counts as a use.
            onClick={() => void flushSave().then(() => library.uses(ref.$artifact).then(setUses))}
          >
            Delete…
          </button>
        </span>
        {uses && (
          <span className="library-delete" role="alertdialog" aria-label={`Delete ${label}`}>
            {deleteWarning(uses)}
            {!uses.pinned && (
              <button type="button" className="danger" onClick={() => void remove()}>
                Delete
              </button>
            )}
            <button type="button" onClick={() => setUses(undefined)}>
              Keep
            </button>
          </span>
        )}
      </figcaption>
    </figure>
  );
});

/** What deleting a piece of media means, for the graphs it matters to. */
function deleteWarning(uses: AssetUses): string {
  if (uses.pinned) return 'It is pinned: unpin it to delete it.';
  const parts = ['Its cached results go: the nodes that made it run again next time.'];
  if (uses.madeBy.length > 0) parts.push(`Made by runs of ${uses.madeBy.map((name) => `“${name}”`).join(', ')}.`);
  if (uses.paid) parts.push('A paid clip: its file stays with its job, so making it again costs nothing.');
  else if (uses.cost > 0) parts.push(`It cost ${formatUsd(uses.cost)} to make: making it again is paid again.`);
  if (uses.holding.length > 0)
    parts.push(
      `${uses.holding.map((name) => `“${name}”`).join(', ')} still use${uses.holding.length === 1 ? 's' : ''} it as a photo, sound or video: the file stays for ${uses.holding.length === 1 ? 'it' : 'them'}.`,
    );
  return parts.join(' ');
}
