import { describe, expect, it } from 'vitest';
import { appInputValue, makeComponent, type GraphDocument } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { photoGraph, starterGraph } from '../src/templates/starter';
import { applyInputs, describeInputs } from './app-inputs';
import { CliError } from './cli-error';

const starter = starterGraph('s');
const inputNamed = (doc: GraphDocument, name: string) => doc.app!.inputs.find((input) => input.name === name)!;
/** The one line a refused --input prints. */
const refusal = (doc: GraphDocument, ...given: string[]) => {
  try {
    applyInputs(doc, given, nodeRegistry);
    return 'not refused';
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    expect(error.message).not.toContain('\n');
    return error.message;
  }
};

describe('an app’s inputs on the command line', () => {
  it('lists each input with what it takes and its value now', () => {
    const lines = describeInputs(starter, nodeRegistry).split('\n');
    expect(lines[0]).toBe(`"${starter.name}" takes (--input <name>=<value>):`);
    expect(lines[1]).toBe('  subject  Subject: text; now lighthouse on a cliff');
    expect(lines[2]).toBe('  count    Drafts to choose from: a whole number from 1 to 8; now 4');
    expect(lines[3]).toMatch(
      /^ {2}models {3}Video models: a comma-separated list of models: local-camera-move, kling-v3-std, .*; now local-camera-move$/,
    );
    // Retired models, and those Reelgraph cannot call yet, are not offered.
    expect(lines[3]).not.toMatch(/ veo-3\.1,/);
    expect(describeInputs({ ...photoGraph('p'), app: undefined }, nodeRegistry)).toMatch(/shows no inputs as an app/);
  });

  it('sets each input by its type (a Prompt variable, a count, a list of models), leaving the rest and the file alone', () => {
    const { doc, files } = applyInputs(
      starter,
      ['subject=a red fox at dawn', 'count=2', 'models=local-camera-move, kling-v3-std'],
      nodeRegistry,
    );
    expect(appInputValue(doc, inputNamed(doc, 'subject'))).toBe('a red fox at dawn');
    expect(doc.nodes.find((node) => node.id === 'prompt')!.params.text).toBe(
      'A {subject} at golden hour, slow push-in',
    );
    expect(appInputValue(doc, inputNamed(doc, 'count'))).toBe(2);
    expect(appInputValue(doc, inputNamed(doc, 'models'))).toEqual(['local-camera-move', 'kling-v3-std']);
    expect(files).toEqual([]);
    expect(appInputValue(starter, inputNamed(starter, 'count'))).toBe(4);
  });

  it('refuses, in one line naming the input and what it takes, a value that does not fit or a name that is no input', () => {
    expect(refusal(starter, 'count=99')).toBe(
      '--input count=99: Drafts to choose from takes a whole number from 1 to 8 (Too big: expected number to be <=8)',
    );
    expect(refusal(starter, 'count=many')).toMatch(
      /^--input count=many: Drafts to choose from takes a whole number from 1 to 8/,
    );
    expect(refusal(starter, 'models=kling-v3-std,sora')).toBe(
      '--input models=kling-v3-std,sora: Video models takes models Reelgraph can call; “sora” is not one (--inputs lists them)',
    );
    expect(refusal(starter, 'models=veo-3.1')).toMatch(/“veo-3\.1” is not one/);
    expect(refusal(starter, 'colour=red')).toBe(
      `--input colour: no such input; "${starter.name}" takes subject, count, models`,
    );
    expect(refusal(starter, 'subject')).toBe('--input subject: expected <name>=<value> (--inputs lists them)');
  });

  it('takes a file for a file input as @path, bound to its node as --file binds it', () => {
    const photo = photoGraph('p');
    const app: GraphDocument = {
      ...photo,
      app: { inputs: [{ name: 'photo', label: 'Your photo', node: 'photo', param: 'file' }], outputs: [] },
    };
    expect(applyInputs(app, ['photo=@me.jpg'], nodeRegistry).files).toEqual([{ nodeId: 'photo', path: 'me.jpg' }]);
    expect(refusal(app, 'photo=me.jpg')).toMatch(
      /^--input photo=me\.jpg: Your photo takes a file, as @path \(a PNG, JPEG or WebP image\)$/,
    );
  });

  it('takes a setting a component shows, set for that use of it, judged by the kind of the node inside', () => {
    const made = makeComponent(
      starter,
      new Set(['camera', 'animate']),
      { component: 'move', instance: 'move' },
      nodeRegistry,
    )!;
    made.components![0].params.push({ name: 'zoom', label: 'Zoom', node: 'camera', param: 'zoom' });
    const app: GraphDocument = {
      ...starter,
      ...made,
      app: { inputs: [{ name: 'zoom', label: 'Push-in', node: 'move', param: 'values', key: 'zoom' }], outputs: [] },
    };
    expect(describeInputs(app, nodeRegistry).split('\n')[1]).toMatch(
      /^ {2}zoom {2}Push-in: a number from -?\d+ to \d+; now 2$/,
    );
    const { doc } = applyInputs(app, ['zoom=5'], nodeRegistry);
    expect(doc.nodes.find((node) => node.id === 'move')!.params.values).toEqual({ zoom: 5 });
    expect(refusal(app, 'zoom=999')).toMatch(/^--input zoom=999: Push-in takes a number from -?\d+ to \d+ \(Too big/);
  });
});
