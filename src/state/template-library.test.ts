import { describe, expect, it } from 'vitest';
import { node } from '../../graph-engine/test-kit';
import { NODE_WIDTH } from '../templates/layout';
import { besideGraph } from './template-library';

const at = (x: number, y: number) => ({ ...node('n', 'prompt'), position: { x, y } });

describe('a template added to a graph', () => {
  it('lands to the right of everything in the graph, level with its top, covering nothing', () => {
    const graph = [at(0, 100), at(600, -50)];
    const template = [at(200, 300), at(500, 320)];
    const offset = besideGraph(graph, template);
    const left = Math.min(...template.map((each) => each.position.x + offset.x));
    expect(left).toBeGreaterThan(600 + NODE_WIDTH);
    expect(Math.min(...template.map((each) => each.position.y + offset.y))).toBe(-50);
  });

  it('keeps its own layout, from the origin, in an empty graph', () => {
    expect(besideGraph([], [at(200, 300), at(500, 320)])).toEqual({ x: -200, y: -300 });
  });
});
