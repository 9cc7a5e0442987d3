import { useReactFlow } from '@xyflow/react';
import { useState, type DragEvent } from 'react';
import type { GraphDocument } from '../../graph-engine';
import { newNode, nodeDefs } from '../../nodes';
import { updateDoc } from '../state/actions';
import { addNode } from '../state/edits';
import { useGraphStore } from '../state/graph-store';

/** The MIME type a palette entry is dragged with; the canvas adds the kind where it is dropped. */
export const KIND_DRAG_TYPE = 'application/x-reelgraph-kind';

/** Places tried around the middle of the view, nearest first, for a node added by click. */
const AROUND = [[0, 0], [0, 1], [1, 0], [-1, 0], [0, -1], [1, 1], [-1, 1], [1, -1], [-1, -1], [0, 2], [2, 0], [-2, 0]];

type Box = { left: number; top: number; right: number; bottom: number };

/** The first place near the middle of `view` (flow coordinates) that is in view and that no node occupies (a node is about 300×200). */
function freeSpot(doc: GraphDocument, view: Box): { x: number; y: number } {
  const centre = { x: (view.left + view.right) / 2, y: (view.top + view.bottom) / 2 };
  const spots = AROUND.map(([dx, dy]) => ({ x: Math.round(centre.x - 150 + dx * 340), y: Math.round(centre.y - 100 + dy * 240) }));
  const inView = (spot: { x: number; y: number }) => spot.x >= view.left && spot.y >= view.top && spot.x + 300 <= view.right && spot.y + 200 <= view.bottom;
  const free = (spot: { x: number; y: number }) => !doc.nodes.some((node) => Math.abs(node.position.x - spot.x) < 320 && Math.abs(node.position.y - spot.y) < 220);
  return spots.find((spot) => inView(spot) && free(spot)) ?? spots.find(free) ?? spots[0];
}

/** Adds a node of `kind` at a position, or in free space within the visible part of the canvas. */
export function addKind(kind: string, where: { x: number; y: number } | Box): void {
  const doc = useGraphStore.getState().doc;
  const def = nodeDefs.find((candidate) => candidate.kind === kind);
  if (!doc || !def) return;
  const position = 'left' in where ? freeSpot(doc, where) : where;
  updateDoc(addNode(newNode(def.kind, { position })));
}

/** The node kinds, searchable: click one to add it, or drag it onto the canvas. */
export function Palette() {
  const [query, setQuery] = useState('');
  const { screenToFlowPosition } = useReactFlow();
  const visible = (): Box => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect() ?? new DOMRect(0, 0, window.innerWidth, window.innerHeight);
    const topLeft = screenToFlowPosition({ x: pane.left, y: pane.top });
    const bottomRight = screenToFlowPosition({ x: pane.right, y: pane.bottom });
    return { left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y };
  };
  const text = query.trim().toLowerCase();
  const kinds = nodeDefs.filter((def) => text === '' || def.title.toLowerCase().includes(text) || def.description.toLowerCase().includes(text));
  return (
    <nav className="palette" aria-label="Add node">
      <input type="search" placeholder="Search nodes…" aria-label="Search the palette" value={query} onChange={(event) => setQuery(event.target.value)} />
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
