import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { computeCacheKeys, keyIngredients, type KeyIngredients } from './cache-key';
import { canonicalJSON } from './canonical-json';
import { createRegistry } from './node-def';
import type { GraphDocument } from './document/schema';
import { edge, graphDoc, node, testRegistry } from './test-kit';
import { validateGraph } from './validate';

const keysOf = (doc: GraphDocument) => computeCacheKeys(validateGraph(doc, testRegistry), testRegistry);

const pipeline = () =>
  graphDoc(
    [
      node('t', 'text', { value: 'a fox' }),
      node('s', 'candidates', { seed: 7 }),
      node('p', 'choose', { choice: 1 }),
      node('c', 'clip'),
      node('other', 'text', { value: 'b' }),
    ],
    [edge('t.text', 's.prompt'), edge('s.images', 'p.candidates'), edge('p.chosen', 'c.image')],
  );

describe('computeCacheKeys', () => {
  it('is a SHA-256 per runnable node', () => {
    const keys = keysOf(pipeline());
    expect(keys.size).toBe(5);
    for (const key of keys.values()) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores position, title and node ids', () => {
    const moved = pipeline();
    moved.nodes[0].position = { x: 500, y: -20 };
    moved.nodes[0].title = 'Renamed';
    const before = keysOf(pipeline());
    expect(keysOf(moved)).toEqual(before);

    const renamed = JSON.parse(
      JSON.stringify(pipeline()).replaceAll('"s"', '"still-9"').replaceAll('s.', 'still-9.'),
    ) as GraphDocument;
    expect(keysOf(renamed).get('still-9')).toBe(before.get('s'));
  });

  it('ignores the order params were written in, and defaults written out or left out', () => {
    const a = pipeline();
    const b = pipeline();
    b.nodes[1].params = { count: 2, seed: 7 };
    a.nodes[1].params = { seed: 7 };
    expect(keysOf(a).get('s')).toBe(keysOf(b).get('s'));
  });

  it('changes every key below a changed param, and only those', () => {
    const before = keysOf(pipeline());
    const changed = pipeline();
    changed.nodes[1].params = { seed: 8 };
    const after = keysOf(changed);
    expect(after.get('t')).toBe(before.get('t'));
    expect(after.get('other')).toBe(before.get('other'));
    for (const id of ['s', 'p', 'c']) expect(after.get(id)).not.toBe(before.get(id));
  });

  it('changes when a connection is rewired', () => {
    const doc = graphDoc(
      [node('a', 'text', { value: 'x' }), node('b', 'text', { value: 'y' }), node('u', 'upper')],
      [edge('a.text', 'u.text')],
    );
    const rewired = structuredClone(doc);
    rewired.edges = [edge('b.text', 'u.text')];
    expect(keysOf(doc).get('u')).not.toBe(keysOf(rewired).get('u'));
  });

  it('depends on the order of a multiple input', () => {
    const nodes = [node('a', 'text', { value: 'x' }), node('b', 'text', { value: 'y' }), node('j', 'join')];
    const ab = keysOf(graphDoc(nodes, [edge('a.text', 'j.parts'), edge('b.text', 'j.parts')]));
    const ba = keysOf(graphDoc(nodes, [edge('b.text', 'j.parts'), edge('a.text', 'j.parts')]));
    expect(ab.get('j')).not.toBe(ba.get('j'));
  });

  it('has no key for a node that cannot run', () => {
    const keys = keysOf(graphDoc([node('u', 'upper')]));
    expect(keys.has('u')).toBe(false);
  });

  it('changes with a kind’s output version, and equals the canonical JSON of its ingredients either way', () => {
    const doc = pipeline();
    const redrawn = createRegistry(
      [...testRegistry.values()].map((def) => (def.kind === 'candidates' ? { ...def, outputVersion: 2 } : def)),
    );
    const validation = validateGraph(doc, testRegistry);
    const before = computeCacheKeys(validation, testRegistry);
    const after = computeCacheKeys(validation, redrawn);
    // The redrawn kind and everything below it; nothing beside it.
    expect(['t', 's', 'p', 'c', 'other'].filter((id) => before.get(id) !== after.get(id))).toEqual(['s', 'p', 'c']);
    const textRedrawn = createRegistry(
      [...testRegistry.values()].map((def) => (def.kind === 'text' ? { ...def, outputVersion: 3 } : def)),
    );
    for (const registry of [testRegistry, textRedrawn]) {
      const keys = computeCacheKeys(validation, registry);
      // A node with no inputs: its key is the hash of its ingredients but the (empty) inputs.
      const header: Partial<KeyIngredients> = { ...keyIngredients('t', validation, registry, keys) };
      delete header.inputs;
      expect(keys.get('t')).toBe(bytesToHex(sha256(new TextEncoder().encode(canonicalJSON(header)))));
    }
    expect(keyIngredients('s', validation, redrawn, after)).toMatchObject({ output: 2 });
  });
});
