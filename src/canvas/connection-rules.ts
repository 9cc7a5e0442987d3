import type { Connection, Edge } from '@xyflow/react';
import { indexGraph, isCompatible, validateGraph, wouldCreateCycle, type EdgeDoc } from '../../graph-engine';
import { nodeRegistry, portsOfNode } from '../../nodes';
import { useGraphStore } from '../state/graph-store';
import { shownDoc } from '../state/selectors';

/** Why a connection may not be made, or undefined when it may. */
export function connectionProblem(connection: Connection | Edge): string | undefined {
  const { doc } = useGraphStore.getState();
  // The nodes as drawn (a component's inside, opened); their output types as the graph runs them.
  const shown = shownDoc(useGraphStore.getState());
  if (!doc || !shown || !connection.sourceHandle || !connection.targetHandle) return 'Connect an output to an input.';
  const source = shown.nodes.find((node) => node.id === connection.source);
  const target = shown.nodes.find((node) => node.id === connection.target);
  const inputSpec = target && portsOfNode(target, doc.components).inputs[connection.targetHandle];
  if (!source || !inputSpec) return 'Unknown port.';
  const validation = validateGraph(doc, nodeRegistry);
  const type = validation.outputTypes.get(`${connection.source}:${connection.sourceHandle}`);
  if (type && !isCompatible(type, inputSpec))
    return `“${inputSpec.label ?? connection.targetHandle}” accepts ${inputSpec.accepts.join(' or ')}, not ${type}.`;
  // Wires as drawn, and as the graph runs (inside a component, an input may be fed from outside it).
  const wired = (edges: readonly EdgeDoc[] | undefined) =>
    edges?.some((edge) => edge.to.node === connection.target && edge.to.port === connection.targetHandle) ?? false;
  if (!inputSpec.multiple && (wired(shown.edges) || wired(validation.index.incoming.get(connection.target))))
    return 'That input is already connected.';
  if (
    wouldCreateCycle(indexGraph(shown), connection.source, connection.target) ||
    wouldCreateCycle(validation.index, connection.source, connection.target)
  )
    return 'That connection would make a cycle.';
  return undefined;
}
