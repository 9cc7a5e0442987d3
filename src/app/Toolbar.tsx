import {
  cancelRun,
  deleteGraph,
  duplicateGraph,
  newGraph,
  notify,
  openGraph,
  redo,
  runCurrent,
  undo,
  updateDoc,
} from '../state/actions';
import { renameGraph } from '../state/edits';
import { useGraphStore } from '../state/graph-store';
import { exportCutForEditor } from '../state/handoff';
import { copyShareLink, exportBundle, exportGraphFile, graphInFile, openGraphIn } from '../state/sharing';
import { FirstStep } from './FirstStep';
import { TemplateGallery } from './TemplateGallery';
import { formatUsd } from '../../nodes/models/format-usd';
import { SettingsDialog } from './SettingsDialog';
import { HistoryPanel } from './HistoryPanel';
import { QueuePanel } from './QueuePanel';
import { VersionsPanel } from './VersionsPanel';
import { SpendPanel } from './SpendPanel';
import { cancelQueued } from '../state/queue';
import { useState } from 'react';

/** Graph list, name, undo and run controls. */
export function Toolbar() {
  const graphs = useGraphStore((state) => state.graphs);
  const id = useGraphStore((state) => state.doc?.id);
  const name = useGraphStore((state) => state.doc?.name ?? '');
  const running = useGraphStore((state) => state.running);
  const savedAt = useGraphStore((state) => state.savedAt);
  const undoLabel = useGraphStore((state) => state.history.past.at(-1)?.label);
  const redoLabel = useGraphStore((state) => state.history.future.at(-1)?.label);
  const estimate = useGraphStore((state) => state.estimate?.total ?? 0);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [spendOpen, setSpendOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [queueOpen, setQueueOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const queue = useGraphStore((state) => state.queue);
  const libraryOpen = useGraphStore((state) => state.libraryOpen);
  const appView = useGraphStore((state) => state.appView);
  // The open graph's place in the queue, when it waits there (or runs in another tab).
  const place = queue.findIndex((run) => run.graphId === id);
  const [galleryOpen, setGalleryOpen] = useState(false);

  return (
    <header className="toolbar">
      <strong className="brand">Reelgraph</strong>
      <select aria-label="Open graph" value={id ?? ''} onChange={(event) => void openGraph(event.target.value)}>
        {graphs.map((graph) => (
          <option key={graph.id} value={graph.id}>
            {graph.name || 'Untitled graph'}
          </option>
        ))}
      </select>
      <input
        aria-label="Graph name"
        className="graph-name"
        title={name}
        value={name}
        onChange={(event) => updateDoc(renameGraph(event.target.value))}
      />
      {/* File: everything that makes, opens, copies or removes a whole graph, in one place. */}
      <details className="menu">
        <summary className="button">File</summary>
        {/* Choosing an item closes the menu. */}
        <div
          className="menu-items"
          onClick={(event) => {
            if ((event.target as HTMLElement).closest('button, label'))
              (event.currentTarget.parentElement as HTMLDetailsElement).open = false;
          }}
        >
          <button type="button" onClick={() => void newGraph('starter')}>
            New from starter
          </button>
          <button type="button" onClick={() => void newGraph('photo')}>
            New from your photo
          </button>
          <button type="button" onClick={() => void newGraph('empty')}>
            New graph
          </button>
          <label className="button">
            Import…
            <input
              type="file"
              accept=".json,.zip,.png,.mp4,application/json,application/zip,image/png,video/mp4"
              aria-label="Import a graph file"
              hidden
              onChange={async (event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (!file) return;
                const found = await graphInFile(file);
                if (found) await openGraphIn(file, found);
                else notify('error', `${file.name} carries no Reelgraph graph. Nothing was changed.`);
              }}
            />
          </label>
          <button type="button" onClick={() => void duplicateGraph()} disabled={!id}>
            Duplicate
          </button>
          <button
            type="button"
            onClick={() => setVersionsOpen(true)}
            disabled={!id}
            title="Save a version with a note; restore or branch from one saved or run before"
          >
            Versions…
          </button>
          <button type="button" onClick={exportGraphFile} disabled={!id}>
            Export graph file (.reelgraph.json)
          </button>
          <button
            type="button"
            onClick={() => void exportBundle()}
            disabled={!id}
            title="The graph and the photos, sound files and videos it uses"
          >
            Export bundle with media (.zip)
          </button>
          <button
            type="button"
            onClick={() => void exportCutForEditor()}
            disabled={!id}
            title="The cut as OpenTimelineIO and Final Cut Pro 7 XML with its clips and soundtrack, for DaVinci Resolve, Premiere or Final Cut"
          >
            Export cut for an editor (.zip)
          </button>
          <button
            type="button"
            className="danger-text"
            onClick={() => id && window.confirm(`Delete “${name}”? This cannot be undone.`) && void deleteGraph(id)}
            disabled={!id}
          >
            Delete
          </button>
        </div>
      </details>
      <button type="button" onClick={() => setGalleryOpen(true)}>
        Templates
      </button>
      {galleryOpen && <TemplateGallery onClose={() => setGalleryOpen(false)} />}
      <button type="button" onClick={() => void copyShareLink()} disabled={!id} title="A link that opens this graph">
        Share
      </button>
      <button
        type="button"
        onClick={undo}
        disabled={!undoLabel}
        title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
      >
        Undo
      </button>
      <button
        type="button"
        onClick={redo}
        disabled={!redoLabel}
        title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
      >
        Redo
      </button>
      <button type="button" onClick={() => setSettingsOpen(true)}>
        Settings
      </button>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      <button type="button" onClick={() => setSpendOpen(true)} title="What every paid request cost">
        Spend
      </button>
      {spendOpen && <SpendPanel onClose={() => setSpendOpen(false)} />}
      <button
        type="button"
        onClick={() => setHistoryOpen(true)}
        title="Every run: what ran, what it cost, the graph as it ran"
      >
        History
      </button>
      {historyOpen && <HistoryPanel onClose={() => setHistoryOpen(false)} />}
      <button
        type="button"
        onClick={() => setQueueOpen(true)}
        title="Runs waiting their turn, from every graph and tab"
      >
        {queue.length > 0 ? `Queue (${queue.length})` : 'Queue'}
      </button>
      {queueOpen && <QueuePanel onClose={() => setQueueOpen(false)} />}
      {versionsOpen && <VersionsPanel onClose={() => setVersionsOpen(false)} />}
      <button
        type="button"
        aria-pressed={libraryOpen}
        onClick={() => useGraphStore.setState({ libraryOpen: !libraryOpen })}
        title="What your runs made: open the graph that made it, or drag it into this one"
      >
        Library
      </button>
      <button
        type="button"
        aria-pressed={appView}
        onClick={() => useGraphStore.setState({ appView: !appView })}
        title={
          appView
            ? 'Back to the canvas'
            : 'Use this graph as an app: the inputs it shows as a form, Run, and what it makes; no canvas'
        }
      >
        {appView ? 'Graph' : 'App'}
      </button>
      <span className="spacer" />
      <span className="saved" data-saved-at={savedAt ?? ''}>
        {savedAt ? `Saved ${new Date(savedAt).toLocaleTimeString()}` : 'Not saved yet'}
      </span>
      {running ? (
        <button type="button" className="danger" onClick={cancelRun}>
          Cancel
        </button>
      ) : place >= 0 ? (
        <>
          <span className="queued-here" role="status">
            {queue[place].state === 'running'
              ? 'Running in another tab'
              : queue[place].state === 'held'
                ? 'Held in the queue'
                : `Queued · ${place === 0 ? 'next' : `#${place + 1}`}`}
          </span>
          <button type="button" className="danger" onClick={() => void cancelQueued(queue[place].id)}>
            Cancel
          </button>
        </>
      ) : (
        <span className="run-anchor">
          <button
            type="button"
            className="primary"
            onClick={() => void runCurrent()}
            title={
              estimate > 0
                ? 'Estimated cost of the cloud generations this run will make (cached nodes cost nothing)'
                : 'Nothing this run makes costs money'
            }
          >
            {`${queue.length > 0 ? 'Queue run' : 'Run'}${estimate > 0 ? ` · est. ${formatUsd(estimate)}` : ''}`}
          </button>
          <FirstStep />
        </span>
      )}
    </header>
  );
}
