import { cancelRun, deleteGraph, duplicateGraph, newGraph, openGraph, openGraphFile, redo, runCurrent, undo, updateDoc } from '../state/actions';
import { renameGraph } from '../state/edits';
import { useGraphStore } from '../state/graph-store';
import { saveFile } from './save-file';
import { formatUsd } from '../state/format-usd';
import { SettingsDialog } from './SettingsDialog';
import { useState } from 'react';

/** Saves the graph as a .reelgraph.json file (no keys, no cached results: only the document). */
function exportGraph(): void {
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  const name = (doc.name || 'graph').replace(/[^\w-]+/g, '-').slice(0, 60);
  saveFile(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }), `${name}.reelgraph.json`);
}

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
      <input aria-label="Graph name" className="graph-name" value={name} onChange={(event) => updateDoc(renameGraph(event.target.value))} />
      <button type="button" onClick={() => void newGraph('starter')}>
        New from starter
      </button>
      <button type="button" onClick={() => void newGraph('photo')}>
        New from your photo
      </button>
      <button type="button" onClick={() => void newGraph('empty')}>
        New graph
      </button>
      <button type="button" onClick={() => void duplicateGraph()} disabled={!id}>
        Duplicate
      </button>
      <button type="button" onClick={exportGraph} disabled={!id}>
        Export
      </button>
      <label className="button">
        Import
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Import a graph file"
          hidden
          onChange={async (event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) await openGraphFile(await file.text(), file.name);
          }}
        />
      </label>
      <button
        type="button"
        onClick={() => id && window.confirm(`Delete “${name}”? This cannot be undone.`) && void deleteGraph(id)}
        disabled={!id}
      >
        Delete
      </button>
      <button type="button" onClick={undo} disabled={!undoLabel} title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}>
        Undo
      </button>
      <button type="button" onClick={redo} disabled={!redoLabel} title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
        Redo
      </button>
      <button type="button" onClick={() => setSettingsOpen(true)}>
        Settings
      </button>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      <span className="spacer" />
      <span className="saved" data-saved-at={savedAt ?? ''}>
        {savedAt ? `Saved ${new Date(savedAt).toLocaleTimeString()}` : 'Not saved yet'}
      </span>
      {running ? (
        <button type="button" className="danger" onClick={cancelRun}>
          Cancel
        </button>
      ) : (
        <button type="button" className="primary" onClick={() => void runCurrent()} title={estimate > 0 ? 'Estimated cost of the cloud generations this run will make (cached nodes cost nothing)' : 'Nothing this run makes costs money'}>
          {estimate > 0 ? `Run · est. ${formatUsd(estimate)}` : 'Run'}
        </button>
      )}
    </header>
  );
}
