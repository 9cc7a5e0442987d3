import { estimateCost, type CostEstimate, type NodeRegistry, type PreparedRun } from '../../graph-engine';
import type { NodeProviders } from '../../nodes/providers';
import type { SpendLedger } from '../providers/cloud/spend-ledger';
import { budgetRefusal, hasBudgets, stillToSpend, type Budgets, type SpendScope } from './budget-check';

/** A model a node fans out over that cannot be called: which, and what key it needs. */
export interface MissingKey {
  nodeId: string;
  model: string;
  why: string;
}

/** What pricing a run needs. */
export interface PricingDeps {
  registry: NodeRegistry<NodeProviders>;
  providers: NodeProviders;
  /** Why a cloud model cannot be called (its key is missing), or undefined. */
  missingKey(model: string): Promise<string | undefined>;
  spend: Pick<SpendLedger, 'since'>;
  budgets: Budgets;
  /** The graphs whose spend counts as this graph's (a copy counts what its original spent before it was made). */
  scope(graphId: string): Promise<SpendScope>;
}

/** A run, priced: what it will cost, which models send nothing for want of a key, and any refusal by the budgets. */
export interface Pricing {
  estimate: CostEstimate;
  missing: MissingKey[];
  /** Dollars it will spend: the estimate, less what a run taken up again sent already (counted, and polled). */
  cost: number;
  /** Why the budgets refuse it, before anything is sent. */
  refusal?: string;
}

/** The cloud models of the nodes a run will execute (fanned out into takes, or called in one job) that have no key to call them with. */
export async function missingKeys(prepared: PreparedRun, deps: Pick<PricingDeps, 'registry' | 'missingKey'>) {
  const found: MissingKey[] = [];
  for (const nodeId of prepared.plan.work) {
    if (prepared.cached.has(nodeId)) continue;
    const fan = prepared.validation.mapping.get(nodeId)?.fan;
    // Where the takes to run are known, only the models of those: a model whose takes are all made needs no key.
    const pending = prepared.pendingTakes.get(nodeId);
    const kind = prepared.validation.index.nodes.get(nodeId)?.kind;
    const models = !fan
      ? (deps.registry.get(kind ?? '')?.cloudModels?.(prepared.validation.params.get(nodeId)) ?? [])
      : pending
        ? new Set(pending.flatMap((take) => (take as Record<string, unknown>)[fan.param] ?? []))
        : fan.values;
    for (const model of models) {
      const why = typeof model === 'string' ? await deps.missingKey(model) : undefined;
      if (why) found.push({ nodeId, model: model as string, why });
    }
  }
  return found;
}

/**
 * What a run would spend: what will execute, less what sends nothing for want of a key: a model's
 * takes where a node fans out over models (an Animate), or the whole node where it calls its models
 * together (a Still asks every model first, and calls none unless all can be called).
 */
export function sendableEstimate(
  prepared: PreparedRun,
  deps: Pick<PricingDeps, 'registry' | 'providers'>,
  missing: readonly MissingKey[],
): CostEstimate {
  const estimate = estimateCost(prepared, deps.registry, deps.providers, (nodeId, model) =>
    missing.some((entry) => entry.nodeId === nodeId && entry.model === model),
  );
  const blocked = new Set(
    missing.filter((entry) => !prepared.validation.mapping.get(entry.nodeId)?.fan).map((entry) => entry.nodeId),
  );
  if (blocked.size === 0) return estimate;
  const nodes = estimate.nodes.filter((entry) => !blocked.has(entry.nodeId));
  return { total: nodes.reduce((sum, entry) => sum + entry.cost, 0), nodes };
}

/**
 * Prices a prepared run, the one way every path that runs does (Run, a continued Pick, the queue
 * at its turn, a run taken up again): a model with no key is neither priced nor sent; a run taken
 * up again owes only what it has yet to send; the budgets judge what it will spend.
 */
export async function priceRun(
  prepared: PreparedRun,
  graphId: string,
  deps: PricingDeps,
  resumed?: { since?: number },
): Promise<Pricing> {
  const missing = await missingKeys(prepared, deps);
  const estimate = sendableEstimate(prepared, deps, missing);
  if (estimate.total <= 0) return { estimate, missing, cost: 0 };
  if (!resumed && !hasBudgets(deps.budgets)) return { estimate, missing, cost: estimate.total };
  const rows = await deps.spend.since(0);
  const cost = resumed ? stillToSpend(estimate.total, rows, graphId, resumed.since) : estimate.total;
  const refusal = hasBudgets(deps.budgets)
    ? budgetRefusal(cost, rows, deps.budgets, await deps.scope(graphId))
    : undefined;
  return { estimate, missing, cost, refusal };
}
