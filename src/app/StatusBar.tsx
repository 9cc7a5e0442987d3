import { useGraphStore } from '../state/graph-store';

const formatCost = (usd: number) => (usd === 0 ? '$0 (local)' : `$${usd.toFixed(2)}`);

/** The last run's summary, notices (storage full, failures) and the problems list. */
export function StatusBar() {
  const lastRun = useGraphStore((state) => state.lastRun);
  const notice = useGraphStore((state) => state.notice);
  const issues = useGraphStore((state) => state.issues);
  return (
    <footer className="statusbar">
      {notice && (
        <p className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.message}
        </p>
      )}
      {lastRun && (
        <p className="run-summary" data-status={lastRun.status}>
          Last run: {lastRun.status} · {lastRun.executed} executed · {lastRun.reused} from cache · {(lastRun.durationMs / 1000).toFixed(2)} s · {formatCost(lastRun.cost)}
        </p>
      )}
      {issues.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {issues.map((issue, at) => (
            <li key={at}>
              <strong>{issue.nodeId}</strong>
              {issue.port ? ` · ${issue.port}` : ''}: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </footer>
  );
}
