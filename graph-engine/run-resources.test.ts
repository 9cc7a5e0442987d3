import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryArtifactStore, MemoryResultStore } from './memory-stores';
import { createRegistry, defineNode } from './node-def';
import { prepareRun, runGraph } from './run-graph';
import { runResources } from './run-resources';
import { edge, graphDoc, node, textKind } from './test-kit';

const pooled = defineNode({
  kind: 'pooled',
  version: 1,
  title: 'Pooled',
  description: 'A test kind that draws on a pool named by its params',
  inputs: { text: { accepts: ['text'] } },
  outputs: { text: { type: 'text' } },
  params: z.object({ pool: z.string().optional(), value: z.number().default(0) }),
  resource: (params) => params.pool,
  run: async ({ inputs }) => ({ text: String(inputs.text) }),
});
const registry = createRegistry([textKind, pooled]);

describe('runResources', () => {
  it('asks take by take: a node fanned out over models draws on the pool of each', async () => {
    const fanned = defineNode({
      kind: 'fanned',
      version: 1,
      title: 'Fanned',
      description: 'A test kind whose takes each call one model',
      inputs: {},
      outputs: { clips: { type: 'videos' } },
      params: z.object({ models: z.array(z.string()).default(['local', 'paid']) }),
      fanOut: 'models',
      resource: (params) => (params.models.includes('local') ? 'local-render' : 'cloud'),
      run: async () => ({ clips: [] }),
    });
    const fans = createRegistry([fanned]);
    const doc = graphDoc([node('f', 'fanned', {})]);
    expect(runResources(await prepareRun({ doc, registry: fans, results: new MemoryResultStore() }), fans)).toEqual([
      'cloud',
      'local-render',
    ]);
  });

  it('names the pools of the work still to do, once each, sorted; cached nodes and quick kinds draw on none', async () => {
    const results = new MemoryResultStore();
    const doc = graphDoc(
      [
        node('t', 'text', { value: 'a' }),
        node('render', 'pooled', { pool: 'local-render' }),
        node('cloud', 'pooled', { pool: 'cloud' }),
        node('again', 'pooled', { pool: 'cloud', value: 1 }),
        node('quick', 'pooled', {}),
      ],
      [
        edge('t.text', 'render.text'),
        edge('t.text', 'cloud.text'),
        edge('t.text', 'again.text'),
        edge('t.text', 'quick.text'),
      ],
    );
    expect(runResources(await prepareRun({ doc, registry, results }), registry)).toEqual(['cloud', 'local-render']);
    // Only what the targets need.
    expect(runResources(await prepareRun({ doc, registry, results, targets: ['render'] }), registry)).toEqual([
      'local-render',
    ]);
    await runGraph({
      doc,
      registry,
      results,
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
      targets: ['cloud', 'again'],
    });
    expect(runResources(await prepareRun({ doc, registry, results }), registry)).toEqual(['local-render']);
  });
});
