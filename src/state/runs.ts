import { callsInto } from './services';

export type { OverBudget } from './run-outcome';
export type { MissingKey } from './price-run';

/** This page's runner (`createRunner`, in its session): what the views call, under the names they always had. */
const via = callsInto((built) => built.runner);

export const runCurrent = via('runCurrent');
export const cancelRun = via('cancelRun');
export const forgetPick = via('forgetPick');
export const refreshFromCache = via('refreshFromCache');
export const togglePin = via('togglePin');
export const pinResults = via('pinResults');
