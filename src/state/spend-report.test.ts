import { describe, expect, it } from 'vitest';
import type { SpendRow } from '../providers/cloud/spend-ledger';
import { spendCsv, spendTotals } from './spend-report';

const rows: SpendRow[] = [
  {
    id: 'a',
    at: new Date(2026, 11, 1, 10).getTime(),
    provider: 'kling',
    model: 'kling-v3-std',
    graphId: 'g1',
    graphName: 'Harbour, dawn',
    nodeId: 'animate',
    params: { duration: 5, resolution: '720p' },
    estimate: 0.42,
    taskId: 'kling-task-1',
    outcome: 'made',
  },
  {
    id: 'b',
    at: new Date(2026, 11, 2, 9).getTime(),
    provider: 'gemini',
    model: 'veo-3.1-fast',
    graphId: 'g1',
    graphName: 'Harbour, dawn',
    params: {},
    estimate: 0.8,
    outcome: 'unknown',
  },
  {
    id: 'c',
    at: new Date(2026, 11, 2, 9).getTime(),
    provider: 'gemini',
    model: 'veo-3.1-fast',
    params: {},
    estimate: 5,
    outcome: 'refused',
  },
];

describe('the spend report', () => {
  it('counts what the provider said it charged over the estimate, where it said', () => {
    expect(spendTotals([{ ...rows[0], actual: 0.5 }]).total).toBe(0.5);
  });

  it('totals what was or may have been billed per day, graph and provider', () => {
    expect(spendTotals(rows)).toEqual({
      byDay: [
        ['2026-12-02', 0.8],
        ['2026-12-01', 0.42],
      ],
      byGraph: [['Harbour, dawn', 1.22]],
      byProvider: [
        ['gemini', 0.8],
        ['kling', 0.42],
      ],
      total: 1.22,
    });
  });

  it('exports every request as CSV, quoting what needs it', () => {
    const lines = spendCsv(rows).split('\r\n');
    expect(lines[0]).toBe('at,provider,model,graph,node,params,estimate_usd,actual_usd,outcome,task_id');
    expect(lines[1]).toBe(
      `${new Date(rows[0].at).toISOString()},kling,kling-v3-std,"Harbour, dawn",animate,duration=5 resolution=720p,0.4200,,made,kling-task-1`,
    );
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });
});
