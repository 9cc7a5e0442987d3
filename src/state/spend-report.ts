import { dollarsOf, isSpend, type SpendRow } from '../providers/cloud/spend-ledger';

export interface SpendTotals {
  /** Local day (YYYY-MM-DD) → dollars. */
  byDay: [string, number][];
  byGraph: [string, number][];
  byProvider: [string, number][];
  total: number;
}

const localDay = (at: number) => {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

/** What was spent (or may have been), summed per day, per graph and per provider, largest first. */
export function spendTotals(rows: readonly SpendRow[]): SpendTotals {
  const sums = {
    byDay: new Map<string, number>(),
    byGraph: new Map<string, number>(),
    byProvider: new Map<string, number>(),
  };
  let total = 0;
  for (const row of rows.filter(isSpend)) {
    total += dollarsOf(row);
    const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + dollarsOf(row));
    add(sums.byDay, localDay(row.at));
    add(sums.byGraph, row.graphName ?? row.graphId ?? '(no graph)');
    add(sums.byProvider, row.provider);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    byDay: [...sums.byDay].sort((a, b) => b[0].localeCompare(a[0])),
    byGraph: sorted(sums.byGraph),
    byProvider: sorted(sums.byProvider),
    total,
  };
}

const COLUMNS = [
  'at',
  'provider',
  'model',
  'graph',
  'node',
  'params',
  'estimate_usd',
  'actual_usd',
  'outcome',
  'task_id',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The spend history as CSV, one paid request per line, oldest first. */
export function spendCsv(rows: readonly SpendRow[]): string {
  const lines = [...rows]
    .sort((a, b) => a.at - b.at)
    .map((row) =>
      [
        new Date(row.at).toISOString(),
        row.provider,
        row.model,
        row.graphName ?? row.graphId ?? '',
        row.nodeId ?? '',
        Object.entries(row.params)
          .map(([key, value]) => `${key}=${value}`)
          .join(' '),
        row.estimate.toFixed(4),
        row.actual === undefined ? '' : row.actual.toFixed(4),
        row.outcome,
        row.taskId ?? '',
      ]
        .map(String)
        .map(field)
        .join(','),
    );
  return [COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
