import {
  applyNodeChanges,
  Background,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useStore,
  type ReactFlowState,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type ReactFlowInstance,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isTextField } from '../ui/is-text-field';
import { validateGraph } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { notify, updateDoc } from '../state/actions';
import { connect, groupNodes, makeComponentOf, moveNodes, removeEdges, removeNodes, setViewport } from '../state/edits';
import { mapLabels, nodeById, shownDoc } from '../state/selectors';
import { closeComponent, openComponent } from '../state/inside';
import { InsideBar } from './InsideBar';
import { ViewingBar } from './ViewingBar';
import { useGraphStore } from '../state/graph-store';
import { connectionProblem } from './connection-rules';
import { ConnectionHint } from './ConnectionHint';
import { frameNodes, GroupFrame } from './GroupFrame';
import { layeredPositions, roomFor, wiresOf } from '../templates/layout';
import { firstViewport } from './first-view';
import { estimatedGeometry, noteMeasured } from './node-geometry';
import { NodeFrame, ZOOMED_OUT_BELOW } from './NodeFrame';
import { PortLegend } from './PortLegend';
import { QuickAdd, type QuickAddRequest } from './QuickAdd';
import { useClipboard } from './use-clipboard';
import { useFileDrop } from './use-file-drop';

/** Defined at module scope: a new object on each render would re-mount every node. */
const nodeTypes = { reelgraph: NodeFrame, frame: GroupFrame };
const isFrame = (id: string) => id.startsWith('frame:');
/** Zoomed far out, the dot grid would be a dense raster to repaint on every pan frame: leave it out. */
const isZoomedIn = (state: ReactFlowState) => state.transform[2] >= ZOOMED_OUT_BELOW;
function ZoomedInBackground() {
  return useStore(isZoomedIn) ? <Background gap={16} /> : null;
}
/** Zoomed far out, most of the graph is already on screen, so the minimap only costs repaints. */
function ZoomedInMiniMap() {
  return useStore(isZoomedIn) ? <MiniMap pannable zoomable /> : null;
}

/** Selection is not an undo step, nor part of the graph, but it is restored on reload (per graph, in this browser). */
const selectionKey = (graphId: string) => `reelgraph.selection.${graphId}`;
function loadSelection(graphId: string): ReadonlySet<string> {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(selectionKey(graphId)) ?? '[]');
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}
function saveSelection(graphId: string | undefined, nodes: readonly Node[]): void {
  if (graphId)
    localStorage.setItem(
      selectionKey(graphId),
      JSON.stringify(nodes.filter((node) => node.selected).map((node) => node.id)),
    );
}

/**
 * Nodes just drawn and measured drop their estimated handles, so React Flow keeps the ones it
 * measured (a long title that wraps moves them), and teach the estimate for the kind's others.
 */
function measuredAsDrawn(changes: readonly NodeChange[], nodes: Node[]): Node[] {
  const measured = new Set(
    changes.flatMap((change) => (change.type === 'dimensions' && change.dimensions ? [change.id] : [])),
  );
  if (measured.size === 0) return nodes;
  const { doc } = useGraphStore.getState();
  return nodes.map((node) => {
    if (!measured.has(node.id)) return node;
    const kind = nodeById(doc, node.id)?.kind;
    if (kind && node.measured?.height) noteMeasured(kind, node.measured.height);
    return node.handles ? { ...node, handles: undefined } : node;
  });
}

const FIT = { maxZoom: 1 } as const;
/** An opened component's inside, fitted below the breadcrumb bar that sits over the canvas's top. */
const FIT_INSIDE = { maxZoom: 1, padding: { top: '120px', x: '40px', bottom: '40px' } } as const;

/** Node views read their data from the store, not from React Flow's `data`. */
const NO_DATA = {};

