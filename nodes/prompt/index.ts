import { defineNode } from '../../graph-engine';
import type { NodeProviders } from '../providers';
import { fillVariables, zPromptParams, type PromptParams } from './schema';

/** Text for the models downstream: subject, motion, camera direction. Cheap and pure. */
export const promptNode = defineNode<PromptParams, NodeProviders>({
  kind: 'prompt',
  version: 1,
  title: 'Prompt',
  inputs: {},
  outputs: { text: { type: 'text', label: 'text' } },
  params: zPromptParams,
  run: async ({ params }) => ({ text: fillVariables(params.text, params.variables) }),
});
