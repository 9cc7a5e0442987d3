import { formatUsd } from '../../nodes/models/format-usd';
import { dollarsOf, isSpend, type SpendRow, type SpendScope } from '../providers/cloud/spend-ledger';

export type { SpendScope } from '../providers/cloud/spend-ledger';

export interface Budgets {
  /** Dollars a day, counted from local midnight. */
  dailyCapUsd?: number;
  /** Dollars for one graph, all time. */
  graphCapUsd?: number;
  /** Caps that are stored but cannot be read: every paid run is refused until they are set again. */
  unreadable?: readonly ('dailyCapUsd' | 'graphCapUsd')[];
}

const inScope = (row: SpendRow, scope: SpendScope) =>
  row.graphId === scope.graphId ||
  (scope.carried ?? []).some((from) => row.graphId === from.graphId && row.at < from.before);

/** Whether any budget applies (so the spend history must be read to judge a paid run). */
export const hasBudgets = (budgets: Budgets) =>
  budgets.dailyCapUsd !== undefined || budgets.graphCapUsd !== undefined || (budgets.unreadable?.length ?? 0) > 0;

/**
 * Why a run must not start, or undefined: what it would spend on top of what was spent (or may
 * have been) today and on this graph, against the caps in Settings.
 */
export function budgetRefusal(
  estimate: number,
  rows: readonly SpendRow[],
  budgets: Budgets,
  graph: string | SpendScope,
  now = new Date(),
): string | undefined {
  const scope = typeof graph === 'string' ? { graphId: graph } : graph;
  if (estimate <= 0) return undefined;
  const [unreadable] = budgets.unreadable ?? [];
  if (unreadable)
    return `Run not started: your ${unreadable === 'dailyCapUsd' ? 'daily cap' : 'per-graph cap'} could not be read from this browser’s storage, so no paid run starts until you set it again in Settings → Cost (the CLI: --${unreadable === 'dailyCapUsd' ? 'daily-cap' : 'graph-cap'}). Nothing was sent.`;
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const spent = rows.filter(isSpend);
  const sum = (list: SpendRow[]) => list.reduce((total, row) => total + dollarsOf(row), 0);
  const checks = [
    {
      cap: budgets.dailyCapUsd,
      name: 'daily cap',
      what: 'today’s spend',
      rows: spent.filter((row) => row.at >= midnight.getTime()),
    },
    {
      cap: budgets.graphCapUsd,
      name: 'per-graph cap',
      what: 'this graph’s spend',
      rows: spent.filter((row) => inScope(row, scope)),
    },
  ];
  for (const { cap, name, what, rows: counted } of checks) {
    const after = sum(counted) + estimate;
    // A hair of slack, so a run that lands exactly on the cap is allowed despite float sums.
    if (cap === undefined || after <= cap + 1e-9) continue;
    return `Run not started: it would cost about ${formatUsd(estimate)}, taking ${what} to ${formatUsd(after)}, over your ${name} of ${formatUsd(cap)} by ${formatUsd(after - cap)}. Nothing was sent. Raise the cap in Settings → Cost, or run less.`;
  }
  return undefined;
}

/**
 * What a run taken up again has yet to spend: its estimate, less what it sent since it first started
 * that is still under way or may have been billed (counted in the spend history already; its tasks
 * are polled, never sent again).
 */
export function stillToSpend(
  estimate: number,
  rows: readonly SpendRow[],
  graphId: string,
  since: number | undefined,
): number {
  if (since === undefined) return estimate;
  const sent = rows
    .filter(
      (row) => row.graphId === graphId && row.at >= since && (row.outcome === 'pending' || row.outcome === 'unknown'),
    )
    .reduce((sum, row) => sum + dollarsOf(row), 0);
  return Math.max(0, estimate - sent);
}
