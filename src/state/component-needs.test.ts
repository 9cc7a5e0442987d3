import { describe, expect, it } from 'vitest';
import { componentDef, node } from '../../graph-engine/test-kit';
import { CATALOG } from '../providers/cloud/catalog';
import { keysNeededBy, modelsCalledBy } from './component-needs';

const definition = (id: string, models: unknown[]) => componentDef(id, [node('a', 'animate', { models })]);

describe('what a library component needs', () => {
  it('lists the models it calls, inside the components it uses too, once each', () => {
    const models = modelsCalledBy([
      definition('outer', ['kling-v3-std', 'local-camera-move']),
      definition('inner', ['kling-v3-std', 'seedance-2.0', 42]),
    ]);
    expect(models).toEqual(['kling-v3-std', 'local-camera-move', 'seedance-2.0']);
  });

  it('names a provider per key, says which are missing, and none for local models', async () => {
    const missing = new Set(['seedance-2.0']);
    const needs = await keysNeededBy(
      ['seedance-2.0', 'kling-v3-std', 'kling-v3-pro', 'local-camera-move', 'comfy-wan2.2-ti2v-5b'],
      CATALOG,
      (model) => Promise.resolve(missing.has(model) ? 'no key' : undefined),
    );
    expect(needs.map((need) => need.provider)).toHaveLength(2);
    expect(needs.find((need) => need.provider.includes('Kling'))).toMatchObject({ missing: false });
    expect(needs.find((need) => !need.provider.includes('Kling'))).toMatchObject({ missing: true });
  });
});