export function Canvas() {
  // The graph, or with a component opened, its inside (see shownDoc).
  const docNodes = useGraphStore((state) => shownDoc(state)?.nodes);
  const docEdges = useGraphStore((state) => shownDoc(state)?.edges);
  const inside = useGraphStore((state) => (shownDoc(state) === state.doc ? null : state.inside));
  const viewing = useGraphStore((state) => state.viewing !== null);
  const graphId = useGraphStore((state) => state.doc?.id && (inside ? `${state.doc.id}/${inside}` : state.doc.id));
  const docGroups = useGraphStore((state) => shownDoc(state)?.groups);
  const components = useGraphStore((state) => state.doc?.components);
  // Another graph opens at its own canvas, never inside a component of the last one.
  const docId = useGraphStore((state) => state.doc?.id);
  useEffect(() => closeComponent(), [docId]);
  const [nodes, setNodes] = useState<Node[]>([]);
  const [syncedNodes, setSyncedNodes] = useState<typeof docNodes>();
  const [syncedGraph, setSyncedGraph] = useState<string>();
  // Nodes to select once they appear: just pasted or duplicated, or the selection this graph had when it was last open.
  const [toSelect, setToSelect] = useState<ReadonlySet<string>>(new Set());

  // Keep React Flow's own node state (selection, measured size, drag position) in step with the
  // document, adjusting during render rather than in an effect (no extra render pass).
  if (docNodes !== syncedNodes) {
    const opened = graphId !== syncedGraph;
    const selection = opened && graphId ? loadSelection(graphId) : toSelect;
    setSyncedNodes(docNodes);
    setSyncedGraph(graphId);
    if (opened) setToSelect(selection);
    setNodes((previous) => {
      const before = new Map((opened ? [] : previous).map((node) => [node.id, node]));
      return (docNodes ?? []).map((node) => {
        const previous = before.get(node.id);
        const selected = selection.size > 0 ? selection.has(node.id) : previous?.selected;
        // Unchanged nodes keep their object, so React Flow (and the memoized frame) skip them.
        if (previous && previous.position === node.position && previous.selected === selected) return previous;
        // Until drawn, a node's size and handles are estimated, so one out of view is never drawn to be measured.
        const drawn = previous?.measured && !previous.handles;
        const geometry = drawn ? {} : estimatedGeometry(node, components);
        return {
          ...previous,
          id: node.id,
          type: 'reelgraph',
          position: node.position,
          data: NO_DATA,
          selected,
          ...geometry,
        };
      });
    });
  }

  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const maps = useGraphStore(mapLabels);
  const edges = useMemo<Edge[]>(
    () =>
      (docEdges ?? []).map((edge) => {
        // A list into a single input: the node below runs once per element, said on the wire.
        const label = maps.get(edge.id);
        return {
          id: edge.id,
          source: edge.from.node,
          sourceHandle: edge.from.port,
          target: edge.to.node,
          targetHandle: edge.to.port,
          selected: selectedEdges.has(edge.id),
          ...(label ? { label, className: 'maps', ariaLabel: `runs once per element: ${label}` } : {}),
        };
      }),
    [docEdges, selectedEdges, maps],
  );
  // Edges keep only their selection here; removing them goes through onDelete.
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selects = changes.filter((change) => change.type === 'select');
    if (selects.length === 0) return;
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const change of selects) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);

  const { fitView, getNodes, screenToFlowPosition } = useReactFlow();
  const selectedIds = useCallback(
    () =>
      new Set(
        getNodes()
          .filter((node) => node.selected && !isFrame(node.id))
          .map((node) => node.id),
      ),
    [getNodes],
  );
  useClipboard(selectedIds, setToSelect);
  const makeComponentOfSelection = useCallback(() => {
    const members = selectedIds();
    if (members.size === 0) return;
    if (useGraphStore.getState().inside !== null)
      return notify('info', 'Components are made on the graph’s own canvas: go back to the graph first.');
    const edit = makeComponentOf(members);
    updateDoc(edit);
    setToSelect(new Set([edit.instance]));
  }, [selectedIds]);

  const selectMembers = useCallback((ids: readonly string[]) => {
    setNodes((current) => {
      const next = current.map((node) =>
        node.selected === ids.includes(node.id) ? node : { ...node, selected: ids.includes(node.id) },
      );
      saveSelection(useGraphStore.getState().doc?.id, next);
      return next;
    });
  }, []);
  const shown = useMemo(
    () => [...frameNodes(docGroups ?? [], nodes, selectMembers), ...nodes],
    [docGroups, nodes, selectMembers],
  );

  const onNodesChange = useCallback((all: NodeChange[]) => {
    const changes = all.filter((change) => !('id' in change) || !isFrame(change.id));
    setNodes((current) => {
      const next = measuredAsDrawn(changes, applyNodeChanges(changes, current));
      if (changes.some((change) => change.type === 'select')) saveSelection(useGraphStore.getState().doc?.id, next);
      return next;
    });
    if (changes.some((change) => change.type === 'select')) setToSelect(new Set());
    // One drag is one edit: positions are written when the drag ends.
    const moves = new Map<string, { x: number; y: number }>();
    for (const change of changes)
      if (change.type === 'position' && change.dragging === false && change.position)
        moves.set(change.id, change.position);
    if (moves.size > 0) updateDoc(moveNodes(moves));
  }, []);

  // Deleting is one edit (one undo step): the nodes and every connection that goes with them.
  const onDelete = useCallback(({ nodes: deleted, edges: cut }: { nodes: Node[]; edges: Edge[] }) => {
    const gone = deleted.filter((node) => !isFrame(node.id));
    if (gone.length > 0) updateDoc(removeNodes(new Set(gone.map((node) => node.id))));
    else if (cut.length > 0) updateDoc(removeEdges(new Set(cut.map((edge) => edge.id))));
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    if (connectionProblem(connection) || !connection.sourceHandle || !connection.targetHandle) return;
    updateDoc(
      connect({
        id: crypto.randomUUID(),
        from: { node: connection.source, port: connection.sourceHandle },
        to: { node: connection.target, port: connection.targetHandle },
      }),
    );
  }, []);

  // Tidy up: the layered layout templates use, with each node's room at least what it is drawn at now.
  const tidyUp = useCallback(() => {
    const doc = shownDoc(useGraphStore.getState());
    if (!doc || doc.nodes.length === 0) return;
    const drawn = new Map(getNodes().map((node) => [node.id, node.measured?.height ?? 0]));
    const sized = doc.nodes.map((node) => ({ id: node.id, height: Math.max(roomFor(node), drawn.get(node.id) ?? 0) }));
    updateDoc(moveNodes(layeredPositions(sized, wiresOf(doc)), 'Tidy up'));
    // Fitted once the moved nodes are drawn where they now are.
    requestAnimationFrame(() => requestAnimationFrame(() => void fitView(FIT)));
  }, [fitView, getNodes]);

  // The graph's viewport is where its own canvas was left; panning a component's inside does not move it.
  const onMoveEnd = useCallback(
    (_: unknown, viewport: Viewport) => inside === null && updateDoc(setViewport(viewport)),
    [inside],
  );
  const isValidConnection = useCallback(
    (connection: Connection | Edge) => connectionProblem(connection) === undefined,
    [],
  );
  const initialViewport = useGraphStore.getState().doc?.viewport;
  // A graph never panned opens at a readable zoom, where its flow starts (see first-view.ts).
  const unplaced =
    !initialViewport || (initialViewport.x === 0 && initialViewport.y === 0 && initialViewport.zoom === 1);
  const flowElement = useRef<HTMLDivElement>(null);
  const onInit = useCallback(
    (flow: ReactFlowInstance) => {
      const element = flowElement.current;
      if (inside !== null) return void flow.fitView(FIT_INSIDE);
      if (!unplaced || !element) return;
      const boxes = flow.getNodes().map((node) => ({
        ...node.position,
        width: node.measured?.width ?? 0,
        height: node.measured?.height ?? 0,
      }));
      void flow.setViewport(firstViewport(boxes, { width: element.clientWidth, height: element.clientHeight }));
    },
    [unplaced, inside],
  );
  const { onDragOver, onDrop } = useFileDrop();
  const [quickAdd, setQuickAdd] = useState<QuickAddRequest>();
  const openQuickAdd = useCallback(
    (x: number, y: number, from?: QuickAddRequest['from']) =>
      setQuickAdd({ screen: { x, y }, flow: screenToFlowPosition({ x, y }), from }),
    [screenToFlowPosition],
  );
  // A wire let go over empty space offers the kinds that could take it.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (
        state.isValid ||
        state.toNode ||
        !state.fromHandle ||
        state.fromHandle.type !== 'source' ||
        !state.fromHandle.id
      )
        return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const { doc } = useGraphStore.getState();
      const type = doc
        ? validateGraph(doc, nodeRegistry).outputTypes.get(`${state.fromHandle.nodeId}:${state.fromHandle.id}`)
        : undefined;
      openQuickAdd(point.clientX, point.clientY, { node: state.fromHandle.nodeId, port: state.fromHandle.id, type });
    },
    [openQuickAdd],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTextField(event.target)) return;
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'g') {
        event.preventDefault();
        makeComponentOfSelection();
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'g') {
        event.preventDefault();
        const members = [...selectedIds()];
        if (members.length > 0) updateDoc(groupNodes(crypto.randomUUID(), members, 'Group'));
      } else if (event.key === '/') {
        event.preventDefault();
        openQuickAdd(window.innerWidth / 2 - 120, window.innerHeight / 3);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openQuickAdd, selectedIds, makeComponentOfSelection]);

  return (
    <>
      <ReactFlow
        key={graphId}
        nodes={shown}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onMoveEnd={onMoveEnd}
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        onDoubleClick={(event) =>
          (event.target as HTMLElement).classList.contains('react-flow__pane') &&
          openQuickAdd(event.clientX, event.clientY)
        }
        onNodeDoubleClick={(_, node) => openComponent(node.id)}
        zoomOnDoubleClick={false}
        // A version shown read-only is looked at, not moved or wired.
        nodesDraggable={!viewing}
        nodesConnectable={!viewing}
        onDragOver={onDragOver}
        onDrop={(event) => void onDrop(event)}
        ref={flowElement}
        defaultViewport={initialViewport}
        onInit={onInit}
        onlyRenderVisibleElements
        minZoom={0.1}
        selectionKeyCode="Shift"
        multiSelectionKeyCode="Shift"
        snapToGrid
        snapGrid={[16, 16]}
        colorMode="dark"
        deleteKeyCode={['Backspace', 'Delete']}
      >
        <ZoomedInBackground />
        <ZoomedInMiniMap />
        <Controls fitViewOptions={FIT}>
          <ControlButton
            onClick={tidyUp}
            title="Tidy up: lay the graph out left to right, with room for each node to grow"
            aria-label="Tidy up"
          >
            ⇶
          </ControlButton>
        </Controls>
        <PortLegend />
        {inside !== null && <InsideBar />}
        <ViewingBar />
        <ConnectionHint />
        {shown.length === 0 && (
          // An empty graph says what to do first, where the nodes will go.
          <Panel position="top-center" className="empty-canvas" style={{ top: '30%' }} aria-label="An empty graph">
            <strong>An empty graph</strong>
            Drop a photo or a sound file here, open a template, or press <kbd>/</kbd> (or double-click) to add a node.
            <br />
            <button type="button" onClick={() => openQuickAdd(window.innerWidth / 2 - 120, window.innerHeight / 3)}>
              Add a node
            </button>
          </Panel>
        )}
      </ReactFlow>
      {quickAdd && <QuickAdd request={quickAdd} onClose={() => setQuickAdd(undefined)} />}
    </>
  );
}
