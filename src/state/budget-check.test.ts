import { describe, expect, it } from 'vitest';
import type { SpendRow } from '../providers/cloud/spend-ledger';
import { budgetRefusal } from './budget-check';

const now = new Date(2026, 11, 2, 15, 0);
const row = (estimate: number, at: Date, patch: Partial<SpendRow> = {}): SpendRow => ({
  id: `${estimate}-${at.getTime()}-${patch.outcome ?? ''}`,
  at: at.getTime(),
  provider: 'kling',
  model: 'kling-v3-std',
  graphId: 'g1',
  params: {},
  estimate,
  outcome: 'made',
  ...patch,
});

describe('budgets', () => {
  const rows = [
    row(2, new Date(2026, 11, 2, 9, 0)),
    row(1.5, new Date(2026, 11, 2, 10, 0), { outcome: 'unknown' }),
    // Refused and failed requests are not billed; yesterday's count for the graph, not for today.
    row(9, new Date(2026, 11, 2, 11, 0), { outcome: 'refused' }),
    row(9, new Date(2026, 11, 2, 11, 0), { outcome: 'failed' }),
    row(4, new Date(2026, 11, 1, 23, 0)),
  ];

  it('lets a run through that stays within both caps, and any run when no cap is set', () => {
    expect(budgetRefusal(1.5, rows, { dailyCapUsd: 5, graphCapUsd: 9 }, 'g1', now)).toBeUndefined();
    expect(budgetRefusal(100, rows, {}, 'g1', now)).toBeUndefined();
  });

  it('refuses a run that would cross the daily cap, saying by how much', () => {
    expect(budgetRefusal(2, rows, { dailyCapUsd: 5 }, 'g1', now)).toBe(
      'Run not started: it would cost about $2.00, taking today’s spend to $5.50, over your daily cap of $5.00 by $0.50. Nothing was sent. Raise the cap in Settings → Cost, or run less.',
    );
  });

  it('refuses a run that would cross the per-graph cap, counting every day of that graph only', () => {
    expect(budgetRefusal(1, rows, { graphCapUsd: 8 }, 'g1', now)).toMatch(
      /taking this graph’s spend to \$8\.50, over your per-graph cap of \$8\.00 by \$0\.50/,
    );
    expect(budgetRefusal(1, rows, { graphCapUsd: 8 }, 'other', now)).toBeUndefined();
  });
});
