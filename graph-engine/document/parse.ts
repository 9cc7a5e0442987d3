import { runMigrations } from '../migrate';
import type { NodeRegistry } from '../node-def';
import { fromZodIssues, describeValue, type DocIssue } from './issues';
import { FILE_LIMITS, overLimits, type IntakeLimits } from './limits';
import { documentMigrations } from './migrations';
import { COMPONENT_KIND, DOCUMENT_FORMAT, SCHEMA_VERSION, zGraphDocument, type GraphDocument } from './schema';
import { formatBytes } from '../format-bytes';

export type ParseResult =
  { ok: true; doc: GraphDocument; warnings: DocIssue[]; migrated: string[] } | { ok: false; errors: DocIssue[] };

/**
 * Reads an untrusted graph (a JSON string or an already-parsed value): sniffs the version,
 * migrates, validates. Never throws and never half-loads: either a whole document or errors.
 * Nodes of unknown kinds are kept with their params and reported as warnings.
 */
export function parseDocument(
  input: unknown,
  registry?: NodeRegistry,
  limits: IntakeLimits = FILE_LIMITS,
): ParseResult {
  try {
    return parseUnsafe(input, registry, limits);
  } catch (error) {
    const reason =
      error instanceof RangeError ? 'it is nested too deeply' : error instanceof Error ? error.message : String(error);
    return fail('(top level)', `could not read this graph: ${reason}`);
  }
}

function fail(path: string, message: string): ParseResult {
  return { ok: false, errors: [{ path, message }] };
}

function parseUnsafe(input: unknown, registry: NodeRegistry | undefined, limits: IntakeLimits): ParseResult {
  let raw = input;
  if (typeof input === 'string') {
    if (input.length > limits.maxText)
      return fail(
        '(top level)',
        `is ${formatBytes(input.length)} of text; a graph may be at most ${formatBytes(limits.maxText)}`,
      );
    try {
      raw = JSON.parse(input);
    } catch (error) {
      return fail('(top level)', `this is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('(top level)', `expected a Reelgraph graph (a JSON object), got ${describeValue(raw)}`);
  }
  const record = raw as Record<string, unknown>;
  const over = overLimits(record, limits);
  if (over) return { ok: false, errors: [over] };
  if (record.format !== DOCUMENT_FORMAT) {
    return fail(
      'format',
      `this is not a Reelgraph graph: "format" should be "${DOCUMENT_FORMAT}", got ${describeValue(record.format)}`,
    );
  }
  const version = record.schemaVersion;
  if (typeof version !== 'number') {
    return fail('schemaVersion', `is missing or not a number (got ${describeValue(version)})`);
  }
  const migrated = runMigrations(record, version, SCHEMA_VERSION, documentMigrations);
  if (!migrated.ok) return fail('schemaVersion', `cannot open this graph: ${migrated.message}`);

  const parsed = zGraphDocument.safeParse(migrated.value, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: fromZodIssues(parsed.error.issues) };

  const doc = parsed.data;
  const warnings: DocIssue[] = [];
  const errors: DocIssue[] = [];
  // The nodes inside components are migrated and checked as the graph's own are.
  const lists = [
    { path: 'nodes', nodes: doc.nodes },
    ...(doc.components ?? []).map((def, at) => ({ path: `components[${at}].nodes`, nodes: def.nodes })),
  ];
  for (const { path, nodes } of registry ? lists : []) {
    nodes.forEach((node, index) => {
      if (node.kind === COMPONENT_KIND) return;
      const def = registry!.get(node.kind);
      if (!def) {
        warnings.push({
          path: `${path}[${index}].kind`,
          message: `node "${node.id}" is of an unknown kind "${node.kind}": it is kept with its params but cannot run`,
        });
        return;
      }
      if (node.kindVersion >= def.version) return;
      const result = runMigrations(node.params, node.kindVersion, def.version, def.migrations ?? []);
      if (!result.ok) {
        errors.push({
          path: `${path}[${index}].params`,
          message: `node "${node.id}" (${node.kind}): ${result.message}`,
        });
        return;
      }
      node.params = result.value;
      node.kindVersion = def.version;
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, doc, warnings, migrated: migrated.applied };
}
