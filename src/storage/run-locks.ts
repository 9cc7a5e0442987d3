/**
 * Runs in progress, seen from every tab of this origin. A run holds a Web Lock named after its
 * start for as long as it lasts, and the browser lets go of it when the tab closes or crashes, so
 * eviction in one tab knows from when on another tab's run may be reading or writing.
 */

const RUN_LOCK = 'reelgraph run since ';
/** Held alone by an eviction, and shared by runs announcing themselves: no run is announced mid-eviction. */
const EVICTING = 'reelgraph evicting';

/** The part of the browser's LockManager used here (absent outside secure contexts). */
export interface RunLocks {
  request<T>(name: string, options: { mode: 'shared' | 'exclusive' }, callback: () => Promise<T>): Promise<T>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

const browserLocks = (): RunLocks | undefined => globalThis.navigator?.locks;

/**
 * Announces a run that started at `startedAt` to every tab, and resolves once they can all see it;
 * the returned function ends it. An eviction under way finishes first, so it either saw this run
 * or ended before the run touched anything.
 */
export async function announceRun(startedAt: number, locks = browserLocks()): Promise<() => void> {
  if (!locks) return () => {};
  let release = () => {};
  const running = new Promise<void>((resolve) => (release = resolve));
  await locks
    .request(EVICTING, { mode: 'shared' }, async () => {
      await new Promise<void>((granted) => {
        void locks
          .request(`${RUN_LOCK}${startedAt} ${crypto.randomUUID()}`, { mode: 'exclusive' }, async () => {
            granted();
            await running;
          })
          .catch(() => granted());
      });
    })
    .catch(() => {});
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

/**
 * Runs an eviction while no run can announce itself, handing it the earliest start of the runs in
 * progress: what they used or made since then is theirs, and no run begins unseen during it.
 */
export async function evictingAlone<T>(
  evict: (since: number | undefined) => Promise<T>,
  locks = browserLocks(),
): Promise<T> {
  if (!locks) return evict(undefined);
  return locks.request(EVICTING, { mode: 'exclusive' }, async () => evict(await earliestRunStart(locks)));
}
