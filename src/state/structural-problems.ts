import { validateGraph, type GraphDocument, type IssueCode, type NodeRegistry } from '../../graph-engine';

/**
 * What stops a graph running as it is, whatever is connected later: a cycle, a kind this app
 * does not have (or a newer version of one), a component the graph does not carry (or one that
 * holds itself), a wire to a node or port that is not there. A missing input is not one of them
 * (a graph being built has those).
 */
const STRUCTURAL: ReadonlySet<IssueCode> = new Set([
  'cycle',
  'unknown-kind',
  'kind-too-new',
  'dangling-edge',
  'unknown-port',
  'unknown-component',
  'component-cycle',
]);

/** Each such problem of a graph, naming its node, in the words validation uses. */
export function structuralProblems(doc: GraphDocument, registry: NodeRegistry): string[] {
  return validateGraph(doc, registry)
    .issues.filter((issue) => STRUCTURAL.has(issue.code))
    .map((issue) => `node “${issue.nodeId}”${issue.port ? ` · ${issue.port}` : ''}: ${issue.message}`);
}
