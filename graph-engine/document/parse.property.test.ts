import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testRegistry } from '../test-kit';
import { validateGraph } from '../validate';
import { createDocument } from './create';
import { parseDocument } from './parse';
import { zGraphDocument } from './schema';

const valid = createDocument({
  id: 'g',
  name: 'valid',
  appVersion: 'test',
  now: new Date('2026-11-24T00:00:00Z'),
  nodes: [
    { id: 'a', kind: 'text', kindVersion: 1, position: { x: 0, y: 0 }, params: { value: 'hi' } },
    { id: 'b', kind: 'upper', kindVersion: 1, position: { x: 200, y: 0 }, params: {} },
  ],
  edges: [{ id: 'e', from: { node: 'a', port: 'text' }, to: { node: 'b', port: 'text' } }],
});

/** Every way the tests damage a value: wrong types, huge strings, deep nesting, prototype keys. */
const hostile = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(1_000_000)),
  fc.integer({ min: 1, max: 5000 }).map((depth) => {
    let value: unknown = 1;
    for (let at = 0; at < depth; at++) value = { nested: value };
    return value;
  }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.constant(JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')),
  fc.constantFrom(null, undefined, Number.NaN, Infinity, -0, true, [], {}),
);

/** A path into the valid document and a value to put there. */
const mutation = fc.tuple(
  fc.constantFrom(
    [],
    ['nodes'],
    ['nodes', 0],
    ['nodes', 0, 'id'],
    ['nodes', 0, 'kind'],
    ['nodes', 0, 'params'],
    ['nodes', 0, 'position'],
    ['nodes', 1, 'params', 'x'],
    ['edges'],
    ['edges', 0, 'from'],
    ['edges', 0, 'to', 'node'],
    ['schemaVersion'],
    ['format'],
    ['metadata'],
    ['viewport', 'zoom'],
    ['__proto__'],
    ['nodes', 0, '__proto__'],
  ),
  hostile,
);

function mutate(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string | number, unknown>;
  }
  Object.defineProperty(at, path[path.length - 1], { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function checkOutcome(input: unknown) {
  const result = parseDocument(input, testRegistry);
  if (result.ok) {
    // A document that parses is whole: the schema holds and the validator can read it.
    expect(zGraphDocument.safeParse(result.doc).success).toBe(true);
    expect(() => validateGraph(result.doc, testRegistry)).not.toThrow();
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) expect(typeof error.message).toBe('string');
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

// About 2.5 s for the 2,000 mutated documents on an idle two-core machine: the budget leaves
// room for a busy one, and a hang still fails the test.
const BUDGET_MS = 60_000;

describe('importing untrusted documents (property-based)', () => {
  it(
    'never throws or hangs on random values, and yields a valid document or errors',
    () => {
      fc.assert(
        fc.property(hostile, (input) => checkOutcome(input)),
        { numRuns: 1500 },
      );
    },
    BUDGET_MS,
  );

  it(
    'never throws or hangs on mutated documents, as objects or as JSON text',
    () => {
      fc.assert(
        fc.property(mutation, fc.boolean(), ([path, value], asText) => {
          const input = mutate(valid, path, value);
          let text: string | undefined;
          try {
            text = asText ? JSON.stringify(input) : undefined;
          } catch {
            text = undefined;
          }
          checkOutcome(text ?? input);
        }),
        { numRuns: 2000 },
      );
    },
    BUDGET_MS,
  );

  it(
    'keeps dangling edges and cycles out of runs, with readable issues',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.constantFrom('a', 'b', 'ghost'), fc.constantFrom('a', 'b', 'ghost')), { maxLength: 6 }),
          (pairs) => {
            const doc = structuredClone(valid);
            doc.edges = pairs.map(([from, to], at) => ({
              id: `x${at}`,
              from: { node: from, port: 'text' },
              to: { node: to, port: 'text' },
            }));
            const result = parseDocument(doc, testRegistry);
            if (!result.ok) return;
            const { issues } = validateGraph(result.doc, testRegistry);
            for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
          },
        ),
        { numRuns: 500 },
      );
    },
    BUDGET_MS,
  );
});
