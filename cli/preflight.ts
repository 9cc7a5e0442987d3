import { createHash } from 'node:crypto';
import {
  flatTargets,
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
  const bound = new Map(options.bindings.map((binding) => [binding.nodeId, binding]));
  const asRun: GraphDocument = {
    ...doc,
    nodes: doc.nodes.map((node) => {
      const binding = bound.get(node.id);
      const intake = registry.get(node.kind)?.files;
      let params = node.params;
      if (binding && intake) {
        // Stands in for the file (stored as it is bound): the graph is judged with a file in place.
        const ref = { $artifact: sha256(binding.path), mime: binding.mime, size: 1 };
        params = { ...params, ...(intake.toParams(ref) as Record<string, unknown>) };
      }
      if (options.autoPick && node.kind === 'pick') params = { ...params, autoPick: true };
      return params === node.params ? node : { ...node, params };
    }),
  };
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
  for (const node of asRun.nodes) {
    if (!needed.has(node.id)) continue;
    const def = registry.get(node.kind)!;
    const use = def.files?.uses(validation.params.get(node.id));
    if (use && !use.file)
      throw new CliError(`${options.path}: node "${node.id}" needs ${def.files!.what}: pass --file ${node.id}=<path>`);
  }
}

/** The targets and everything upstream of them; every node when there are no targets. */
/** The nodes a render of these targets runs (all, for none), inside components by their path ids. */
function neededBy(targets: readonly string[], validation: Validation): Set<string> {
  if (targets.length === 0) return new Set(validation.index.nodes.keys());
  return upstreamOf(validation.index, flatTargets(validation.flat, targets));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
