import type { ProviderName } from './providers.ts';

/**
 * One paid request, as the person's spend history shows it. Written when the submit is sent (so a
 * crash still leaves a row), and updated as its task is found, made or fails.
 * - `pending`: sent, its task running; `made`: the result is ours;
 * - `refused`: the provider said no before billing; `failed`: the task failed (providers do not bill these);
 * - `cancelled`: cancelled upstream before it was billed;
 * - `unknown`: the submit got no clear answer and may have been billed.
 */
export interface SpendRow {
  /** The attempt's own id (one row per paid request). */
  id: string;
  at: number;
  provider: ProviderName;
  model: string;
  /** Where it was asked from, when known. */
  graphId?: string;
  graphName?: string;
  nodeId?: string;
  /** What was asked of the model, after fitting. */
  params: Record<string, string | number | boolean>;
  /** The catalog's price for it, in US dollars. */
  estimate: number;
  /** What it cost by the provider's own count (tokens, units), where it reports one. */
  actual?: number;
  taskId?: string;
  outcome: 'pending' | 'made' | 'refused' | 'failed' | 'cancelled' | 'unknown';
  finishedAt?: number;
}

export interface SpendLedger {
  put(row: SpendRow): Promise<void>;
  update(id: string, patch: Partial<Omit<SpendRow, 'id'>>): Promise<void>;
  /** Takes back a row whose request was never sent after all (no key, the provider unreachable). */
  remove(id: string): Promise<void>;
  /** Rows since `from` (ms), newest first. */
  since(from: number): Promise<SpendRow[]>;
}

/**
 * The spend that counts as one graph's: its own, and, for a copy, what the graph it was copied from
 * spent before the copy was made (so duplicating a graph does not start its per-graph cap afresh).
 */
export interface SpendScope {
  graphId: string;
  carried?: readonly { graphId: string; before: number }[];
}

/** A row's dollars: what the provider counted where it said, else the estimate. */
export const dollarsOf = (row: SpendRow) => row.actual ?? row.estimate;

/** What rows count against a budget: everything that is, or may be, billed. */
export const isSpend = (row: SpendRow) =>
  row.outcome === 'pending' || row.outcome === 'made' || row.outcome === 'unknown';

export class MemorySpendLedger implements SpendLedger {
  readonly rows = new Map<string, SpendRow>();
  async put(row: SpendRow) {
    this.rows.set(row.id, structuredClone(row));
  }
  async update(id: string, patch: Partial<Omit<SpendRow, 'id'>>) {
    const row = this.rows.get(id);
    if (row) this.rows.set(id, { ...row, ...patch });
  }
  async remove(id: string) {
    this.rows.delete(id);
  }
  async since(from: number) {
    return [...this.rows.values()].filter((row) => row.at >= from).sort((a, b) => b.at - a.at);
  }
}
