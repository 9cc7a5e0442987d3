import { flushSave } from './autosave';
import { useGraphStore } from './graph-store';
import { notify } from './notify';
import { cancelQueued, pageLeaving, enqueue, queuedFor } from './queue';
import { createRunner } from './runner';
import { services } from './services';
import { currentBudgets, useSettingsStore } from './settings-store';

export type { OverBudget } from './run-outcome';
export type { MissingKey } from './price-run';

/**
 * This page's runner (`createRunner`), over the app's store, services, settings and queue: what
 * the views and the queue call, under the names they always had.
 */
const runner = createRunner({
  services,
  view: useGraphStore,
  queue: () => ({ enqueue, queuedFor, cancel: cancelQueued, leaving: pageLeaving }),
  settings: () => ({
    confirmAboveUsd: useSettingsStore.getState().settings.confirmAboveUsd,
    budgets: currentBudgets(),
  }),
  notify,
  flushSave,
});

export const {
  runCurrent,
  cancelRun,
  executeQueued,
  afterQueued,
  runViewFor,
  ranToPick,
  forgetPick,
  waitingAt,
  refreshFromCache,
  refreshEstimate,
  togglePin,
  pinResults,
  pricingDeps,
} = runner;
