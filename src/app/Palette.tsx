import { useReactFlow } from '@xyflow/react';
import { useState, type DragEvent } from 'react';
import { nodeDefs } from '../../nodes';
import { addKind, type Box } from '../state/add-kind';
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
  const kinds = nodeDefs.filter(
    (def) => text === '' || def.title.toLowerCase().includes(text) || def.description.toLowerCase().includes(text),
  );
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
      {kinds.length === 0 && <p className="hint">No node kind matches.</p>}
    </nav>
  );
}
