import { useReactFlow } from '@xyflow/react';
import { useEffect, useState, type DragEvent } from 'react';
import { nodeDefs } from '../../nodes';
import { addKind, type Box } from '../state/add-kind';
import { placeFromLibrary, refreshComponentLibrary, useComponentLibrary } from '../state/component-library';
import { useSettingsStore } from '../state/settings-store';
import { keysNeededBy, modelsCalledBy, type KeyNeed } from '../state/component-needs';
import type { LibraryComponent } from '../storage/component-library';
import { useServices } from '../ui/services-context';
import { useArtifactUrl } from '../ui/Media';
import type { ArtifactRef } from '../../graph-engine';
import { modelName } from '../../nodes/models/media-label';
import { KIND_DRAG_TYPE } from '../ui/drag-types';

/** The node kinds, searchable: click one to add it, or drag it onto the canvas. */
export function Palette() {
  const [query, setQuery] = useState('');
  const { screenToFlowPosition } = useReactFlow();
  const visible = (): Box => {
    const pane =
      document.querySelector('.react-flow')?.getBoundingClientRect() ??
      new DOMRect(0, 0, window.innerWidth, window.innerHeight);
    const topLeft = screenToFlowPosition({ x: pane.left, y: pane.top });
    const bottomRight = screenToFlowPosition({ x: pane.right, y: pane.bottom });
    return { left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y };
  };
  const text = query.trim().toLowerCase();
  const matches = (...words: (string | undefined)[]) =>
    text === '' || words.some((word) => word?.toLowerCase().includes(text));
  const kinds = nodeDefs.filter((def) => matches(def.title, def.description));
  const library = useComponentLibrary((state) => state.newest);
  const components = library.filter((row) => matches(row.name, row.description));
  useEffect(() => void refreshComponentLibrary(), []);
  const catalog = useSettingsStore((state) => state.models);
  const modelsOf = (row: LibraryComponent) => modelsCalledBy([row.definition, ...row.uses]);
  return (
    <nav className="palette" aria-label="Add node">
      <input
        type="search"
        placeholder="Search nodes…"
        aria-label="Search the palette"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {kinds.map((def) => (
        <button
          type="button"
          key={def.kind}
          draggable
          onDragStart={(event: DragEvent) => event.dataTransfer.setData(KIND_DRAG_TYPE, def.kind)}
          onClick={() => addKind(def.kind, visible())}
          aria-label={`+ ${def.title}`}
        >
          <strong>{def.title}</strong>
          <span>{def.description}</span>
        </button>
      ))}
      {components.length > 0 && <h3 className="palette-section">Your components</h3>}
      {components.map((row) => (
        <button
          type="button"
          key={row.id}
          className="palette-component"
          onClick={() => placeFromLibrary(row, visible())}
          aria-label={`+ ${row.name}`}
        >
          {row.thumbnail && <Thumbnail artifact={row.thumbnail} />}
          <strong>{row.name}</strong>
          <span>
            Component, version {row.version}
            {row.description ? `: ${row.description}` : ''}
          </span>
          {modelsOf(row).length > 0 && (
            <span className="hint">
              Calls{' '}
              {modelsOf(row)
                .map((id) => modelName(id, catalog))
                .join(', ')}
            </span>
          )}
          <KeysNeeded models={modelsOf(row)} />
        </button>
      ))}
      {kinds.length === 0 && components.length === 0 && <p className="hint">No node kind matches.</p>}
    </nav>
  );
}

/** The keys a library component's models need, and which of them this browser lacks. */
function KeysNeeded({ models }: { models: readonly string[] }) {
  const { missingKey } = useServices();
  const catalog = useSettingsStore((state) => state.models);
  // Keys change in Settings and on the server: asked again whenever either does.
  const ownKeys = useSettingsStore((state) => state.settings.keys);
  const serverKeys = useSettingsStore((state) => state.server.keys);
  const [needs, setNeeds] = useState<readonly KeyNeed[]>([]);
  const wanted = models.join(' ');
  useEffect(() => {
    let current = true;
    // Unknown is said as nothing: the palette never fails for want of an answer about keys.
    void keysNeededBy(wanted.split(' '), catalog, missingKey)
      .then((found) => current && setNeeds(found))
      .catch(() => current && setNeeds([]));
    return () => {
      current = false;
    };
  }, [wanted, catalog, missingKey, ownKeys, serverKeys]);
  if (needs.length === 0) return null;
  return (
    <span className="hint">
      Needs {needs.length === 1 ? 'a key' : 'keys'} for{' '}
      {needs.map((need, index) => (
        <span key={need.provider}>
          {index > 0 && ', '}
          {need.provider}
          {need.missing && <em> (not added here)</em>}
        </span>
      ))}
    </span>
  );
}

/** A library component's picture: a still it made, small. */
function Thumbnail({ artifact }: { artifact: ArtifactRef }) {
  const url = useArtifactUrl(artifact);
  return url ? <img className="palette-thumb" src={url} alt="" /> : null;
}
