import { PATH_SEPARATOR } from '../flatten';
import { COMPONENT_KIND, type GraphDocument, type InstanceParams, type TakeSettings } from './schema';

/**
 * Where a node's params and takes are set, in a graph being changed (a draft, or a copy): on the
 * node, or for a node inside a component (`instance/inner`, `instance/nested/inner`) on its
 * top-level instance's settings for it, made as needed. The flattened graph applies them (see
 * flatten.ts). Undefined when no node or instance has that id.
 */
export function settingsAt(
  graph: Pick<GraphDocument, 'nodes'>,
  nodeId: string,
): { params: Record<string, unknown>; takes?: TakeSettings } | undefined {
  const node = graph.nodes.find((candidate) => candidate.id === nodeId);
  if (node) return node;
  const instance = graph.nodes.find(
    (candidate) => candidate.kind === COMPONENT_KIND && nodeId.startsWith(candidate.id + PATH_SEPARATOR),
  );
  if (!instance) return undefined;
  const inner = ((instance.params as Partial<InstanceParams>).inner ??= {});
  const settings = (inner[nodeId.slice(instance.id.length + 1)] ??= {});
  settings.params ??= {};
  return settings as { params: Record<string, unknown>; takes?: TakeSettings };
}
