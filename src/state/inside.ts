import { definitionOf } from '../../graph-engine';
import { useGraphStore } from './graph-store';

/** Opens an instance's inside on the canvas, to edit its component for every use of it; nothing for another node. */
export function openComponent(id: string): void {
  const { doc } = useGraphStore.getState();
  const node = doc?.nodes.find((candidate) => candidate.id === id);
  if (!doc || !node || !definitionOf(node, doc.components ?? [])) return;
  useGraphStore.setState({ inside: id, compare: null });
}

/** Back from a component's inside to the graph. */
export function closeComponent(): void {
  useGraphStore.setState({ inside: null });
}
