import { useCallback, useEffect, useState } from 'react';
import { useGraphStore } from '../state/graph-store';
import { refreshFromCache } from '../state/runs';
import { useServices } from '../ui/services-context';
import { formatBytes } from '../../graph-engine';
import type { EvictionReport } from '../storage/eviction';
import { HISTORY_SNAPSHOT_BYTES } from '../storage/run-history';

const WEEK_MS = 7 * 24 * 3600_000;

/**
 * How much of this browser's storage Reelgraph uses, and the one control that frees it: clearing
 * cached results. Saved graphs, their photos and sounds, pinned results, clips a provider was paid
 * for, and what a run in progress (in any tab) uses are kept.
 */
export function StorageSection() {
  const services = useServices();
  const running = useGraphStore((state) => state.running);
  const [estimate, setEstimate] = useState<{ usage?: number; quota?: number }>();
  const [clearable, setClearable] = useState<EvictionReport>();
  const [cleared, setCleared] = useState<string>();
  const [history, setHistory] = useState<{ runs: number; bytes: number }>();
  const refresh = useCallback(() => {
    void services.storageEstimate().then(setEstimate);
    void services.clearableNow().then(setClearable);
    void services.history.usage().then(setHistory);
  }, [services]);
  const clearOldHistory = async () => {
    const forgotten = await services.history.clearBefore(Date.now() - WEEK_MS);
    setCleared(
      forgotten > 0
        ? `Forgot ${forgotten} run${forgotten === 1 ? '' : 's'} older than a week, and the graphs only they ran.`
        : 'No run in the history is older than a week.',
    );
    refresh();
  };
  // Said again as runs end (here or in another tab): what a clear would take changes with them.
  const lastRun = useGraphStore((state) => state.lastRun);
  const queued = useGraphStore((state) => state.queue.length);
  useEffect(refresh, [refresh, lastRun, queued]);

  const clear = async () => {
    const report = await services.clearCachedResults();
    const spared =
      report.spared === 1
        ? '1 cached result was kept: a run in progress (here or in another tab) may be using it.'
        : `${report.spared} cached results were kept: a run in progress (here or in another tab) may be using them.`;
    setCleared(
      report.results + report.artifacts > 0
        ? `Cleared ${report.results} cached result${report.results === 1 ? '' : 's'} and ${report.artifacts} file${report.artifacts === 1 ? '' : 's'} (${formatBytes(report.bytes)}).${report.spared > 0 ? ` ${spared}` : ''}`
        : report.spared > 0
          ? `Nothing was cleared. ${spared}`
          : 'Nothing to clear: every stored file is kept by a saved graph, a pin or a paid clip.',
    );
    await refreshFromCache();
    refresh();
  };

  const { usage, quota } = estimate ?? {};
  return (
    <fieldset aria-label="Storage">
      <legend>Storage</legend>
      {usage !== undefined && quota ? (
        <label className="row">
          <span>
            {formatBytes(usage)} of {formatBytes(quota)} used
          </span>
          <meter aria-label="Storage used" min={0} max={quota} value={usage} high={quota * 0.8} />
        </label>
      ) : (
        <p className="hint">This browser does not say how much storage is used.</p>
      )}
      {clearable && (
        <p className="hint" aria-label="What clearing would remove">
          {clearable.results + clearable.artifacts === 0
            ? 'Clearing would remove nothing now.'
            : `Clearing would remove ${clearable.results} cached result${clearable.results === 1 ? '' : 's'} and ${clearable.artifacts} file${clearable.artifacts === 1 ? '' : 's'} (${formatBytes(clearable.bytes)}); when storage passes 80% of what the browser allows, the least recently used of them go first, on their own.`}
        </p>
      )}
      <p className="hint">
        Clearing cached results means unchanged nodes run again next time (cloud ones are paid again). Saved graphs,
        their photos and sounds, pinned results and clips you paid for are kept.
      </p>
      <div className="row">
        <button type="button" disabled={running} onClick={() => void clear()}>
          Clear cached results
        </button>
        {running && <small className="hint">Waits for the run to end.</small>}
      </div>
      {history && (
        <>
          <p className="hint" aria-label="Run history in storage">
            {`Run history: ${history.runs} run${history.runs === 1 ? '' : 's'} with the graphs they ran, ${formatBytes(history.bytes)} of at most ${formatBytes(HISTORY_SNAPSHOT_BYTES)} (past that, the oldest runs go first).`}
          </p>
          <div className="row">
            <button type="button" onClick={() => void clearOldHistory()} title="Forget the runs older than a week">
              Clear old history
            </button>
            <small className="hint">Runs older than a week, and the graphs only they ran.</small>
          </div>
        </>
      )}
      {cleared && (
        <p className="hint" role="status">
          {cleared}
        </p>
      )}
    </fieldset>
  );
}
