/**
 * Up-only migrations, applied in order on load. Each step mutates a private clone, so a failure
 * leaves the input untouched. The document and every node kind keep their own numbered sequence.
 */
export interface Migration<T> {
  /** The version this step upgrades from; it produces `from + 1`. */
  from: number;
  /** What changed, in words (shown when the step fails). */
  name: string;
  up(value: T): void;
}

export type DocumentMigration = Migration<Record<string, unknown>>;
export type ParamsMigration = Migration<Record<string, unknown>>;

export type MigrationResult<T> =
  | { ok: true; value: T; applied: string[] }
  | { ok: false; reason: 'too-new' | 'unknown-version' | 'migration-failed'; message: string };

/** Runs the steps from `version` to `current`; checks the sequence has no gaps. */
export function runMigrations<T>(
  value: T,
  version: number,
  current: number,
  migrations: readonly Migration<T>[],
): MigrationResult<T> {
  if (!Number.isInteger(version) || version < 1) {
    return { ok: false, reason: 'unknown-version', message: `version ${String(version)} is not a version number` };
  }
  if (version > current) {
    return {
      ok: false,
      reason: 'too-new',
      message: `it was saved by a newer Reelgraph (version ${version}; this app reads up to ${current}). Update the app to open it`,
    };
  }
  if (version === current) return { ok: true, value, applied: [] };
  const draft = structuredClone(value);
  const applied: string[] = [];
  for (let at = version; at < current; at++) {
    const step = migrations.find((migration) => migration.from === at);
    if (!step) {
      return { ok: false, reason: 'unknown-version', message: `no migration from version ${at} to ${at + 1}` };
    }
    try {
      step.up(draft);
    } catch (error) {
      return {
        ok: false,
        reason: 'migration-failed',
        message: `upgrading from version ${at} (${step.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    applied.push(step.name);
  }
  return { ok: true, value: draft, applied };
}
