import { useEffect, useMemo, useState } from 'react';
import type { ArtifactRef } from '../../graph-engine';
import { formatUsd } from '../../nodes/models/format-usd';
import { notify, openAsRan, pinResults } from '../state/actions';
import { useGraphStore } from '../state/graph-store';
import { filterChoices, filterRuns, type RunFilter } from '../state/run-filter';
import type { NodeRunEntry, RunRecord } from '../storage/run-history';
import { Media } from '../ui/Media';
import { useServices } from '../ui/services-context';
import { Sheet } from '../ui/Sheet';

const STATUS: Record<string, string> = {
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  waiting: 'waiting at a Pick',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** Every run in this browser, newest first, filtered; each opens to its nodes, its outputs and its graph as it ran. */
export function HistoryPanel({ onClose }: { onClose(): void }) {
  const { history } = useServices();
  // A run that ends while the panel is open shows up in it, once its record is written.
  const recorded = useGraphStore((state) => state.historyChanged);
  const [runs, setRuns] = useState<RunRecord[] | undefined>();
  const [filter, setFilter] = useState<RunFilter>({});
  const [open, setOpen] = useState<number | undefined>();
  useEffect(() => void history.list().then(setRuns), [history, recorded]);
  const choices = useMemo(() => filterChoices(runs ?? []), [runs]);
  const shown = useMemo(() => filterRuns(runs ?? [], filter), [runs, filter]);
  const choose = (field: keyof RunFilter) => (value: string) =>
    setFilter((was) => ({ ...was, [field]: field === 'minCost' ? (value ? Number(value) : undefined) : value }));
  return (
    <Sheet label="History" className="history" onClose={onClose}>
      <h2>History</h2>
      <p className="hint">
        Every run in this browser, newest first: what ran and what came from the cache, each node’s time, cost and
        outcome. “Open as it ran” opens the graph exactly as that run had it (a copy, if it has changed since).
      </p>
      <div className="history-filters">
        <Choice label="Graph" value={filter.graphId} onChange={choose('graphId')} options={choices.graphs} />
        <Choice
          label="Status"
          value={filter.status}
          onChange={choose('status')}
          options={choices.statuses.map((status) => [status, STATUS[status] ?? status])}
        />
        <Choice
          label="Model"
          value={filter.model}
          onChange={choose('model')}
          options={choices.models.map((model) => [model, model])}
        />
        <label>
          Cost at least ($)
          <input
            type="number"
            min={0}
            step={0.01}
            value={filter.minCost ?? ''}
            onChange={(event) => choose('minCost')(event.target.value)}
          />
        </label>
      </div>
      <p>
        {runs === undefined
          ? 'Reading the history…'
          : `${shown.length} of ${runs.length} run${runs.length === 1 ? '' : 's'} · ${formatUsd(
              shown.reduce((sum, run) => sum + run.cost, 0),
            )} shown`}
      </p>
      <div className="history-rows">
        <table aria-label="Runs">
          <thead>
            <tr>
              <th>When</th>
              <th>Graph</th>
              <th>Status</th>
              <th>Ran</th>
              <th>From cache</th>
              <th>Cost</th>
              <th>Took</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((run) => (
              <RunRow
                key={run.id}
                run={run}
                open={open === run.id}
                onToggle={() => setOpen(open === run.id ? undefined : run.id)}
                onOpenGraph={() => {
                  onClose();
                  void openAsRan(run);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="sheet-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Sheet>
  );
}

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
  onChange(value: string): void;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {options.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

function RunRow({
  run,
  open,
  onToggle,
  onOpenGraph,
}: {
  run: RunRecord;
  open: boolean;
  onToggle(): void;
  onOpenGraph(): void;
}) {
  const when = new Date(run.startedAt).toLocaleString();
  const keys = (run.nodes ?? []).flatMap((entry) => entry.key ?? []);
  return (
    <>
      <tr className={`history-run status-${run.status}`}>
        <td>{when}</td>
        <td className="history-graph" title={run.graphName ?? ''}>
          {run.graphName ?? ''}
        </td>
        <td>{STATUS[run.status] ?? run.status}</td>
        <td>{run.executed}</td>
        <td>{run.reused}</td>
        <td>{formatUsd(run.cost)}</td>
        <td>{seconds(run.durationMs)}</td>
        <td className="history-actions">
          {run.nodes && (
            <button type="button" aria-expanded={open} onClick={onToggle}>
              {open ? 'Hide' : 'Details'}
            </button>
          )}
          {run.snapshot && (
            <button type="button" onClick={onOpenGraph}>
              Open as it ran
            </button>
          )}
          {keys.length > 0 && (
            <button
              type="button"
              title="Pin every result this run made or used: eviction never takes them"
              onClick={() =>
                void pinResults(keys, true).then(() => notify('info', `Kept ${keys.length} results of this run.`))
              }
            >
              Keep all
            </button>
          )}
        </td>
      </tr>
      {open && run.nodes && (
        <tr className="history-details">
          <td colSpan={8}>
            <RunOutputs run={run} />
            <table aria-label={`Nodes of the run at ${when}`}>
              <thead>
                <tr>
                  <th>Node</th>
                  <th>Outcome</th>
                  <th>Took</th>
                  <th>Cost</th>
                  <th>Models</th>
                  <th>Note</th>
                </tr>
              </thead>
              <tbody>
                {run.nodes.map((entry) => (
                  <NodeRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </td>
        </tr>
      )}
    </>
  );
}

function NodeRow({ entry }: { entry: NodeRunEntry }) {
  const { registry } = useServices();
  const kind = registry.get(entry.kind)?.title ?? entry.kind;
  const takes = entry.takes ? ` · ${entry.takes.made} of ${entry.takes.total} takes made` : '';
  return (
    <tr className={`outcome-${entry.outcome.replace(' ', '-')}`}>
      <td>{entry.title ? `${entry.title} (${kind})` : `${kind} · ${entry.id}`}</td>
      <td>{entry.outcome}</td>
      <td>{entry.durationMs === undefined ? '' : seconds(entry.durationMs)}</td>
      <td>{entry.cost === undefined ? '' : formatUsd(entry.cost)}</td>
      <td>{entry.models?.join(', ') ?? ''}</td>
      <td>
        {entry.message ?? ''}
        {takes}
      </td>
    </tr>
  );
}

/** What the run made, while the cache still holds it. */
function RunOutputs({ run }: { run: RunRecord }) {
  const { history } = useServices();
  const [media, setMedia] = useState<ArtifactRef[] | undefined>();
  useEffect(() => {
    let cancelled = false;
    void history.madeBy(run).then((found) => !cancelled && setMedia(found.slice(0, 12)));
    return () => void (cancelled = true);
  }, [history, run]);
  if (media === undefined) return null;
  if (media.length === 0)
    return <p className="hint">What this run made is no longer in the cache (or it made no media).</p>;
  return (
    <div className="history-media" aria-label="What the run made">
      {media.map((ref) => (
        <Media key={ref.$artifact} artifact={ref} alt={`${ref.mime} ${ref.$artifact.slice(0, 8)}`} />
      ))}
    </div>
  );
}
