import { describe, expect, it } from 'vitest';
import { graphDoc, node, edge, testRegistry } from './test-kit';
import { validateGraph } from './validate';

const validate = (nodes: Parameters<typeof graphDoc>[0], edges: Parameters<typeof graphDoc>[1] = []) =>
  validateGraph(graphDoc(nodes, edges), testRegistry);

describe('validateGraph', () => {
  it('accepts a well-formed graph and orders it sources first', () => {
    const result = validate(
      [node('c', 'clip'), node('p', 'choose', { choice: 0 }), node('s', 'candidates'), node('t', 'text')],
      [edge('t.text', 's.prompt'), edge('s.images', 'p.candidates'), edge('p.chosen', 'c.image')],
    );
    expect(result.issues).toEqual([]);
    expect(result.order).toEqual(['t', 's', 'p', 'c']);
    expect([...result.runnable].sort()).toEqual(['c', 'p', 's', 't']);
  });

  it('resolves a Pick-like output to the element type of its input list', () => {
    const result = validate([node('s', 'candidates'), node('p', 'choose')], [edge('s.images', 'p.candidates')]);
    expect(result.outputTypes.get('p:chosen')).toBe('image');
  });

  it('reports an unknown kind, and blocks only what depends on it', () => {
    const result = validate(
      [node('x', 'hologram'), node('u', 'upper'), node('t', 'text'), node('v', 'upper')],
      [edge('x.text', 'u.text'), edge('t.text', 'v.text')],
    );
    expect(result.issues).toEqual([expect.objectContaining({ code: 'unknown-kind', nodeId: 'x' })]);
    expect([...result.runnable].sort()).toEqual(['t', 'v']);
  });

  it('reports a missing required input at its port', () => {
    const result = validate([node('u', 'upper')]);
    expect(result.issues).toEqual([
      { code: 'missing-input', nodeId: 'u', port: 'text', message: 'needs an input on "text" (text)' },
    ]);
  });

  it('reports a type mismatch at the receiving port', () => {
    const result = validate([node('t', 'text'), node('c', 'clip')], [edge('t.text', 'c.image')]);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: 'type-mismatch',
        nodeId: 'c',
        port: 'image',
        message: '"image" accepts image, but "t" sends text',
      }),
    );
  });

  it('promotes a single image into a list input; a list into a single input maps the node over it', () => {
    const ok = validate(
      [node('s', 'candidates'), node('p', 'choose'), node('q', 'choose')],
      [edge('s.images', 'p.candidates'), edge('p.chosen', 'q.candidates')],
    );
    expect(ok.issues).toEqual([]);
    const mapped = validate([node('s', 'candidates'), node('c', 'clip')], [edge('s.images', 'c.image')]);
    expect(mapped.issues).toEqual([]);
    expect(mapped.mapping.get('c')).toEqual({ ports: ['image'], fan: undefined });
    expect(mapped.outputTypes.get('c:video')).toBe('videos');
    const bad = validate([node('s', 'candidates'), node('c', 'caption')], [edge('s.images', 'c.image')]);
    expect(bad.issues).toContainEqual(
      expect.objectContaining({
        code: 'cannot-map',
        nodeId: 'c',
        message:
          'Caption makes one text from one input, but a list arrives on "image"; put a Pick before it to keep one',
      }),
    );
  });

  it('allows many connections only on multiple inputs', () => {
    const ok = validate(
      [node('a', 'text'), node('b', 'text'), node('j', 'join')],
      [edge('a.text', 'j.parts'), edge('b.text', 'j.parts')],
    );
    expect(ok.issues).toEqual([]);
    const bad = validate(
      [node('a', 'text'), node('b', 'text'), node('u', 'upper')],
      [edge('a.text', 'u.text'), edge('b.text', 'u.text')],
    );
    expect(bad.issues).toContainEqual(expect.objectContaining({ code: 'too-many-edges', nodeId: 'u', port: 'text' }));
  });

  it('reports a param outside its schema, naming the param', () => {
    const result = validate([node('s', 'candidates', { count: 40 })]);
    expect(result.issues).toEqual([
      { code: 'invalid-param', nodeId: 's', port: 'count', message: 'param count must be at most 8' },
    ]);
    expect(result.runnable.has('s')).toBe(false);
  });

  it('fills in param defaults', () => {
    expect(validate([node('s', 'candidates')]).params.get('s')).toEqual({ count: 2, seed: 1 });
  });

  it('reports a connection to a node that does not exist', () => {
    const result = validate([node('u', 'upper')], [edge('ghost.text', 'u.text')]);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: 'dangling-edge',
        nodeId: 'u',
        port: 'text',
        message: expect.stringMatching(/"ghost"/),
      }),
    );
  });

  it('reports unknown ports', () => {
    const result = validate([node('t', 'text'), node('u', 'upper')], [edge('t.words', 'u.text')]);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'unknown-port', nodeId: 't', port: 'words' }));
  });

  it('names every node of a cycle, and blocks what hangs below it', () => {
    const result = validate(
      [node('a', 'upper'), node('b', 'upper'), node('c', 'upper'), node('below', 'upper'), node('free', 'text')],
      [edge('a.text', 'b.text'), edge('b.text', 'c.text'), edge('c.text', 'a.text'), edge('c.text', 'below.text')],
    );
    const cycle = result.issues.filter((issue) => issue.code === 'cycle');
    expect(cycle.map((issue) => issue.nodeId).sort()).toEqual(['a', 'b', 'c']);
    expect(cycle[0].message).toMatch(/cycle \("\w" → "\w" → "\w" → "\w"\)/);
    expect([...result.runnable]).toEqual(['free']);
  });

  it('reports a node wired to itself', () => {
    const result = validate([node('a', 'join')], [edge('a.text', 'a.parts')]);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'cycle', nodeId: 'a' }));
  });
});
