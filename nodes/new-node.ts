import type { NodeDoc } from '../graph-engine';
import { nodeRegistry, type NodeKind } from './registry';

/**
 * A new node of `kind` as the document stores it, at the kind's current version (from the
 * registry, so a template or a drop never writes an old one).
 */
export function newNode(
  kind: NodeKind,
  node: { id?: string; position: { x: number; y: number }; params?: Record<string, unknown>; title?: string },
): NodeDoc {
  const def = nodeRegistry.get(kind);
  if (!def) throw new Error(`No node kind "${kind}"`);
  return {
    id: node.id ?? `${kind}-${crypto.randomUUID().slice(0, 8)}`,
    kind,
    kindVersion: def.version,
    position: node.position,
    params: node.params ?? {},
    ...(node.title ? { title: node.title } : {}),
  };
}
