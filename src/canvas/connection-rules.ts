import type { Connection, Edge } from '@xyflow/react';
import { indexGraph, isCompatible, validateGraph, wouldCreateCycle } from '../../graph-engine';
import { nodeRegistry, portsOfNode } from '../../nodes';
import { useGraphStore } from '../state/graph-store';

/** Why a connection may not be made, or undefined when it may. */
export function connectionProblem(connection: Connection | Edge): string | undefined {
  const { doc } = useGraphStore.getState();
  if (!doc || !connection.sourceHandle || !connection.targetHandle) return 'Connect an output to an input.';
  const source = doc.nodes.find((node) => node.id === connection.source);
  const target = doc.nodes.find((node) => node.id === connection.target);
  const inputSpec = target && portsOfNode(target, doc.components).inputs[connection.targetHandle];
  if (!source || !inputSpec) return 'Unknown port.';
  const validation = validateGraph(doc, nodeRegistry);
  const type = validation.outputTypes.get(`${connection.source}:${connection.sourceHandle}`);
  if (type && !isCompatible(type, inputSpec))
    return `“${inputSpec.label ?? connection.targetHandle}” accepts ${inputSpec.accepts.join(' or ')}, not ${type}.`;
  if (
    !inputSpec.multiple &&
    doc.edges.some((edge) => edge.to.node === connection.target && edge.to.port === connection.targetHandle)
  ) {
    return 'That input is already connected.';
  }
  if (wouldCreateCycle(indexGraph(doc), connection.source, connection.target))
    return 'That connection would make a cycle.';
  return undefined;
}
