import type { RunSummary } from '../../graph-engine';

/** A run the budgets in Settings refused before anything was sent. */
export interface OverBudget {
  status: 'over-budget';
  estimate: number;
  message: string;
}

/**
 * How a run the person asked for ended: the engine's summary, the budgets' refusal, or undefined
 * when nothing ran here (declined, removed from the queue, or run by another tab).
 */
export type RunOutcome = RunSummary | OverBudget | undefined;
