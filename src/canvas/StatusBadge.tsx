import type { NodeRunState } from '../../graph-engine';

const LABELS: Record<NodeRunState['status'], string> = {
  idle: 'idle',
  queued: 'queued',
  running: 'running',
  cached: 'cached',
  done: 'done',
  failed: 'failed',
  blocked: 'blocked',
  waiting: 'waiting for your pick',
  cancelled: 'cancelled',
  invalid: 'needs attention',
};

/** The node's run status, with the message when there is one. */
export function StatusBadge({ state, stale }: { state: NodeRunState | undefined; stale?: boolean }) {
  if (stale && (!state || state.status === 'idle')) {
    return (
      <span
        className="badge badge-stale"
        data-status="stale"
        title="Its inputs or settings changed since this was made: it will run again"
      >
        stale
      </span>
    );
  }
  const status = state?.status ?? 'idle';
  const detail =
    state?.status === 'failed'
      ? state.message
      : state?.status === 'invalid'
        ? state.issues.map((issue) => issue.message).join('\n')
        : state?.status === 'waiting'
          ? state.message
          : state?.status === 'blocked'
            ? `waiting on “${state.by}”`
            : undefined;
  return (
    <span className={`badge badge-${status}`} title={detail} data-status={status}>
      {LABELS[status]}
      {state?.takes && state.takes.total > 1 && (
        <span className="badge-takes" data-takes={`${state.takes.made}/${state.takes.total}`}>
          {' '}
          {state.takes.made} of {state.takes.total} takes
          {state.takes.failed > 0 ? `, ${state.takes.failed} failed` : ''}
        </span>
      )}
      {state?.status === 'running' && <progress max={1} value={state.progress} />}
      {detail && status !== 'waiting' && <span className="badge-detail">{detail}</span>}
    </span>
  );
}
