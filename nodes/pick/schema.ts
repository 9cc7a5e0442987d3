import { z } from 'zod';
import { isArtifactRef } from '../../graph-engine';

export const zPickParams = z.object({
  /** The person's choice. The artifact hash guards against a re-roll upstream silently changing what index 0 means. */
  choice: z.object({ index: z.number().int().min(0), artifact: z.string().optional() }).optional(),
  /** Take the first candidate when no valid choice is stored: for batch runs and the CLI. */
  autoPick: z.boolean().default(false),
});
export type PickParams = z.infer<typeof zPickParams>;

/** The chosen candidate's index, or undefined when the stored choice does not match what arrived. */
export function resolveChoice(params: PickParams, candidates: readonly unknown[]): number | undefined {
  const { choice } = params;
  if (choice && choice.index < candidates.length) {
    const candidate = candidates[choice.index];
    const matches =
      choice.artifact === undefined || (isArtifactRef(candidate) && candidate.$artifact === choice.artifact);
    if (matches) return choice.index;
  }
  return params.autoPick && candidates.length > 0 ? 0 : undefined;
}
