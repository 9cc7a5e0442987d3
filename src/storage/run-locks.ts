/**
 * Runs in progress, seen from every tab of this origin. A run holds a Web Lock named after its
 * start for as long as it lasts, and the browser lets go of it when the tab closes or crashes, so
 * eviction in one tab knows from when on another tab's run may be reading or writing.
 */

const RUN_LOCK = 'reelgraph run since ';

/** The part of the browser's LockManager used here (absent outside secure contexts). */
export interface RunLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

const browserLocks = (): RunLocks | undefined => globalThis.navigator?.locks;

/** Marks a run that started at `startedAt` as in progress until the returned function is called. */
export function announceRun(startedAt: number, locks = browserLocks()): () => void {
  if (!locks) return () => {};
  let release = () => {};
  const running = new Promise<void>((resolve) => (release = resolve));
  void locks.request(`${RUN_LOCK}${startedAt} ${crypto.randomUUID()}`, () => running).catch(() => {});
  return release;
}

/** When the earliest run still in progress, in any tab, started; undefined when none is. */
export async function earliestRunStart(locks = browserLocks()): Promise<number | undefined> {
  const state = await locks?.query().catch(() => undefined);
  const starts = (state?.held ?? [])
    .flatMap(({ name }) => (name?.startsWith(RUN_LOCK) ? [Number(name.slice(RUN_LOCK.length).split(' ')[0])] : []))
    .filter(Number.isFinite);
  return starts.length > 0 ? Math.min(...starts) : undefined;
}
