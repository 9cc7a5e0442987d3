import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { estimateCost } from './estimate';
import { MemoryArtifactStore, MemoryResultStore } from './memory-stores';
import { createRegistry, defineNode } from './node-def';
import { prepareRun, runGraph } from './run-graph';
import { candidatesKind, edge, graphDoc, listKind, node, shotKind, textKind } from './test-kit';

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

  it('leaves out the fanned-out values that will send nothing (a model with no key), takes known or not', async () => {
    const fanned = createRegistry([listKind, candidatesKind, shotKind]);
    const results = new MemoryResultStore();
    const shot = { models: ['a', 'b', 'c'], price: 0.5 };
    const known = graphDoc(
      [node('l', 'list', { items: ['x', 'y'] }), node('s', 'shot', shot)],
      [edge('l.images', 's.image')],
    );
    const unknown = graphDoc(
      [node('c', 'candidates', { count: 2 }), node('s', 'shot', shot)],
      [edge('c.images', 's.image')],
    );
    const noB = (_: string, model: unknown) => model === 'b';
    // Known: two stills by three models at $0.50 a take. Unknown: one still expected (no list length).
    for (const [doc, stills] of [
      [known, 2],
      [unknown, 1],
    ] as const) {
      const prepared = await prepareRun({ doc, registry: fanned, results });
      expect(estimateCost(prepared, fanned, undefined).nodes).toEqual([
        { nodeId: 's', cost: stills * 1.5, takes: stills * 3 },
      ]);
      expect(estimateCost(prepared, fanned, undefined, noB).nodes).toEqual([
        { nodeId: 's', cost: stills * 1, takes: stills * 2 },
      ]);
      expect(estimateCost(prepared, fanned, undefined, () => true)).toEqual({ total: 0, nodes: [] });
    }
  });
});
