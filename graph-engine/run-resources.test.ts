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
