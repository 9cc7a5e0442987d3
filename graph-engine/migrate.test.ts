import { describe, expect, it } from 'vitest';
import { documentMigrations } from './document/migrations';
import { runMigrations, type Migration } from './migrate';

type Doc = Record<string, unknown>;
const steps: Migration<Doc>[] = [
  { from: 1, name: 'rename title to name', up: (doc) => ((doc.name = doc.title), delete doc.title) },
  { from: 2, name: 'add tags', up: (doc) => void (doc.tags = []) },
];

describe('runMigrations', () => {
  it('applies each step from the saved version up to the current one, in order', () => {
    const result = runMigrations<Doc>({ title: 'a' }, 1, 3, steps);
    expect(result).toEqual({ ok: true, value: { name: 'a', tags: [] }, applied: ['rename title to name', 'add tags'] });
  });

  it('starts from the saved version, not from 1', () => {
    const result = runMigrations<Doc>({ name: 'b' }, 2, 3, steps);
    expect(result.ok && result.value).toEqual({ name: 'b', tags: [] });
  });

  it('never touches its input', () => {
    const input = { title: 'a' };
    runMigrations<Doc>(input, 1, 3, steps);
    expect(input).toEqual({ title: 'a' });
  });

  it('refuses a version newer than this app', () => {
    const result = runMigrations<Doc>({}, 4, 3, steps);
    expect(result).toMatchObject({ ok: false, reason: 'too-new' });
    expect(!result.ok && result.message).toMatch(/newer Reelgraph/);
  });

  it('reports a missing step and a failing step by name', () => {
    expect(runMigrations<Doc>({}, 1, 3, [steps[1]])).toMatchObject({ ok: false, reason: 'unknown-version' });
    const failing: Migration<Doc> = {
      from: 1,
      name: 'explode',
      up: () => {
        throw new Error('boom');
      },
    };
    const result = runMigrations<Doc>({}, 1, 2, [failing]);
    expect(result).toMatchObject({ ok: false, reason: 'migration-failed' });
    expect(!result.ok && result.message).toMatch(/explode.*boom/);
  });

  it('rejects nonsense version numbers', () => {
    expect(runMigrations<Doc>({}, 0, 3, steps)).toMatchObject({ ok: false, reason: 'unknown-version' });
    expect(runMigrations<Doc>({}, 1.5, 3, steps)).toMatchObject({ ok: false, reason: 'unknown-version' });
  });
});

/**
 * One fixture per document migration: the saved shape before the step and what it must become.
 * A step added to documentMigrations without a fixture here fails the guard below.
 */
const documentFixtures: Record<number, { before: Doc; after: Doc }> = {
  1: {
    before: { format: 'reelgraph.graph', schemaVersion: 1, id: 'g', nodes: [], edges: [] },
    after: { format: 'reelgraph.graph', schemaVersion: 2, id: 'g', nodes: [], edges: [] },
  },
  2: {
    before: { format: 'reelgraph.graph', schemaVersion: 2, id: 'g', nodes: [], edges: [], components: [] },
    after: { format: 'reelgraph.graph', schemaVersion: 3, id: 'g', nodes: [], edges: [], components: [] },
  },
};

describe('document migrations', () => {
  it('every step has a fixture and turns it into the expected shape', () => {
    for (const migration of documentMigrations) {
      const fixture = documentFixtures[migration.from];
      expect(fixture, `migration from version ${migration.from} (${migration.name}) has no fixture`).toBeDefined();
      const draft = structuredClone(fixture.before);
      migration.up(draft);
      expect(draft).toEqual(fixture.after);
    }
    expect(Object.keys(documentFixtures).length).toBe(documentMigrations.length);
  });

  it('the steps form one gapless sequence starting at version 1', () => {
    documentMigrations.forEach((migration, at) => expect(migration.from).toBe(at + 1));
  });
});
