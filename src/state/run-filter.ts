import type { RunRecord } from '../storage/run-history';

/** What the history panel narrows its runs to; an empty field lets every run through. */
export interface RunFilter {
  graphId?: string;
  status?: string;
  model?: string;
  /** US dollars: only runs that cost at least this much. */
  minCost?: number;
}

export function filterRuns(runs: readonly RunRecord[], filter: RunFilter): RunRecord[] {
  return runs.filter(
    (run) =>
      (!filter.graphId || run.graphId === filter.graphId) &&
      (!filter.status || run.status === filter.status) &&
      (!filter.model || (run.models ?? []).includes(filter.model)) &&
      (filter.minCost === undefined || run.cost >= filter.minCost),
  );
}

/** The choices each filter offers: the graphs (by their latest name), statuses and models the runs have. */
export function filterChoices(runs: readonly RunRecord[]): {
  graphs: [id: string, name: string][];
  statuses: string[];
  models: string[];
} {
  const graphs = new Map<string, string>();
  const statuses = new Set<string>();
  const models = new Set<string>();
  // Newest first: the first name seen for a graph is its latest.
  for (const run of runs) {
    if (!graphs.has(run.graphId)) graphs.set(run.graphId, run.graphName ?? run.graphId);
    statuses.add(run.status);
    for (const model of run.models ?? []) models.add(model);
  }
  return {
    graphs: [...graphs].sort((a, b) => a[1].localeCompare(b[1])),
    statuses: [...statuses].sort(),
    models: [...models].sort(),
  };
}
