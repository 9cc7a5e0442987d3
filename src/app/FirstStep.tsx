import { useStore, type ReactFlowState } from '@xyflow/react';
import { useState } from 'react';
import { formatUsd } from '../../nodes/models/format-usd';
import { useGraphStore, type GraphState } from '../state/graph-store';

/** Nothing of the open graph is made yet, and nothing is under way: the person has not begun. */
const notBegun = (state: GraphState) =>
  state.doc !== null &&
  state.doc.nodes.length > 0 &&
  !state.running &&
  state.lastRun === null &&
  !state.queue.some((run) => run.graphId === state.doc!.id) &&
  !Object.values(state.runState).some((run) => run.status === 'done' || run.status === 'cached');

const anySelected = (state: ReactFlowState) => state.nodes.some((node) => node.selected);

/**
 * What to do first, pointed at the Run button while the open graph has made nothing: what a run
 * costs (only what can be sent) and what it makes. Gone after the first run, or when dismissed,
 * and out of the way while a node is selected (it stands over the inspector).
 */
export function FirstStep() {
  const show = useGraphStore(notBegun);
  const estimate = useGraphStore((state) => state.estimate?.total ?? 0);
  const [dismissed, setDismissed] = useState<string>();
  const graphId = useGraphStore((state) => state.doc?.id);
  const editing = useStore(anySelected);
  if (!show || editing || dismissed === graphId) return null;
  return (
    <div className="first-step" role="note" aria-label="First step">
      <strong>Start here: press Run</strong>
      <span>
        {estimate > 0
          ? `The cloud generations cost about ${formatUsd(estimate)}; what runs on this computer is free.`
          : 'Everything this graph makes runs on this computer, free, with no key.'}{' '}
        Where a Pick waits, choose the one you love and the run goes on.
      </span>
      <button type="button" className="link-button" onClick={() => setDismissed(graphId)}>
        Got it
      </button>
    </div>
  );
}
