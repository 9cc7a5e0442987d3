import { z } from 'zod';
import { createRegistry, defineNode, type EdgeDoc, type NodeDoc } from '../../graph-engine';
import { graphDoc } from '../../graph-engine/test-kit';

/** A kind that does nothing, so a bench measures what runs around the executors. */
export const noopRegistry = createRegistry([
  defineNode({
    kind: 'noop',
    version: 1,
    title: 'No-op',
    description: 'A test kind',
    inputs: { in: { accepts: ['text'], multiple: true, optional: true } },
    outputs: { out: { type: 'text' } },
    params: z.object({ n: z.number() }),
    run: async () => ({ out: '' }),
  }),
]);

/** A seeded random DAG of no-op nodes: node i draws about `fanIn` inputs from the nodes before it. */
export function randomDag(count: number, seed: number, fanIn = 2) {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const nodes: NodeDoc[] = [];
  const edges: EdgeDoc[] = [];
  for (let at = 0; at < count; at++) {
    nodes.push({ id: `n${at}`, kind: 'noop', kindVersion: 1, position: { x: 0, y: 0 }, params: { n: at } });
    if (at === 0) continue;
    const inputs = Math.min(at, Math.round(random() * 2 * fanIn));
    for (let k = 0; k < inputs; k++) {
      const from = Math.floor(random() * at);
      edges.push({ id: `e${at}.${k}`, from: { node: `n${from}`, port: 'out' }, to: { node: `n${at}`, port: 'in' } });
    }
  }
  return graphDoc(nodes, edges);
}
