import { defineNode, type AnyNodeDef, type NodeDef } from '../graph-engine';
import type { NodeProviders } from './providers';

/**
 * Declares one of the app's node kinds: the params type comes from the params schema and the kind
 * stays a literal type, so the list of kinds knows every name in it (and `nodeViews` must match).
 */
export function defineKind<P, const K extends string>(def: NodeDef<P, NodeProviders, K>): AnyNodeDef<NodeProviders, K> {
  return defineNode<P, NodeProviders, K>(def);
}
