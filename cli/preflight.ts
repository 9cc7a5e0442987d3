import { createHash } from 'node:crypto';
import {
  flattenComponents,
  flatTargets,
  settingsAt,
  upstreamOf,
  validateGraph,
  type GraphDocument,
  type NodeRegistry,
  type Validation,
} from '../graph-engine';
import { CliError } from './cli-error';

/** A file given with `--file`, read and typed. */
export interface FileBinding {
  nodeId: string;
  mime: string;
  path: string;
}

/**
 * What a render can judge before it starts Chromium, judged in Node with the app's own validator:
 * the graph as the run will see it (files bound, picks automatic where asked) must have no problem
 * in the nodes the run needs, and every node there that uses a file must have one. The first
 * problem is one line; `npm run validate` lists them all.
 */
export function preflight(
  doc: GraphDocument,
  registry: NodeRegistry,
  options: { path: string; targets: readonly string[]; bindings: readonly FileBinding[]; autoPick: boolean },
): void {
  // The graph as the run will see it; a file or a pick inside a component is set for that use of it.
  const asRun = structuredClone(doc);
  const kinds = new Map(flattenComponents(doc).nodes.map((node) => [node.id, node.kind]));
  for (const binding of options.bindings) {
    const intake = registry.get(kinds.get(binding.nodeId) ?? '')?.files;
    const settings = settingsAt(asRun, binding.nodeId);
    // Stands in for the file (stored as it is bound): the graph is judged with a file in place.
    const ref = { $artifact: sha256(binding.path), mime: binding.mime, size: 1 };
    if (intake && settings) Object.assign(settings.params, intake.toParams(ref));
  }
  if (options.autoPick)
    for (const [id, kind] of kinds)
      if (kind === 'pick') Object.assign(settingsAt(asRun, id)?.params ?? {}, { autoPick: true });
  const validation = validateGraph(asRun, registry);
  const needed = neededBy(options.targets, validation);
  const problems = validation.issues.filter((issue) => needed.has(issue.nodeId));
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; npm run validate lists them all)` : '';
    throw new CliError(
      `${options.path}: node "${first.nodeId}"${first.port ? ` · ${first.port}` : ''}: ${first.message}${more}`,
    );
  }
  for (const node of validation.index.nodes.values()) {
    if (!needed.has(node.id)) continue;
    const files = registry.get(node.kind)?.files;
    const use = files?.uses(validation.params.get(node.id));
    if (files && use && !use.file)
      throw new CliError(`${options.path}: node "${node.id}" needs ${files.what}: pass --file ${node.id}=<path>`);
  }
}

/** The nodes a render of these targets runs (all, for none), inside components by their path ids. */
function neededBy(targets: readonly string[], validation: Validation): Set<string> {
  if (targets.length === 0) return new Set(validation.index.nodes.keys());
  return upstreamOf(validation.index, flatTargets(validation.flat, targets));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
