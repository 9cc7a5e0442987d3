import { describe, expect, it } from 'vitest';
import { appInputsOf, type GraphDocument } from '../../graph-engine';
import { graphDoc, node } from '../../graph-engine/test-kit';
import {
  applyEdit,
  describeApp,
  labelInApp,
  MAX_APP_OUTPUTS,
  moveAppInput,
  showInApp,
  showOutputInApp,
  type Edit,
} from './edits';

const apply = (doc: GraphDocument, ...edits: Edit[]) =>
  edits.reduce((each, change) => applyEdit(each, change).doc, doc);

/** A prompt and a still, three of their settings shown in the app. */
const app = () =>
  apply(
    graphDoc([node('prompt', 'prompt', { text: 'fox' }), node('still', 'still', { count: 4, seed: 1 })]),
    showInApp({ node: 'prompt', param: 'text', label: 'Text' }, true),
    showInApp({ node: 'still', param: 'count', label: 'Count' }, true),
    showInApp({ node: 'still', param: 'seed', label: 'Seed' }, true),
  );
const order = (doc: GraphDocument) => appInputsOf(doc).map((input) => input.name);

describe('arranging an app', () => {
  it('renames an input, and an empty label gives it back its setting’s own name', () => {
    const named = apply(app(), labelInApp('inputs', 'text', 'What to film'));
    expect(named.app!.inputs[0].label).toBe('What to film');
    expect(apply(named, labelInApp('inputs', 'text', '  ')).app!.inputs[0]).not.toHaveProperty('label');
  });

  it('moves an input up and down the form, never past either end', () => {
    expect(order(apply(app(), moveAppInput('seed', -1)))).toEqual(['text', 'seed', 'count']);
    expect(order(apply(app(), moveAppInput('text', 1), moveAppInput('text', 1)))).toEqual(['count', 'seed', 'text']);
    expect(order(apply(app(), moveAppInput('text', -1)))).toEqual(['text', 'count', 'seed']);
  });

  it('moves past an input whose node was deleted, as the form shows them', () => {
    const doc = apply(
      graphDoc([node('prompt', 'prompt', { text: 'fox' }), node('extra', 'prompt', {}), node('still', 'still', {})]),
      showInApp({ node: 'prompt', param: 'text' }, true),
      showInApp({ node: 'extra', param: 'text' }, true),
      showInApp({ node: 'still', param: 'seed' }, true),
    );
    const deleted = { ...doc, nodes: doc.nodes.filter((each) => each.id !== 'extra') };
    expect(order(deleted)).toEqual(['text', 'seed']);
    expect(order(apply(deleted, moveAppInput('seed', -1)))).toEqual(['seed', 'text']);
  });

  it('shows and hides an output under its label, and sets what the app is for', () => {
    const shown = apply(
      app(),
      showOutputInApp({ node: 'still', port: 'images' }, 'Drafts', true),
      describeApp('Stills of a fox'),
    );
    expect(shown.app!.outputs).toEqual([{ name: 'images', label: 'Drafts', from: { node: 'still', port: 'images' } }]);
    expect(shown.app!.description).toBe('Stills of a fox');
    expect(apply(shown, labelInApp('outputs', 'images', 'Your stills')).app!.outputs[0].label).toBe('Your stills');
    const hidden = apply(shown, showOutputInApp({ node: 'still', port: 'images' }, 'Drafts', false), describeApp(''));
    expect(hidden.app!.outputs).toEqual([]);
    expect(hidden.app).not.toHaveProperty('description');
  });

  it('hands back at most as many outputs as a graph can hold, so it always opens again', () => {
    const many = Array.from({ length: MAX_APP_OUTPUTS + 1 }, (_, at) =>
      showOutputInApp({ node: 'still', port: `p${at}` }, `Out ${at}`, true),
    );
    expect(apply(app(), ...many).app!.outputs).toHaveLength(MAX_APP_OUTPUTS);
  });
});
