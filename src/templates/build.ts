import type { EdgeDoc, NodeDoc } from '../../graph-engine';

/** Template shorthand: a node at a position. */
export const node = (id: string, kind: string, x: number, y: number, params: Record<string, unknown>, title?: string): NodeDoc => ({
  id,
  kind,
  kindVersion: 1,
  position: { x, y },
  params,
  ...(title ? { title } : {}),
});

/** Template shorthand: `edge('still.images', 'pick.candidates')`. */
export function edge(from: string, to: string): EdgeDoc {
  const [fromNode, fromPort] = from.split('.');
  const [toNode, toPort] = to.split('.');
  return { id: `${fromNode}-${toNode}-${toPort}`, from: { node: fromNode, port: fromPort }, to: { node: toNode, port: toPort } };
}
