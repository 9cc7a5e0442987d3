import { describe, expect, it } from 'vitest';
import { findCycles, indexGraph, topologicalOrder, wouldCreateCycle } from './graph';
import { edge, graphDoc, node } from './test-kit';

describe('graph helpers', () => {
  const chain = (length: number) =>
    graphDoc(
      Array.from({ length }, (_, at) => node(`n${at}`, 'upper')),
      Array.from({ length: length - 1 }, (_, at) => edge(`n${at}.text`, `n${at + 1}.text`)),
    );

  it('orders a long chain without recursion', () => {
    const { order, unordered } = topologicalOrder(indexGraph(chain(50_000)));
    expect(order.length).toBe(50_000);
    expect(order[0]).toBe('n0');
    expect(unordered).toEqual([]);
  });

  it('finds a cycle closing a long chain without overflowing the stack', () => {
    const doc = chain(50_000);
    doc.edges.push(edge('n49999.text', 'n0.text'));
    const index = indexGraph(doc);
    const cycles = findCycles(index, topologicalOrder(index).unordered);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(50_000);
  });

  it('tells whether a new connection would close a cycle', () => {
    const index = indexGraph(chain(4));
    expect(wouldCreateCycle(index, 'n3', 'n0')).toBe(true);
    expect(wouldCreateCycle(index, 'n0', 'n3')).toBe(false);
    expect(wouldCreateCycle(index, 'n2', 'n2')).toBe(true);
  });
});
