import { formatUsd } from '../../nodes/models/format-usd';
import { compareItems } from '../compare/compare-items';
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import type { NodeRunState } from '../../graph-engine';
import { useGraphStore } from '../state/graph-store';
import { nodeName, outerNodeOf } from '../state/selectors';

const formatCost = (usd: number) => (usd === 0 ? '$0 (local)' : formatUsd(usd));

function describe(state: NodeRunState): { status: string; time: string; cost: string } {
  switch (state.status) {
    case 'done':
      return { status: 'ran', time: `${(state.durationMs / 1000).toFixed(2)} s`, cost: formatCost(state.cost) };
    case 'cached':
      return { status: 'from cache', time: '—', cost: '$0' };
    case 'running':
      return { status: `running ${Math.round(state.progress * 100)}%`, time: '…', cost: '' };
    case 'failed':
      return { status: `failed: ${state.message}`, time: '', cost: '' };
    case 'waiting':
      return { status: state.message, time: '', cost: '' };
    case 'blocked':
      return { status: `blocked by “${state.by}”`, time: '', cost: '' };
    case 'invalid':
      return { status: state.issues.map((issue) => issue.message).join('; '), time: '', cost: '' };
    default:
      return { status: state.status, time: '', cost: '' };
  }
}

/** Notices, the last run per node (status, time, cache, cost, total) and the problems list; a click finds the node. */
export function StatusBar() {
  const lastRun = useGraphStore((state) => state.lastRun);
  const notice = useGraphStore((state) => state.notice);
  const issues = useGraphStore((state) => state.issues);
  const runState = useGraphStore((state) => state.runState);
  const running = useGraphStore((state) => state.running);
  const outputs = useGraphStore((state) => state.outputs);
  const takes = useGraphStore((state) => state.takes);
  const waitingFor = useGraphStore((state) => state.waitingFor);
  const asking = useGraphStore((state) => state.spendRequest !== null);
  const doc = useGraphStore((state) => state.doc);
  const [open, setOpen] = useState(false);
  const { fitView, setNodes } = useReactFlow();
  const focus = (nodeId: string) => {
    setNodes((nodes) => nodes.map((node) => ({ ...node, selected: node.id === nodeId })));
    void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
  };
  const rows = Object.entries(runState);
  // Problems: what validation found, and what failed in the last run.
  const problems = [
    ...issues.map((issue) => ({ nodeId: issue.nodeId, port: issue.port, message: issue.message })),
    ...rows.flatMap(([nodeId, state]) =>
      state.status === 'failed' ? [{ nodeId, port: state.port, message: state.message }] : [],
    ),
  ];
  return (
    <footer className="statusbar">
      {notice && (
        // A div, not a p: the details are a list, which a paragraph cannot hold.
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.message}
          {notice.progress && (
            <progress aria-label="Progress" value={notice.progress.value} max={notice.progress.max} />
          )}
          {notice.details && (
            <ul className="notice-details">
              {notice.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
          {notice.action && (
            <button
              type="button"
              className="link"
              onClick={() => {
                useGraphStore.setState({ notice: null });
                notice.action!.run();
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button type="button" className="link" onClick={() => useGraphStore.setState({ notice: null })}>
            Dismiss
          </button>
        </div>
      )}
      {(lastRun || running) && (
        <p className="run-summary" data-status={running ? 'running' : lastRun?.status}>
          {running
            ? asking
              ? 'Waiting for you to accept the cost: nothing has been sent.'
              : 'Running…'
            : lastRun &&
              `Last run: ${lastRun.status} · ${lastRun.executed} executed · ${lastRun.reused} from cache · ${(lastRun.durationMs / 1000).toFixed(2)} s · ${formatCost(lastRun.cost)}${lastRun.takes ? ` · ${lastRun.takes.executed} take${lastRun.takes.executed === 1 ? '' : 's'} run, ${lastRun.takes.reused} already made` : ''}`}{' '}
          <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? 'Hide nodes' : 'Show nodes'}
          </button>
        </p>
      )}
      {waitingFor && !running && (
        <p className="run-waiting" role="status">
          Waiting for your pick at{' '}
          {waitingFor.map((nodeId, at) => (
            <span key={nodeId}>
              {at > 0 && ', '}
              <button type="button" className="link" onClick={() => focus(nodeId)}>
                “{nodeName(doc, nodeId)}”
              </button>
            </span>
          ))}
          : choose there and the run continues from the cache.
        </p>
      )}
      {open && rows.length > 0 && (
        <table className="run-table">
          <thead>
            <tr>
              <th>Node</th>
              <th>Status</th>
              <th>Time</th>
              <th>Cost</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(([nodeId, state]) => {
              const row = describe(state);
              return (
                <tr key={nodeId} onClick={() => focus(nodeId)}>
                  <td>{nodeId}</td>
                  <td>{row.status}</td>
                  <td>{row.time}</td>
                  <td>{row.cost}</td>
                  <td>
                    {((compareItems(outputs[nodeId])?.items.length ?? 0) > 1 || (takes[nodeId]?.length ?? 0) > 1) && (
                      <button
                        type="button"
                        className="link"
                        onClick={(event) => {
                          event.stopPropagation();
                          useGraphStore.setState({ compare: nodeId });
                        }}
                      >
                        Take board
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {problems.map((issue, at) => (
            <li key={at}>
              <button type="button" className="link" onClick={() => focus(outerNodeOf(doc, issue.nodeId))}>
                {/* A node inside a component by its path of names; on the canvas, its component. */}
                <strong>
                  {outerNodeOf(doc, issue.nodeId) === issue.nodeId ? issue.nodeId : nodeName(doc, issue.nodeId)}
                </strong>
                {issue.port ? ` · ${issue.port}` : ''}
              </button>
              : {issue.message}
            </li>
          ))}
        </ul>
      )}
    </footer>
  );
}
