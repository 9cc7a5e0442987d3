import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { kindForFile, newNode } from '../../nodes';
import { storeGivenFile } from '../../nodes/file-field';
import { addKind } from '../state/add-kind';
import { ARTIFACT_DRAG_TYPE, KIND_DRAG_TYPE } from '../ui/drag-types';
import { useServices } from '../ui/services-context';
import { notify, updateDoc } from '../state/actions';
import { graphInFile, openGraphIn } from '../state/sharing';
import { addNode, setParams } from '../state/edits';
import { zArtifactRef, type ArtifactRef, type ArtifactStore, type NodeDoc } from '../../graph-engine';
import { freeSpot, type Box } from '../state/free-spot';
import { useGraphStore } from '../state/graph-store';

/**
 * A kind dragged from the palette is added where it is dropped. Files dropped on the canvas: a graph
 * (.json, a .zip bundle, or a PNG or MP4 exported from Reelgraph, which carry theirs) opens as a new graph; a photo
 * becomes a Still, a sound an Audio node, a video a Clip, where it was dropped (or the nearest place
 * where it covers no node); dropped on a node of
 * that kind, it becomes that node's photo, sound or video.
 */
export function useFileDrop() {
  const services = useServices();
  const { screenToFlowPosition } = useReactFlow();
  const onDragOver = useCallback((event: DragEvent) => {
    const { types } = event.dataTransfer;
    if (types.includes('Files') || types.includes(KIND_DRAG_TYPE) || types.includes(ARTIFACT_DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback(
    async (event: DragEvent) => {
      const kind = event.dataTransfer.getData(KIND_DRAG_TYPE);
      if (kind) {
        event.preventDefault();
        addKind(kind, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
        return;
      }
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // What the canvas shows, in flow coordinates: a dropped file's node goes where it fits in view.
      const shown = (event.currentTarget as HTMLElement).getBoundingClientRect();
      const topLeft = screenToFlowPosition({ x: shown.left, y: shown.top });
      const bottomRight = screenToFlowPosition({ x: shown.right, y: shown.bottom });
      const view: Box = { left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y };
      // Dropped on a Still, an Audio or a Clip node: it becomes that node's photo, sound or video.
      const target = (event.target as HTMLElement).closest<HTMLElement>('[data-node-id]');
      const targetKind = target?.dataset.kind;
      const fromLibrary = event.dataTransfer.getData(ARTIFACT_DRAG_TYPE);
      if (fromLibrary) {
        event.preventDefault();
        await placeFromLibrary(fromLibrary, services.artifacts, position, view, target ?? undefined);
        return;
      }
      const files = [...event.dataTransfer.files];
      if (files.length === 0) return;
      event.preventDefault();
      for (const [at, file] of files.entries()) {
        const where = { x: position.x + at * 32, y: position.y + at * 32 };
        // A photo becomes a Still, a sound an Audio node, a video a Clip: whichever kind declares it takes the file.
        const def = kindForFile(file.type, file.name);
        // Dropped on a node of that kind, it becomes its file (a PNG or MP4 Reelgraph made included).
        const onNode = def !== undefined && target !== null && targetKind === def.kind && files.length === 1;
        const graph = onNode ? undefined : await graphInFile(file);
        if (graph) await openGraphIn(file, graph);
        else if (def?.files) {
          // Checked as it arrives: a file that cannot be used is refused now, saying why.
          const result = await storeGivenFile(file, (blob) => services.storeUserFile(blob, def.files!.media));
          if ('problem' in result) {
            notify('error', result.problem);
            continue;
          }
          if (result.note) notify('info', result.note);
          const params = def.files.toParams(result.stored);
          if (onNode) updateDoc(setParams(target.dataset.nodeId!, params));
          else
            updateDoc(
              addNode(placed(newNode(def.kind, { position: where, params, title: file.name.slice(0, 200) }), view)),
            );
        } else
          notify(
            'error',
            `${file.name}: Reelgraph takes graphs (.json, .zip), its own PNGs and MP4s, photos, sounds and videos.`,
          );
      }
    },
    [screenToFlowPosition, services],
  );
  return { onDragOver, onDrop };
}

/**
 * Media dragged from the Library: a still becomes a Still with it as its photo, a sound an Audio
 * node, a take or a cut a Clip (or, dropped on such a node, its photo, sound or video). The
 * reference is checked: it comes from a drag.
 */
async function placeFromLibrary(
  json: string,
  artifacts: ArtifactStore,
  where: { x: number; y: number },
  view: Box,
  target?: HTMLElement,
): Promise<void> {
  let ref: ArtifactRef;
  try {
    ref = zArtifactRef.parse(JSON.parse(json));
  } catch {
    notify('error', 'That drag did not carry media Reelgraph can use.');
    return;
  }
  const def = kindForFile(ref.mime);
  if (!def?.files) {
    notify('error', `Reelgraph has no node that takes ${ref.mime} media.`);
    return;
  }
  if (!(await artifacts.get(ref.$artifact))) {
    notify('error', 'That media is no longer in the cache.');
    return;
  }
  const params = def.files.toParams(ref);
  if (target?.dataset.kind === def.kind) updateDoc(setParams(target.dataset.nodeId!, params));
  else updateDoc(addNode(placed(newNode(def.kind, { position: where, params, title: 'From the library' }), view)));
}

/**
 * A new node moved, if it must be, to the nearest place where it covers no other, in view where
 * there is room (a drop lands where it fits, and where the person is looking).
 */
function placed(node: NodeDoc, view: Box): NodeDoc {
  const doc = useGraphStore.getState().doc;
  return doc ? { ...node, position: freeSpot(doc, node, node.position, view) } : node;
}
