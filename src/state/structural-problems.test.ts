import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../nodes';
import { starterGraph } from '../templates/starter';
import { structuralProblems } from './structural-problems';

describe('what stops a graph running as it is', () => {
  it('names a cycle and an unknown kind, node by node', () => {
    const doc = starterGraph('s');
    doc.nodes.push({ id: 'ghost', kind: 'hologram', kindVersion: 1, position: { x: 0, y: 0 }, params: {} });
    doc.edges.push({ id: 'back', from: { node: 'assemble', port: 'video' }, to: { node: 'audio', port: 'clip' } });
    const problems = structuralProblems(doc, nodeRegistry);
    expect(problems).toContain('node “ghost”: unknown node kind "hologram"; this app cannot run it');
    expect(problems.filter((problem) => problem.includes('is part of a cycle'))).toHaveLength(2);
  });

  it('names a component the graph does not carry', () => {
    const doc = starterGraph('s');
    doc.nodes.push({
      id: 'look',
      kind: 'component',
      kindVersion: 1,
      position: { x: 0, y: 0 },
      params: { component: { id: 'gone', version: 2 } },
    });
    expect(structuralProblems(doc, nodeRegistry)).toEqual([expect.stringMatching(/^node “look”: .*gone/)]);
  });

  it('leaves out what a graph being built has: inputs not connected yet', () => {
    const doc = starterGraph('s');
    doc.edges = [];
    expect(structuralProblems(doc, nodeRegistry)).toEqual([]);
  });
});
