import type { GraphDocument } from '../../graph-engine';
import { starterGraph } from '../templates/starter';

/** A graph of `count` unwired prompts, for tests of how big a graph intake takes. */
export function graphOfPrompts(count: number, text = 'x'): GraphDocument {
  return {
    ...starterGraph('many'),
    edges: [],
    nodes: Array.from({ length: count }, (_, at) => ({
      id: `p${at}`,
      kind: 'prompt',
      kindVersion: 1,
      position: { x: at, y: 0 },
      params: { text },
    })),
  };
}
