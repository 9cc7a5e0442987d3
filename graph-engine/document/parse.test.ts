import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, defineNode } from '../node-def';
import { graphDoc, node, edge, testRegistry } from '../test-kit';
import { parseDocument } from './parse';
import { FILE_LIMITS } from './limits';
import { COMPONENT_KIND, type ComponentDef } from './schema';

const component: ComponentDef = {
  id: 'look',
  version: 1,
  name: 'Look',
  nodes: [node('u', 'upper')],
  edges: [],
  inputs: [{ name: 'in', to: [{ node: 'u', port: 'text' }] }],
  outputs: [{ name: 'out', from: { node: 'u', port: 'text' } }],
  params: [],
};

const valid = graphDoc([node('a', 'text', { value: 'hi' }), node('b', 'upper')], [edge('a.text', 'b.text')]);

function errorsOf(input: unknown) {
  const result = parseDocument(input, testRegistry);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('parseDocument', () => {
  it('reads a valid document, from a value or from JSON text', () => {
    const fromValue = parseDocument(valid, testRegistry);
    const fromText = parseDocument(JSON.stringify(valid), testRegistry);
    expect(fromValue).toMatchObject({ ok: true, warnings: [] });
    expect(fromText.ok && fromText.doc).toEqual(valid);
  });

  it('says the text is not JSON', () => {
    expect(errorsOf('{"format": ')[0].message).toMatch(/not valid JSON/);
  });

  it('recognises a file that is not a Reelgraph graph', () => {
    expect(errorsOf({ hello: 1 })[0]).toMatchObject({
      path: 'format',
      message: expect.stringMatching(/not a Reelgraph graph/),
    });
    expect(errorsOf([1, 2])[0].message).toMatch(/expected a Reelgraph graph.*got a list/);
  });

  it('refuses a document from a newer version without touching it', () => {
    const input = { ...valid, schemaVersion: 99 };
    expect(errorsOf(input)[0].message).toMatch(/newer Reelgraph/);
    expect(input.schemaVersion).toBe(99);
  });

  it('names the JSON path and the problem for each bad field', () => {
    const bad = structuredClone(valid) as unknown as {
      nodes: Record<string, unknown>[];
      viewport: Record<string, unknown>;
    };
    bad.nodes[1].position = { x: 'left', y: 0 };
    delete bad.nodes[0].kind;
    bad.viewport.zoom = -1;
    const errors = errorsOf(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'nodes[1].position.x', message: 'expected a number, got text "left"' },
        { path: 'nodes[0].kind', message: 'is missing (expected text)' },
        { path: 'viewport.zoom', message: 'must be above 0' },
      ]),
    );
  });

  it('reports duplicate node ids', () => {
    const dup = graphDoc([node('a', 'text'), node('a', 'text')]);
    expect(errorsOf(dup)).toContainEqual({ path: 'nodes[1].id', message: 'another node already has the id "a"' });
  });

  it('keeps nodes of unknown kinds with their params, and warns', () => {
    const doc = graphDoc([node('x', 'hologram', { depth: 3 })]);
    const result = parseDocument(doc, testRegistry);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc.nodes[0]).toMatchObject({ kind: 'hologram', params: { depth: 3 } });
    expect(result.warnings[0].message).toMatch(/unknown kind "hologram".*kept/);
  });

  it('keeps unknown fields on nodes (forward compatibility) and strips unknown top-level keys', () => {
    const doc = { ...valid, extra: true, nodes: [{ ...valid.nodes[0], color: 'red' }, valid.nodes[1]] };
    const result = parseDocument(doc, testRegistry);
    expect(result.ok && result.doc.nodes[0]).toMatchObject({ color: 'red' });
    expect(result.ok && 'extra' in result.doc).toBe(false);
  });

  describe('node kind migrations', () => {
    const v2 = defineNode({
      kind: 'text',
      version: 2,
      title: 'Text',
      description: 'A test kind',
      inputs: {},
      outputs: { text: { type: 'text' } },
      params: z.object({ body: z.string() }),
      migrations: [
        { from: 1, name: 'value renamed to body', up: (params) => ((params.body = params.value), delete params.value) },
      ],
      run: async ({ params }) => ({ text: params.body }),
    });
    const registry = createRegistry([v2]);

    it('upgrades the params of older nodes on load', () => {
      const result = parseDocument(graphDoc([node('a', 'text', { value: 'old' })]), registry);
      expect(result.ok && result.doc.nodes[0]).toMatchObject({ kindVersion: 2, params: { body: 'old' } });
    });

    it('upgrades the nodes inside components as it does the graph nodes', () => {
      const doc = {
        ...graphDoc([]),
        components: [{ ...component, nodes: [node('a', 'text', { value: 'old' })], inputs: [], outputs: [] }],
      };
      const result = parseDocument(doc, registry);
      expect(result.ok && result.doc.components![0].nodes[0]).toMatchObject({
        kindVersion: 2,
        params: { body: 'old' },
      });
    });

    it('fails the whole load, naming the node, when a step fails', () => {
      const broken = createRegistry([
        {
          ...v2,
          migrations: [
            {
              from: 1,
              name: 'broken',
              up: () => {
                throw new Error('nope');
              },
            },
          ],
        },
      ]);
      const result = parseDocument(graphDoc([node('a', 'text', { value: 'old' })]), broken);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors[0]).toMatchObject({
        path: 'nodes[0].params',
        message: expect.stringMatching(/"a".*broken.*nope/),
      });
    });
  });

  describe('components', () => {
    it('opens a graph saved before components (schema version 1), upgraded', () => {
      const result = parseDocument({ ...valid, schemaVersion: 1 }, testRegistry);
      expect(result).toMatchObject({
        ok: true,
        migrated: ['graphs may hold components', 'graphs may be apps'],
        doc: valid,
      });
    });

    it('reads a graph with components and their instances; nothing of theirs is an unknown kind', () => {
      const doc = {
        ...graphDoc([node('i', COMPONENT_KIND, { component: { id: 'look', version: 1 } })]),
        components: [component],
      };
      const result = parseDocument(JSON.stringify(doc), testRegistry);
      expect(result).toMatchObject({ ok: true, warnings: [] });
      expect(result.ok && result.doc).toEqual(doc);
    });

    it('warns of an unknown kind inside a component, naming where it is', () => {
      const doc = {
        ...graphDoc([]),
        components: [{ ...component, nodes: [node('h', 'hologram')], inputs: [], outputs: [] }],
      };
      const result = parseDocument(doc, testRegistry);
      expect(result.ok && result.warnings[0].path).toBe('components[0].nodes[0].kind');
    });

    it('refuses two definitions of one component at one version, and a border naming a node not inside', () => {
      const broken = { ...component, outputs: [{ name: 'out', from: { node: 'nowhere', port: 'text' } }] };
      expect(errorsOf({ ...valid, components: [component, component] })).toContainEqual({
        path: 'components[1].id',
        message: 'another component already has the id "look@1"',
      });
      expect(errorsOf({ ...valid, components: [broken] })).toContainEqual({
        path: 'components[0].outputs[0].from.node',
        message: 'names "nowhere", which is not a node inside',
      });
    });

    it('counts the nodes inside components against the limit', () => {
      const many = { ...component, nodes: Array.from({ length: 10 }, (_, at) => node(`n${at}`, 'text')) };
      const result = parseDocument({ ...valid, components: [many] }, testRegistry, { ...FILE_LIMITS, maxNodes: 11 });
      expect(!result.ok && result.errors[0].message).toMatch(/has 12 nodes/);
    });
  });

  it('never throws on hostile input', () => {
    let deep: unknown = 1;
    for (let at = 0; at < 100_000; at++) deep = [deep];
    const hostile: unknown[] = [
      undefined,
      null,
      42,
      'null',
      '[]',
      JSON.parse('{"__proto__": {"polluted": true}, "format": "reelgraph.graph"}'),
      { ...valid, nodes: [{ ...valid.nodes[0], params: JSON.parse('{"__proto__": {"x": 1}}') }] },
      { ...valid, nodes: [{ ...valid.nodes[0], params: { deep } }] },
      '['.repeat(200_000),
      { ...valid, name: 'x'.repeat(1_000_000) },
    ];
    for (const input of hostile) expect(() => parseDocument(input, testRegistry)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
