import { openedAt } from '../../graph-engine';
import { useGraphStore } from './graph-store';

/**
 * Opens an instance's inside on the canvas, to edit its component for every use of it: an instance
 * of the graph, or one drawn inside the component opened now (its path id, `a/b`); nothing for another node.
 */
export function openComponent(id: string): void {
  const { doc } = useGraphStore.getState();
  if (!doc || !openedAt(doc, id)) return;
  useGraphStore.setState({ inside: id, compare: null });
}

/** Back from a component's inside to the graph. */
export function closeComponent(): void {
  useGraphStore.setState({ inside: null });
}

/** The components opened now, outermost first, each with its instance's path id: where the canvas is. */
export function openedChain(state: { doc: Parameters<typeof openedAt>[0] | null; inside: string | null }) {
  return state.doc && state.inside !== null ? (openedAt(state.doc, state.inside) ?? []) : [];
}
