import { isArtifactRef } from '../../graph-engine';
import type { NodeViewProps } from '../view-types';
import { TRANSITIONS, timelineOrder, type AssembleParams, type ClipSettings } from './schema';

/** The timeline: clips in order (move them up or down), each with its trims and transition. */
export function AssembleView({ params, setParams, inputs, outputs, Media }: NodeViewProps<AssembleParams>) {
  const connected = Array.isArray(inputs.clips) ? inputs.clips : [];
  const order = timelineOrder(params.order, connected.length);
  const settings = params.clips ?? [];
  const update = (position: number, patch: Partial<ClipSettings>) => {
    const next = [...settings];
    while (next.length <= position) next.push({} as ClipSettings);
    next[position] = { ...next[position], ...patch };
    setParams({ clips: next });
  };
  const move = (from: number, to: number) => {
    const next = [...order];
    [next[from], next[to]] = [next[to], next[from]];
    setParams({ order: next });
  };
  return (
    <div className="node-body">
      <ol className="timeline">
        {order.map((position, index) => (
          <li key={position}>
            <span>Clip {position + 1}</span>
            <button type="button" className="nodrag" disabled={index === 0} aria-label={`Move clip ${position + 1} earlier`} onClick={() => move(index, index - 1)}>
              ↑
            </button>
            <button type="button" className="nodrag" disabled={index === order.length - 1} aria-label={`Move clip ${position + 1} later`} onClick={() => move(index, index + 1)}>
              ↓
            </button>
            {index > 0 && (
              <select className="nodrag" aria-label={`Transition into clip ${position + 1}`} value={settings[position]?.transition ?? 'cut'} onChange={(event) => update(position, { transition: event.target.value as ClipSettings['transition'] })}>
                {TRANSITIONS.map((transition) => (
                  <option key={transition}>{transition}</option>
                ))}
              </select>
            )}
          </li>
        ))}
      </ol>
      {connected.length === 0 && <p className="hint">Connect clips to build the timeline.</p>}
      {isArtifactRef(outputs?.video) && <Media artifact={outputs.video} alt="Assembled video" />}
    </div>
  );
}
