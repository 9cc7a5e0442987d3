import { readFileSync } from 'node:fs';
import { parseDocument, validateGraph } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { CliError } from './cli-error';

/**
 * What `npm run validate` says of a graph file: the document, its upgrades and warnings, and every
 * problem, with the same parser and validator the app uses; exit code 0 only when every node can run.
 */
export function validateReport(path: string): { lines: string[]; code: number } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const lines: string[] = [];
  const parsed = parseDocument(text, nodeRegistry);
  if (!parsed.ok) {
    lines.push(`${path}: not a valid Reelgraph graph`);
    for (const error of parsed.errors) lines.push(`  ✗ ${error.path}: ${error.message}`);
    return { lines, code: 1 };
  }
  const { doc } = parsed;
  const kinds = new Map<string, number>();
  for (const node of doc.nodes) kinds.set(node.kind, (kinds.get(node.kind) ?? 0) + 1);
  lines.push(
    `${path}: “${doc.name}” (id ${doc.id}), schema version ${doc.schemaVersion}, saved by Reelgraph ${doc.metadata.appVersion}`,
    `  ${doc.nodes.length} nodes (${[...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ') || 'none'}), ${doc.edges.length} connections`,
  );
  for (const migration of parsed.migrated) lines.push(`  ↑ upgraded: ${migration}`);
  for (const warning of parsed.warnings) lines.push(`  ! ${warning.path}: ${warning.message}`);
  const { issues } = validateGraph(doc, nodeRegistry);
  for (const issue of issues)
    lines.push(`  ✗ node "${issue.nodeId}"${issue.port ? ` · ${issue.port}` : ''}: ${issue.message}`);
  lines.push(
    issues.length === 0
      ? '  ✓ valid: every node can run'
      : `  ${issues.length} problem${issues.length === 1 ? '' : 's'}`,
  );
  return { lines, code: issues.length === 0 ? 0 : 1 };
}
