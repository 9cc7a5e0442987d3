import type { DocumentMigration } from '../migrate';

/**
 * Document migrations, one per schema version bump, in order (`from: 1` upgrades 1 → 2, …).
 * Version 1 is the first released format, so the list starts empty; every step added here
 * needs its own old/new fixture test (migrations.test.ts fails on a step no test exercised).
 */
export const documentMigrations: readonly DocumentMigration[] = [];
