import { useReactFlow } from '@xyflow/react';
import { useEffect, useState, type DragEvent } from 'react';
import { nodeDefs } from '../../nodes';
import { addKind, type Box } from '../state/add-kind';
import { placeFromLibrary, refreshComponentLibrary, useComponentLibrary } from '../state/component-library';
import { modelsCalledBy } from '../state/component-needs';
import { ItemNeeds } from './ItemNeeds';
import { modelsNamed } from '../state/open-preflight';
import { insertTemplate, refreshTemplateLibrary, useTemplateLibrary } from '../state/template-library';
import type { LibraryTemplate } from '../storage/template-library';
import { useArtifactUrl } from '../ui/Media';
import type { ArtifactRef } from '../../graph-engine';
import { KIND_DRAG_TYPE } from '../ui/drag-types';

/** The node kinds, searchable: click one to add it, or drag it onto the canvas. */
export function Palette() {
  const [query, setQuery] = useState('');
  const { screenToFlowPosition, fitView } = useReactFlow();
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
  const templates = useTemplateLibrary((state) => state.newest).filter((row) => matches(row.name, row.description));
  useEffect(() => {
    void refreshComponentLibrary();
    void refreshTemplateLibrary();
  }, []);
  const addTemplate = (row: LibraryTemplate) => {
    const added = insertTemplate(row);
    // Shown where they landed, once drawn.
    if (added.length > 0)
      requestAnimationFrame(() =>
        requestAnimationFrame(() => void fitView({ nodes: added.map((id) => ({ id })), duration: 200, padding: 0.2 })),
      );
  };
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
          <ItemNeeds models={modelsCalledBy([row.definition, ...row.uses])} />
        </button>
      ))}
      {templates.length > 0 && <h3 className="palette-section">Your templates</h3>}
      {templates.map((row) => (
        <button
          type="button"
          key={row.id}
          className="palette-component palette-template"
          onClick={() => addTemplate(row)}
          aria-label={`+ ${row.name} (template)`}
          title="Adds its nodes beside this graph; Templates opens it as a graph of its own"
        >
          {row.thumbnail && <Thumbnail artifact={row.thumbnail} />}
          <strong>{row.name}</strong>
          <span>
            Template, version {row.version}
            {row.description ? `: ${row.description}` : ''}
          </span>
          <ItemNeeds models={modelsNamed(row.doc)} />
        </button>
      ))}
      {kinds.length === 0 && components.length === 0 && templates.length === 0 && (
        <p className="hint">No node kind matches.</p>
      )}
    </nav>
  );
}

/** A library component's picture: a still it made, small. */
function Thumbnail({ artifact }: { artifact: ArtifactRef }) {
  const url = useArtifactUrl(artifact);
  return url ? <img className="palette-thumb" src={url} alt="" /> : null;
}
