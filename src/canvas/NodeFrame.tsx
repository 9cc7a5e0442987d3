import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { COMPONENT_KIND, definitionOf, isArtifactRef, type NodePorts } from '../../graph-engine';
import { memo, useCallback, useEffect, useMemo } from 'react';
import { inputUsed, inspectorShows, nodeRegistry, portsOfNode } from '../../nodes';
import { viewOf } from '../../nodes/views';
import { runCurrent, togglePin, updateDoc } from '../state/actions';
import { paramsEdit, setCollapsed } from '../state/edits';
import { useGraphStore, type GraphState } from '../state/graph-store';
import { useShallow } from 'zustand/react/shallow';
import { Media, useArtifactUrl } from '../ui/Media';
import { Waveform } from './Waveform';
import { TimelineFrame } from '../ui/TimelineFrame';
import { encodePlan } from '../media/encoder-limits';
import { useServices } from '../ui/services-context';
import { useSettingsStore } from '../state/settings-store';
import { exportCutForEditor } from '../state/handoff';
import {
  boardInside,
  inputsOf,
  isStale,
  nodeById,
  nodeName,
  outputsOf,
  runStateOf,
  shownDoc,
  stillBeside,
} from '../state/selectors';
import { ComponentBody } from './ComponentBody';
import { StatusBadge } from './StatusBadge';

const NO_PORTS: NodePorts = { inputs: {}, outputs: {} };
/** Below this zoom, nodes draw only their frame: text there is illegible and costs paint on every pan. */
export const ZOOMED_OUT_BELOW = 0.4;
const zoomedIn = (state: ReactFlowState) => state.transform[2] >= ZOOMED_OUT_BELOW;

/** The ports of a node that a validation issue or the last failure points at. */
function portsWithProblems(state: GraphState, id: string): string[] {
  const ports = state.issues.filter((issue) => issue.nodeId === id && issue.port).map((issue) => issue.port!);
  const run = state.runState[id];
  if (run?.status === 'failed' && run.port) ports.push(run.port);
  return ports;
}

/** How many times node frames have rendered: the canvas benchmark reads it to check edits stay local. */
export const renderCounter = { frames: 0 };
const countRender = () => void renderCounter.frames++;

/**
 * The frame every node kind shares: title, status, typed ports, and the kind's own view. Zoomed
 * far out, a node is only its title, status colour and ports, drawn by a frame that reads four
 * things from the store: panning mounts and unmounts hundreds of them.
 */
export const NodeFrame = memo(function NodeFrame(props: NodeProps) {
  return useStore(zoomedIn) ? <DetailedNode {...props} /> : <FarNode {...props} />;
});

function FarNode({ id, selected }: NodeProps) {
  useEffect(countRender);
  const node = useGraphStore((state) => nodeById(shownDoc(state), id));
  const status = useGraphStore((state) => runStateOf(state, id)?.status ?? 'idle');
  const stale = useGraphStore((state) => isStale(state, id));
  const portErrors = useGraphStore(useShallow((state) => portsWithProblems(state, id)));
  const components = useGraphStore((state) => state.doc?.components);
  const name = useGraphStore((state) => nodeName(state.doc, id));
  if (!node) return null;
  return (
    <div
      className={`node far${selected ? ' selected' : ''}${stale ? ' stale' : ''} status-${status}`}
      data-node-id={id}
      data-kind={node.kind}
    >
      <header className="node-header">
        <span className="node-title">{name}</span>
      </header>
      <PortRows ports={portsOfNode(node, components)} problems={portErrors} />
    </div>
  );
}

