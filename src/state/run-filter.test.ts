import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../storage/run-history';
import { filterChoices, filterRuns } from './run-filter';

const run = (id: number, more: Partial<RunRecord>): RunRecord => ({
  id,
  graphId: 'g1',
  graphName: 'Lighthouse',
  startedAt: 1000 - id,
  durationMs: 10,
  status: 'done',
  executed: 1,
  reused: 0,
  cost: 0,
  ...more,
});

const runs = [
  run(1, { cost: 2.4, models: ['kling-v3-std'] }),
  run(2, { graphId: 'g2', graphName: 'Music video', status: 'failed', models: ['veo-3.1-fast'], cost: 0.5 }),
  run(3, { graphName: 'Old name', models: ['kling-v3-std', 'veo-3.1-fast'] }),
  // Recorded before the history kept names and models.
  { id: 4, graphId: 'g3', startedAt: 1, durationMs: 1, status: 'cancelled', executed: 0, reused: 0, cost: 0 },
];

describe('the history filters', () => {
  it('narrows by graph, status, model and least cost, each alone and together', () => {
    const ids = (filter: Parameters<typeof filterRuns>[1]) => filterRuns(runs, filter).map((found) => found.id);
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ graphId: 'g1' })).toEqual([1, 3]);
    expect(ids({ status: 'failed' })).toEqual([2]);
    expect(ids({ model: 'veo-3.1-fast' })).toEqual([2, 3]);
    expect(ids({ minCost: 0.5 })).toEqual([1, 2]);
    expect(ids({ graphId: 'g1', model: 'veo-3.1-fast' })).toEqual([3]);
    expect(ids({ graphId: 'g1', minCost: 3 })).toEqual([]);
  });

  it('offers the graphs by their latest name, and the statuses and models the runs have', () => {
    expect(filterChoices(runs)).toEqual({
      graphs: [
        ['g3', 'g3'],
        ['g1', 'Lighthouse'],
        ['g2', 'Music video'],
      ],
      statuses: ['cancelled', 'done', 'failed'],
      models: ['kling-v3-std', 'veo-3.1-fast'],
    });
  });
});
