import { newNode, nodeDefs } from '../../nodes';
import { updateDoc } from './actions';
import { addNode } from './edits';
import { freeSpot, type Box } from './free-spot';
import { useGraphStore } from './graph-store';

export type { Box } from './free-spot';

/** Adds a node of `kind` at a position, or in free space within the visible part of the canvas. */
export function addKind(kind: string, where: { x: number; y: number } | Box): void {
  const doc = useGraphStore.getState().doc;
  const def = nodeDefs.find((candidate) => candidate.kind === kind);
  if (!doc || !def) return;
  const added = newNode(def.kind, { position: { x: 0, y: 0 } });
  // Clicked in the palette: near the middle of the view; dropped: where it was dropped. Either way, in free space.
  const position =
    'left' in where
      ? freeSpot(
          doc,
          added,
          { x: (where.left + where.right) / 2 - 150, y: (where.top + where.bottom) / 2 - 120 },
          where,
        )
      : freeSpot(doc, added, where);
  updateDoc(addNode({ ...added, position }));
}
