import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../graph-engine';
import { componentDef, graphDoc, node } from '../../graph-engine/test-kit';
import { CATALOG } from '../providers/cloud/catalog';
import { openPreflight, withoutMedia, withSwaps } from './open-preflight';

/** Animate on a retired Veo and Kling at the top, Seedance inside a component. */
const shared = (): GraphDocument => ({
  ...graphDoc([node('animate', 'animate', { models: ['veo-3.1', 'kling-v3-std', 'local-camera-move'] })]),
  components: [componentDef('look', [node('inner', 'animate', { models: ['seedance-2.0', 'veo-3.1'] })])],
});

describe('what a graph from outside needs, said before it opens', () => {
  it('names retired models with their successors, and the keys this browser lacks (not for retired or local models)', async () => {
    const asked: string[] = [];
    const needs = await openPreflight(shared(), {
      catalog: CATALOG,
      missingKey: (model) => {
        asked.push(model);
        return Promise.resolve(model === 'kling-v3-std' || model === 'vertex:veo-3.1' ? 'no key' : undefined);
      },
    });
    expect(needs.retired).toEqual([
      expect.objectContaining({ id: 'veo-3.1', successor: { id: 'vertex:veo-3.1', label: expect.any(String) } }),
    ]);
    // The successor's key too: it is what will run once swapped.
    expect(needs.keys).toEqual([
      { name: 'kling', label: expect.stringMatching(/Kling/) },
      { name: 'vertex', label: expect.stringMatching(/Vertex/) },
    ]);
    expect(asked).not.toContain('veo-3.1');
  });

  it('swaps a retired model for its successor everywhere it is named, inside components too, never naming one twice', () => {
    const doc = shared();
    doc.nodes[0].params.models = ['veo-3.1', 'vertex:veo-3.1'];
    const swapped = withSwaps(doc, new Map([['veo-3.1', 'vertex:veo-3.1']]));
    expect(swapped.nodes[0].params.models).toEqual(['vertex:veo-3.1']);
    expect(swapped.components![0].nodes[0].params.models).toEqual(['seedance-2.0', 'vertex:veo-3.1']);
    expect(withSwaps(doc, new Map())).toBe(doc);
  });

  it('names models this app does not know, and media this browser lacks, inside components too', async () => {
    const photo = { $artifact: 'a'.repeat(64), mime: 'image/png', size: 3 };
    const here = { $artifact: 'b'.repeat(64), mime: 'image/png', size: 3 };
    const doc: GraphDocument = {
      ...graphDoc([
        node('animate', 'animate', { models: ['kling-v9-ultra', 'local-camera-move'] }),
        node('photo', 'still', { mode: 'upload', file: here }),
      ]),
      components: [componentDef('look', [node('inner', 'still', { mode: 'upload', file: photo })])],
    };
    const needs = await openPreflight(doc, {
      catalog: CATALOG,
      missingKey: () => Promise.resolve(undefined),
      hasMedia: (hash) => Promise.resolve(hash === here.$artifact),
    });
    expect(needs.unknownModels).toEqual(['kling-v9-ultra']);
    expect(needs.missingMedia).toEqual([photo.$artifact]);
    // Cleared, the node asks for a file of the person's own; what this browser holds stays.
    const cleared = withoutMedia(doc, new Set(needs.missingMedia));
    expect(cleared.components![0].nodes[0].params).toEqual({ mode: 'upload' });
    expect(cleared.nodes[1].params.file).toEqual(here);
    expect(withoutMedia(doc, new Set())).toBe(doc);
    // Deep too: a photo an instance sets for itself.
    const instance = node('use', 'component', {
      component: { id: 'look', version: 1 },
      values: { file: photo, zoom: 2 },
    });
    expect(withoutMedia({ ...doc, nodes: [instance] }, new Set([photo.$artifact])).nodes[0].params).toEqual({
      component: { id: 'look', version: 1 },
      values: { zoom: 2 },
    });
  });
});
