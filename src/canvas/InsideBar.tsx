import { Panel } from '@xyflow/react';
import { closeComponent } from '../state/inside';
import { useGraphStore } from '../state/graph-store';
import { nodeName } from '../state/selectors';

/** Where the canvas is, with a component opened: the graph, then the component, and the way back. */
export function InsideBar() {
  const graph = useGraphStore((state) => state.doc?.name ?? '');
  const component = useGraphStore((state) => (state.inside ? nodeName(state.doc, state.inside) : ''));
  return (
    <Panel position="top-center" className="inside-bar" aria-label="Inside a component">
      <nav aria-label="Where you are">
        <button type="button" className="link" onClick={closeComponent}>
          {graph || 'The graph'}
        </button>
        <span aria-hidden="true"> › </span>
        <strong>{component}</strong>
      </nav>
      <span className="hint">Changes here apply to every use of this component.</span>
      <button type="button" onClick={closeComponent}>
        Back to the graph
      </button>
    </Panel>
  );
}
