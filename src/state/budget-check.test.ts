import { describe, expect, it } from 'vitest';
import type { SpendRow } from '../providers/cloud/spend-ledger';
import { budgetRefusal, hasBudgets, stillToSpend } from './budget-check';

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

describe('a run taken up again', () => {
  const started = new Date(2026, 11, 2, 14, 0);
  const rows = [
    // Sent by the run before it was interrupted: one task still under way, one may have been billed.
    row(0.42, new Date(2026, 11, 2, 14, 1), { outcome: 'pending' }),
    row(0.1, new Date(2026, 11, 2, 14, 2), { outcome: 'unknown' }),
    // Made (its result is cached, so the estimate has left it out), another graph's, and an older one still pending.
    row(1, new Date(2026, 11, 2, 14, 3)),
    row(5, new Date(2026, 11, 2, 14, 4), { outcome: 'pending', graphId: 'g2' }),
    row(3, new Date(2026, 11, 2, 13, 0), { outcome: 'pending' }),
  ];

  it('has yet to spend its estimate less what it sent since it first started and is still counted', () => {
    expect(stillToSpend(1.5, rows, 'g1', started.getTime())).toBeCloseTo(0.98);
    expect(stillToSpend(0.3, rows, 'g1', started.getTime())).toBe(0);
    // A run never started before owes its whole estimate.
    expect(stillToSpend(1.5, rows, 'g1', undefined)).toBe(1.5);
  });

  it('meets the caps for what it has yet to spend: refused over them, though resumed', () => {
    const left = stillToSpend(1.5, rows, 'g1', started.getTime());
    // This graph has spent, or may have, $4.52 (its sent tasks included once): $0.98 more is $5.50.
    expect(budgetRefusal(left, rows, { graphCapUsd: 5.5 }, 'g1', now)).toBeUndefined();
    expect(budgetRefusal(left, rows, { graphCapUsd: 5 }, 'g1', now)).toMatch(
      /over your per-graph cap of \$5\.00 by \$0\.50/,
    );
  });
});

describe('a cap that cannot be read', () => {
  it('refuses every paid run, saying which cap and how to set it again; free runs go on', () => {
    const budgets = { unreadable: ['graphCapUsd'] as const };
    expect(budgetRefusal(0.01, [], budgets, 'g1', now)).toMatch(
      /^Run not started: your per-graph cap could not be read .* set it again in Settings → Cost \(the CLI: --graph-cap\)\. Nothing was sent\.$/,
    );
    expect(budgetRefusal(0, [], budgets, 'g1', now)).toBeUndefined();
    expect(hasBudgets(budgets)).toBe(true);
    expect(hasBudgets({})).toBe(false);
  });
});

describe('a duplicated graph', () => {
  it('counts toward its per-graph cap what its original spent before the copy was made, and nothing after', () => {
    const copiedAt = new Date(2026, 11, 2, 12, 0).getTime();
    const rows = [
      row(4, new Date(2026, 11, 2, 11, 0), { graphId: 'original' }),
      // Spent on the original after the copy: the original's, not the copy's.
      row(9, new Date(2026, 11, 2, 13, 0), { graphId: 'original' }),
      row(0.5, new Date(2026, 11, 2, 14, 0), { graphId: 'copy' }),
    ];
    const scope = { graphId: 'copy', carried: [{ graphId: 'original', before: copiedAt }] };
    expect(budgetRefusal(0.5, rows, { graphCapUsd: 5 }, scope, now)).toBeUndefined();
    expect(budgetRefusal(1, rows, { graphCapUsd: 5 }, scope, now)).toMatch(/taking this graph’s spend to \$5\.50/);
    // Without the carried spend, the copy would start afresh.
    expect(budgetRefusal(1, rows, { graphCapUsd: 5 }, 'copy', now)).toBeUndefined();
  });
});
