import type { DocumentMigration } from '../migrate';

/**
 * Document migrations, one per schema version bump, in order (`from: 1` upgrades 1 → 2, …).
 * Every step added here needs its own old/new fixture test (migrations.test.ts fails on a step no
 * test exercised).
 */
export const documentMigrations: readonly DocumentMigration[] = [
  {
    // Nothing in a version 1 graph changes; the version says a graph may now hold component
    // definitions, so a build that cannot read them refuses it instead of dropping them.
    from: 1,
    name: 'graphs may hold components',
    up(doc) {
      doc.schemaVersion = 2;
    },
  },
  {
    // As before: nothing changes, but a graph may now say how it opens as an app.
    from: 2,
    name: 'graphs may be apps',
    up(doc) {
      doc.schemaVersion = 3;
    },
  },
];