/** A node's typed ports: a handle each, marked where a problem points at it, labelled when legible. */
function PortRows({
  ports,
  problems,
  labelled = false,
  shows = () => true,
}: {
  ports: NodePorts;
  problems: string[];
  labelled?: boolean;
  /** Whether an input is shown (a photo has no use for a prompt, unless one is wired there). */
  shows?: (port: string) => boolean;
}) {
  return (
    <div className="ports">
      <div className="inputs">
        {Object.entries(ports.inputs)
          .filter(([port]) => shows(port))
          .map(([port, spec]) => (
            <div
              key={port}
              className={`port in${problems.includes(port) ? ' port-error' : ''}`}
              title={
                problems.includes(port) ? 'This input has a problem (see the node or the problems list)' : undefined
              }
            >
              <Handle type="target" position={Position.Left} id={port} className={`handle type-${spec.accepts[0]}`} />
              {labelled && <span>{spec.label ?? port}</span>}
            </div>
          ))}
      </div>
      <div className="outputs">
        {Object.entries(ports.outputs).map(([port, spec]) => (
          <div key={port} className="port out">
            {labelled && <span>{spec.label ?? port}</span>}
            <Handle
              type="source"
              position={Position.Right}
              id={port}
              className={`handle type-${typeof spec.type === 'string' ? spec.type : 'any'}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

function DetailedNode({ id, selected }: NodeProps) {
  useEffect(countRender);
  const node = useGraphStore((state) => nodeById(shownDoc(state), id));
  const def = node && nodeRegistry.get(node.kind);
  const runState = useGraphStore((state) => runStateOf(state, id));
  const outputs = useGraphStore((state) => outputsOf(state, id));
  const components = useGraphStore((state) => state.doc?.components);
  const name = useGraphStore((state) => nodeName(state.doc, id));
  const definition = node && definitionOf(node, components ?? []);
  const isInstance = node?.kind === COMPONENT_KIND;
  const board = useGraphStore((state) => (isInstance ? boardInside(state, id) : undefined));
  const portErrors = useGraphStore(useShallow((state) => portsWithProblems(state, id)));
  const stale = useGraphStore((state) => isStale(state, id));
  const resultKey = runState?.status === 'cached' || runState?.status === 'done' ? runState.key : undefined;
  const pinned = useGraphStore((state) => resultKey !== undefined && state.pinned.has(resultKey));
  const kind = node?.kind;
  const saved = node?.params;
  const ports = useMemo(
    () => (kind && saved ? portsOfNode({ kind, params: saved }, components) : NO_PORTS),
    [kind, saved, components],
  );
  const inputs = useGraphStore((state) => inputsOf(state, id, ports.inputs));
  const wired = useGraphStore(
    useShallow(
      (state) =>
        shownDoc(state)
          ?.edges.filter((edge) => edge.to.node === id)
          .map((edge) => edge.to.port) ?? [],
    ),
  );
  // A node that makes a camera move previews it over the still the move will be applied to.
  const makesMove = Object.values(ports.outputs).some((spec) => spec.type === 'camera');
  const beside = useGraphStore((state) => (makesMove ? stillBeside(state, id) : undefined));
  const stillBesideUrl = useArtifactUrl(beside);
  const models = useSettingsStore((state) => state.models);
  const { storeUserFile } = useServices();
  const media = def?.files?.media ?? 'image';
  const storeFile = useCallback((file: Blob) => storeUserFile(file, media), [storeUserFile, media]);
  const openCompare = useCallback(() => useGraphStore.setState({ compare: id }), [id]);
  const exportForEditor = useCallback(() => void exportCutForEditor(id), [id]);
  const onParams = useCallback(
    (patch: Record<string, unknown>) => updateDoc(paramsEdit(id, kind ?? '', patch)),
    [id, kind],
  );
  // Views see params with their defaults filled in; invalid ones as written, so nothing is hidden.
  const params = useMemo(() => {
    const parsed = def?.params.safeParse(node?.params);
    return parsed?.success ? parsed.data : node?.params;
  }, [def, node?.params]);
  if (!node) return null;
  const View = viewOf(node.kind);
  // Collapsed, a node shows the first thing it made (a still, a clip), or nothing yet.
  const firstResult = Object.values(outputs ?? {})
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .find(isArtifactRef);
  return (
    <div
      className={`node${selected ? ' selected' : ''}${stale ? ' stale' : ''} status-${runState?.status ?? 'idle'}`}
      data-node-id={id}
      data-kind={node.kind}
    >
      <header className="node-header">
        <button
          type="button"
          className="node-button fold nodrag"
          aria-expanded={!node.collapsed}
          aria-label={node.collapsed ? 'Expand node' : 'Collapse node'}
          title={node.collapsed ? 'Show all of this node' : 'Show only its title, status, ports and first result'}
          onClick={() => updateDoc(setCollapsed(id, !node.collapsed))}
        >
          {node.collapsed ? '▸' : '▾'}
        </button>
        <span className="node-title">{name}</span>
        {node.title && (def || isInstance) && (
          <span className="node-kind">{def?.title ?? definition?.name ?? 'Component'}</span>
        )}
        <span className="node-actions">
          {def &&
            typeof (params as { seed?: unknown } | undefined)?.seed === 'number' &&
            inspectorShows(node.kind, node.params, 'seed') && (
              <button
                type="button"
                className="node-button nodrag"
                title="Re-roll: a new seed, so new results (the old ones stay cached)"
                onClick={() => onParams({ seed: Math.floor(Math.random() * 2 ** 31) })}
              >
                re-roll
              </button>
            )}
          {(def || definition) && (
            <button
              type="button"
              className="node-button nodrag"
              aria-label={`Run ${name} and what it needs`}
              title="Run this node and what it needs"
              onClick={() => void runCurrent([id])}
            >
              ▶
            </button>
          )}
          {resultKey && (
            <button
              type="button"
              className="node-button pin nodrag"
              aria-pressed={pinned}
              title={
                pinned
                  ? 'Pinned: this result is never evicted. Click to unpin.'
                  : 'Pin this result so it is never evicted'
              }
              onClick={() => void togglePin(resultKey)}
            >
              {pinned ? 'pinned' : 'pin'}
            </button>
          )}
          <StatusBadge state={runState} stale={stale} />
        </span>
      </header>
      <PortRows
        ports={ports}
        problems={portErrors}
        labelled
        shows={(port) => wired.includes(port) || inputUsed(node.kind, node.params, port)}
      />
      {runState?.status === 'failed' && (
        <p className="node-error" role="alert">
          {runState.message}
        </p>
      )}
      {node.collapsed ? (
        firstResult && (
          <div className="node-thumbnail">
            <Media artifact={firstResult} alt={`What ${name} made`} />
          </div>
        )
      ) : isInstance ? (
        <ComponentBody instanceId={id} definition={definition} firstResult={firstResult} name={name} board={board} />
      ) : def && View ? (
        // A lookup of the kind's view, defined once at module scope (nodes/views.ts): not made here.
        // eslint-disable-next-line react-hooks/static-components
        <View
          nodeId={id}
          params={params as never}
          setParams={onParams}
          inputs={inputs}
          stillBeside={stillBesideUrl}
          outputs={outputs}
          Media={Media}
          Waveform={Waveform}
          TimelineFrame={TimelineFrame}
          planEncode={encodePlan}
          storeFile={storeFile}
          models={models}
          openCompare={openCompare}
          exportForEditor={exportForEditor}
        />
      ) : (
        <p className="hint">Unknown node kind “{node.kind}”: kept with its settings, but this app cannot run it.</p>
      )}
    </div>
  );
}
