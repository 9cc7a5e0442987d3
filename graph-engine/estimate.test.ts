import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { estimateCost } from './estimate';
import { MemoryArtifactStore, MemoryResultStore } from './memory-stores';
import { createRegistry, defineNode } from './node-def';
import { prepareRun, runGraph } from './run-graph';
import { edge, graphDoc, node, textKind } from './test-kit';

const paidKind = defineNode({
  kind: 'paid',
  version: 1,
  title: 'Paid',
  description: 'A test kind',
  inputs: { text: { accepts: ['text'] } },
  outputs: { text: { type: 'text' } },
  params: z.object({ usd: z.number().default(0.5) }),
  estimateCost: (params) => params.usd,
  run: async ({ inputs, params, recordCost }) => {
    recordCost(params.usd);
    return { text: `${String(inputs.text)}!` };
  },
});
const registry = createRegistry([textKind, paidKind]);

describe('estimateCost', () => {
  it('prices only what will execute: cached nodes cost nothing', async () => {
    const results = new MemoryResultStore();
    const doc = graphDoc(
      [node('t', 'text', { value: 'a' }), node('p', 'paid', { usd: 0.4 }), node('q', 'paid', { usd: 1.1 })],
      [edge('t.text', 'p.text'), edge('t.text', 'q.text')],
    );
    const before = estimateCost(await prepareRun({ doc, registry, results }), registry, undefined);
    expect(before.total).toBeCloseTo(1.5);
    expect(before.nodes.map((entry) => entry.nodeId)).toEqual(['p', 'q']);
    await runGraph({
      doc,
      registry,
      results,
      artifacts: new MemoryArtifactStore(),
      providers: undefined,
      targets: ['p'],
    });
    const after = estimateCost(await prepareRun({ doc, registry, results }), registry, undefined);
    expect(after).toEqual({ total: 1.1, nodes: [{ nodeId: 'q', cost: 1.1, takes: 1 }] });
    expect(estimateCost(await prepareRun({ doc, registry, results, targets: ['p'] }), registry, undefined).total).toBe(
      0,
    );
  });
});
