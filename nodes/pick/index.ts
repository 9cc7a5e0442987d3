import { defineKind } from '../define-kind';
import { NodeError, WaitingForInput } from '../../graph-engine';
import { resolveChoice, zPickParams } from './schema';

/** The human in the loop: the chosen candidate flows on; without a choice the run waits here. */
export const pickNode = defineKind({
  kind: 'pick',
  version: 1,
  title: 'Pick',
  description: 'Choose the candidate you love',
  inputs: { candidates: { accepts: ['images', 'videos'], label: 'candidates' } },
  outputs: { chosen: { type: { elementOf: 'candidates' }, label: 'chosen' } },
  params: zPickParams,
  run: async ({ params, inputs }) => {
    const candidates = inputs.candidates as unknown[];
    if (candidates.length === 0) throw new NodeError('No candidates arrived to pick from.', 'candidates');
    const index = resolveChoice(params, candidates);
    if (index === undefined) throw new WaitingForInput(`Waiting for your pick (${candidates.length} candidates).`);
    return { chosen: candidates[index] };
  },
});
