import { session } from './services';

/** This page's saver (`createSaver`, in its session), under the names the views and hosts call. */

/** Writes any pending change now (before switching graphs, running, or unloading). */
export const flushSave = (): Promise<void> => session().saver.flushSave();
/** Whether the last save failed, so leaving the page would lose what it held. */
export const lastSaveFailed = (): boolean => session().saver.lastSaveFailed();
