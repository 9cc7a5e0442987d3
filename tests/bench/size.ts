/**
 * `npm test` runs every benchmark once, small (`REELGRAPH_BENCH=quick`), so none can break unseen;
 * `npm run bench` runs them at the sizes their targets are set for. Only correctness fails a round:
 * targets are printed, and judged on the full run.
 */
export const QUICK = process.env.REELGRAPH_BENCH === 'quick';

/** A benchmark's size: the full one, or the quick round's. */
export const sized = <T>(full: T, quick: T): T => (QUICK ? quick : full);

if (QUICK) console.log('(quick round, at small sizes: a MISSED target here is judged again by npm run bench)');
