import { z } from 'zod';
import { isArtifactRef, type ParamsMigration } from '../../graph-engine';

const zArtifactHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');

export const zPickParams = z.object({
  /**
   * The person's picks, first pick first. The artifact hash guards against a re-roll upstream
   * silently changing what an index means.
   */
  picks: z
    .array(z.object({ index: z.number().int().min(0), artifact: zArtifactHash.optional() }))
    .max(100)
    .default([]),
  /** How many to keep: a count the run waits for, or `any` for as many as are picked (at least one). */
  keep: z
    .union([z.number().int().min(1).max(100), z.literal('any')])
    .default(1)
    .meta({ labels: { any: 'Any number: as many as you pick' } }),
  /** Stars from the take board (1 to 9) by artifact hash: auto-pick keeps the best first. */
  ratings: z.record(zArtifactHash, z.number().int().min(1).max(9)).default({}),
  /** Keep the best-rated candidates, then the first, when too few are picked: for batch runs and the CLI. */
  autoPick: z.boolean().default(false),
});
export type PickParams = z.infer<typeof zPickParams>;

export const PICK_MIGRATIONS: readonly ParamsMigration[] = [
  {
    from: 1,
    name: 'one choice becomes a list of picks',
    up(params) {
      if (params.choice) params.picks = [params.choice];
      delete params.choice;
    },
  },
];

/**
 * The picks that still name a candidate, by index, first pick first. A picked candidate that moved
 * (a take dropped or made before it) is found by its content; one that is gone is no pick.
 */
export function validPicks(params: Pick<PickParams, 'picks'>, candidates: readonly unknown[]): number[] {
  const indexes: number[] = [];
  const hashAt = (at: number) => hashOf(candidates[at]);
  for (const { index, artifact } of params.picks ?? []) {
    let at = artifact === undefined || hashAt(index) === artifact ? index : -1;
    if (at < 0 || at >= candidates.length || indexes.includes(at))
      at =
        artifact === undefined
          ? -1
          : candidates.findIndex((_, place) => !indexes.includes(place) && hashAt(place) === artifact);
    if (at >= 0 && at < candidates.length) indexes.push(at);
  }
  return indexes;
}

function hashOf(candidate: unknown): string | undefined {
  return isArtifactRef(candidate) ? candidate.$artifact : undefined;
}

/** How many the Pick keeps from this many candidates. */
export function keepCount(params: Pick<PickParams, 'keep' | 'picks'>, candidates: readonly unknown[]): number {
  const wanted = params.keep === 'any' ? Math.max(1, validPicks(params, candidates).length) : (params.keep ?? 1);
  return Math.min(wanted, candidates.length);
}

/**
 * The kept candidates' indexes, first pick first, or undefined while too few are picked. Auto-pick
 * fills the rest with the best-rated candidates, then the first ones.
 */
export function resolveKept(params: PickParams, candidates: readonly unknown[]): number[] | undefined {
  const picked = validPicks(params, candidates);
  const count = keepCount(params, candidates);
  if (count === 0) return undefined;
  if (picked.length >= count) return picked.slice(0, count);
  if (!params.autoPick) return undefined;
  const rating = (index: number) => {
    const candidate = candidates[index];
    return isArtifactRef(candidate) ? (params.ratings[candidate.$artifact] ?? 0) : 0;
  };
  const rest = candidates
    .map((_, index) => index)
    .filter((index) => !picked.includes(index))
    .sort((a, b) => rating(b) - rating(a) || a - b);
  return [...picked, ...rest].slice(0, count);
}

/**
 * The picks after clicking candidate `index`: keeping one replaces it; keeping several toggles it
 * (the oldest pick making room). Picks that no longer name a candidate are let go first.
 */
export function togglePick(
  params: PickParams,
  index: number,
  artifact: string,
  count: number,
  candidates?: readonly unknown[],
): PickParams['picks'] {
  const standing = candidates
    ? validPicks(params, candidates).map((at) => ({ index: at, artifact: hashOf(candidates[at]) }))
    : params.picks;
  const picks = standing.filter((pick) => pick.artifact !== artifact || pick.index !== index);
  if (picks.length < standing.length) return picks;
  if (params.keep === 1) return [{ index, artifact }];
  const room = params.keep === 'any' ? Infinity : count;
  return [...picks, { index, artifact }].slice(-room);
}
