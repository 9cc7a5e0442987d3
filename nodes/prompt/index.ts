import { defineKind } from '../define-kind';
import { fillVariables, zPromptParams } from './schema';

/** Text for the models downstream: subject, motion, camera direction. Cheap and pure. */
export const promptNode = defineKind({
  kind: 'prompt',
  version: 1,
  title: 'Prompt',
  description: 'Text: subject, motion, camera direction',
  inputs: {},
  pure: true,
  outputs: { text: { type: 'text', label: 'text' } },
  params: zPromptParams,
  run: async ({ params }) => ({ text: fillVariables(params.text, params.variables) }),
});
