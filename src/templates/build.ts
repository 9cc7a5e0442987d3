import type { EdgeDoc, NodeDoc } from '../../graph-engine';
import { newNode, type NodeKind } from '../../nodes';

/** Template shorthand: a node at a position. */
export const node = (
  id: string,
  kind: NodeKind,
  x: number,
  y: number,
  params: Record<string, unknown>,
  title?: string,
): NodeDoc => newNode(kind, { id, position: { x, y }, params, title });

/** Template shorthand: `edge('still.images', 'pick.candidates')`. */
export function edge(from: string, to: string): EdgeDoc {
  const [fromNode, fromPort] = from.split('.');
  const [toNode, toPort] = to.split('.');
  return {
    id: `${fromNode}-${toNode}-${toPort}`,
    from: { node: fromNode, port: fromPort },
    to: { node: toNode, port: toPort },
  };
}
