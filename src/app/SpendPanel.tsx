import { useEffect, useMemo, useState } from 'react';
import { formatUsd } from '../../nodes/models/format-usd';
import type { SpendRow } from '../providers/cloud/spend-ledger';
import { providerNamed } from '../providers/cloud/providers';
import { useGraphStore } from '../state/graph-store';
import { spendCsv, spendTotals } from '../state/spend-report';
import { saveFile } from '../storage/save-file';
import { useServices } from '../ui/services-context';
import { Sheet } from '../ui/Sheet';

const OUTCOMES: Record<SpendRow['outcome'], string> = {
  pending: 'running',
  made: 'made',
  refused: 'refused before billing',
  failed: 'failed (not billed)',
  cancelled: 'cancelled (not billed)',
  unknown: 'may have been billed',
};

/** Every paid request: totals per day, graph and provider, each row linked to its node, and a CSV export. */
export function SpendPanel({ onClose }: { onClose(): void }) {
  const { spend } = useServices();
  const openGraph = useGraphStore((state) => state.doc?.id);
  const [rows, setRows] = useState<SpendRow[] | undefined>();
  useEffect(() => void spend.since(0).then(setRows), [spend]);
  const totals = useMemo(() => spendTotals(rows ?? []), [rows]);
  const showNode = (nodeId: string) => {
    onClose();
    useGraphStore.setState({ compare: nodeId });
  };
  return (
    <Sheet label="Spend" className="spend" onClose={onClose}>
      <h2>Spend</h2>
      <p className="hint">
        Every paid request: the catalog’s estimate for what was asked, and what the provider counted where it reports it
        (totals use that). Requests refused or failed before billing count for nothing; ones that may have been billed
        count.
      </p>
      <div className="spend-totals">
        {(
          [
            ['Per day', totals.byDay],
            ['Per graph', totals.byGraph],
            [
              'Per provider',
              totals.byProvider.map(([name, usd]) => [providerNamed(name as SpendRow['provider']).label, usd]),
            ],
          ] as [string, [string, number][]][]
        ).map(([title, list]) => (
          <table key={title} aria-label={`Spend ${title.toLowerCase()}`}>
            <thead>
              <tr>
                <th colSpan={2}>{title}</th>
              </tr>
            </thead>
            <tbody>
              {list.map(([name, usd]) => (
                <tr key={name}>
                  <td>{name}</td>
                  <td>{formatUsd(usd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p>
        Total <strong>{formatUsd(totals.total)}</strong> over {rows?.length ?? 0} request
        {rows?.length === 1 ? '' : 's'}.
      </p>
      <div className="spend-rows">
        <table aria-label="Paid requests">
          <thead>
            <tr>
              <th>When</th>
              <th>Provider</th>
              <th>Model</th>
              <th>Graph</th>
              <th>Estimate</th>
              <th>Charged</th>
              <th>Outcome</th>
              <th>Task</th>
            </tr>
          </thead>
          <tbody>
            {rows?.map((row) => (
              <tr key={row.id} className={`outcome-${row.outcome}`}>
                <td>{new Date(row.at).toLocaleString()}</td>
                <td>{providerNamed(row.provider).label}</td>
                <td>{row.model}</td>
                <td>
                  {row.graphName ?? ''}
                  {row.nodeId && row.graphId === openGraph && (
                    <button type="button" className="link" onClick={() => showNode(row.nodeId!)}>
                      {row.nodeId}
                    </button>
                  )}
                </td>
                <td>{formatUsd(row.estimate)}</td>
                <td title="By the provider's own count, where it reports one">
                  {row.actual === undefined
                    ? '—'
                    : `${formatUsd(row.actual)} (${row.actual >= row.estimate ? '+' : '−'}${formatUsd(Math.abs(row.actual - row.estimate))})`}
                </td>
                <td>{OUTCOMES[row.outcome]}</td>
                <td>{row.taskId ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="sheet-actions">
        <button
          type="button"
          disabled={!rows?.length}
          onClick={() => saveFile(new Blob([spendCsv(rows ?? [])], { type: 'text/csv' }), 'reelgraph-spend.csv')}
        >
          Export CSV
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Sheet>
  );
}
