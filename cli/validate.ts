/**
 * `npm run validate -- <graph.json>`: prints the document and every validation problem; exits
 * non-zero on any. Runs in Node, with the same parser and validator the app uses.
 */
import { parseDocument, validateGraph } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import { readFileSync } from 'node:fs';
import { CliError, runCli } from './cli-error';
import { say } from './terminal';

runCli('reelgraph validate', async () => {
  const [path, ...rest] = process.argv.slice(2);
  if (!path || rest.length > 0) throw new CliError('usage: npm run validate -- <graph.json>');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const parsed = parseDocument(text, nodeRegistry);
  if (!parsed.ok) {
    say(`${path}: not a valid Reelgraph graph`);
    for (const error of parsed.errors) say(`  ✗ ${error.path}: ${error.message}`);
    return 1;
  }
  const { doc } = parsed;
  const kinds = new Map<string, number>();
  for (const node of doc.nodes) kinds.set(node.kind, (kinds.get(node.kind) ?? 0) + 1);
  say(
    `${path}: “${doc.name}” (id ${doc.id}), schema version ${doc.schemaVersion}, saved by Reelgraph ${doc.metadata.appVersion}`,
  );
  say(
    `  ${doc.nodes.length} nodes (${[...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ') || 'none'}), ${doc.edges.length} connections`,
  );
  for (const migration of parsed.migrated) say(`  ↑ upgraded: ${migration}`);
  for (const warning of parsed.warnings) say(`  ! ${warning.path}: ${warning.message}`);
  const { issues } = validateGraph(doc, nodeRegistry);
  for (const issue of issues)
    say(`  ✗ node "${issue.nodeId}"${issue.port ? ` · ${issue.port}` : ''}: ${issue.message}`);
  say(
    issues.length === 0
      ? '  ✓ valid: every node can run'
      : `  ${issues.length} problem${issues.length === 1 ? '' : 's'}`,
  );
  return issues.length === 0 ? 0 : 1;
});
