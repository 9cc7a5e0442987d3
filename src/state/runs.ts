import type { Runner } from './runner';
import { session } from './services';

export type { OverBudget } from './run-outcome';
export type { MissingKey } from './price-run';

/** This page's runner (`createRunner`, in its session): what the views call, under the names they always had. */
const via =
  <K extends keyof Runner>(name: K) =>
  (...args: Parameters<Runner[K]>): ReturnType<Runner[K]> =>
    (session().runner[name] as (...args: Parameters<Runner[K]>) => ReturnType<Runner[K]>)(...args);

export const runCurrent = via('runCurrent');
export const cancelRun = via('cancelRun');
export const refreshFromCache = via('refreshFromCache');
export const togglePin = via('togglePin');
export const pinResults = via('pinResults');
