import { describe, expect, it } from 'vitest';
import { missingFor } from './preflight';
import { comboOptions, type ObjectInfo } from './protocol';
import { parseServerList, serverBase } from './servers';
import { fillWorkflow, frameCount, frameSize, WORKFLOWS, workflowNamed } from './workflows';

describe('built-in workflows', () => {
  it('fits every frame size to its grid and about its pixel count, for any shape of still', () => {
    for (const workflow of WORKFLOWS)
      for (const [resolution, pixels] of Object.entries(workflow.pixels))
        for (const aspect of [16 / 9, 9 / 16, 1, 4 / 3, 2.35]) {
          const { width, height } = frameSize(workflow, resolution, aspect);
          expect(width % workflow.sizeStep, workflow.id).toBe(0);
          expect(height % workflow.sizeStep, workflow.id).toBe(0);
          expect(Math.abs(width * height - pixels) / pixels).toBeLessThan(0.1);
          expect(Math.abs(width / height - aspect) / aspect).toBeLessThan(0.06);
        }
  });

  it('makes frame counts the models take (a multiple of the step, plus one) near fps × seconds', () => {
    const wan = workflowNamed('wan2.2-i2v-a14b')!;
    expect(frameCount(wan, 5)).toBe(81);
    expect(frameCount(workflowNamed('wan2.2-ti2v-5b')!, 5)).toBe(121);
    expect(frameCount(workflowNamed('ltxv-0.9.5-i2v')!, 4)).toBe(97);
    expect(frameCount(wan, 0.01)).toBe(5);
  });

  it('writes each value where its input map says, and every map points at a real input', () => {
    for (const workflow of WORKFLOWS) {
      for (const targets of Object.values(workflow.inputs))
        for (const [node, input] of targets!)
          expect(workflow.graph[node]?.inputs, `${workflow.id} ${node}`).toHaveProperty(input);
      const filled = fillWorkflow(workflow, {
        still: 'a.png',
        prompt: 'p',
        seed: 7,
        width: 640,
        height: 352,
        length: 33,
        fps: 16,
      });
      for (const [name, targets] of Object.entries(workflow.inputs))
        for (const [node, input] of targets!)
          expect(filled[node].inputs[input]).toBe(
            { still: 'a.png', prompt: 'p', seed: 7, width: 640, height: 352, length: 33, fps: 16, negative: undefined }[
              name
            ] ?? workflow.graph[node].inputs[input],
          );
      // The template is never changed.
      expect(JSON.stringify(workflow.graph)).not.toContain('a.png');
    }
  });

  it('links only to nodes in the same workflow', () => {
    for (const workflow of WORKFLOWS)
      for (const node of Object.values(workflow.graph))
        for (const value of Object.values(node.inputs))
          if (Array.isArray(value)) expect(workflow.graph, workflow.id).toHaveProperty(String(value[0]));
  });
});

describe('what a server lacks', () => {
  const wan = workflowNamed('wan2.2-ti2v-5b')!;
  const everything = (form: 'list' | 'COMBO'): ObjectInfo =>
    Object.fromEntries(
      Object.values(wan.graph).map((node) => [
        node.class_type,
        {
          input: {
            required: Object.fromEntries(
              Object.entries(node.inputs).map(([name, value]) => [
                name,
                typeof value === 'string'
                  ? form === 'list'
                    ? [[value], {}]
                    : ['COMBO', { options: [value] }]
                  : ['INT', {}],
              ]),
            ),
          },
        },
      ]),
    );

  it('is nothing when every node and file is there, in either combo form', () => {
    expect(missingFor(wan, everything('list'))).toEqual([]);
    expect(missingFor(wan, everything('COMBO'))).toEqual([]);
  });

  it('names a missing file with its model folder, and a missing node class', () => {
    const info = everything('list');
    info.VAELoader.input.required = { vae_name: [['other.safetensors'], {}] };
    delete info.Wan22ImageToVideoLatent;
    expect(missingFor(wan, info)).toEqual([
      'wan2.2_vae.safetensors in models/vae',
      'the node Wan22ImageToVideoLatent (update ComfyUI or install the node pack)',
    ]);
  });

  it('does not judge what Reelgraph fills in (the still is uploaded after the server is chosen)', () => {
    const info = everything('list');
    info.LoadImage.input.required = { image: [['someone-elses.png'], {}] };
    expect(missingFor(wan, info)).toEqual([]);
  });

  it('reads combo choices in the old and the new form, and nothing else', () => {
    expect(comboOptions([['a', 'b'], {}])).toEqual(['a', 'b']);
    expect(comboOptions(['COMBO', { options: ['a'] }])).toEqual(['a']);
    expect(comboOptions(['INT', { default: 1 }])).toBeUndefined();
    expect(comboOptions('nonsense')).toBeUndefined();
  });
});

describe('server addresses', () => {
  it('takes a host, a port and a plain path, and refuses what could move the API path', () => {
    expect(serverBase('http://192.168.1.20:8188/')).toBe('http://192.168.1.20:8188');
    expect(serverBase('https://comfy.example.com/api')).toBe('https://comfy.example.com/api');
    for (const bad of ['ftp://x', 'http://a@b:8188', 'http://b:8188/?x', 'http://b/%2e%2e', 'http://b/a/../c', 'nope'])
      expect(serverBase(bad), bad).toBeInstanceOf(Error);
  });

  it('reads a list with commas or spaces, once each, leaving out what is not a URL', () => {
    expect(parseServerList('http://a:8188, http://b:8188\nhttp://a:8188/ junk')).toEqual([
      'http://a:8188',
      'http://b:8188',
    ]);
    expect(parseServerList(undefined)).toEqual([]);
  });
});
