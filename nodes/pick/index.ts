import { defineKind } from '../define-kind';
import { NodeError, WaitingForInput } from '../../graph-engine';
import { keepCount, PICK_MIGRATIONS, resolveKept, zPickParams } from './schema';

/**
 * The human in the loop: the kept candidates flow on (`kept`, a list that maps what follows over
 * them; `chosen`, the first pick); until enough are picked the run waits here.
 */
export const pickNode = defineKind({
  kind: 'pick',
  version: 2,
  title: 'Pick',
  description: 'Keep the candidates you love',
  inputs: { candidates: { accepts: ['images', 'videos'], label: 'candidates' } },
  outputs: {
    chosen: { type: { elementOf: 'candidates' }, label: 'chosen' },
    kept: { type: { listOf: 'candidates' }, label: 'kept' },
  },
  params: zPickParams,
  migrations: PICK_MIGRATIONS,
  pure: true,
  choices: ['picks', 'ratings'],
  listLength: (params) => (params.keep === 'any' ? Math.max(1, params.picks.length) : params.keep),
  run: async ({ params, inputs }) => {
    const candidates = inputs.candidates as unknown[];
    if (candidates.length === 0) throw new NodeError('No candidates arrived to pick from.', 'candidates');
    const kept = resolveKept(params, candidates);
    if (kept === undefined) {
      const count = keepCount(params, candidates);
      throw new WaitingForInput(
        count === 1
          ? `Waiting for your pick (${candidates.length} candidates).`
          : `Waiting for your picks: keep ${count} of ${candidates.length} candidates.`,
      );
    }
    return { chosen: candidates[kept[0]], kept: kept.map((index) => candidates[index]) };
  },
});
