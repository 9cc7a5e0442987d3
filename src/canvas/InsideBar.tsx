import { Panel } from '@xyflow/react';
import { closeComponent, openComponent, openedChain } from '../state/inside';
import { useGraphStore } from '../state/graph-store';

/** Where the canvas is, with a component opened: the graph, then each component on the way in, and the way back. */
export function InsideBar() {
  const doc = useGraphStore((state) => state.doc);
  const inside = useGraphStore((state) => state.inside);
  const steps = openedChain({ doc, inside });
  return (
    <Panel position="top-center" className="inside-bar" aria-label="Inside a component">
      <nav aria-label="Where you are">
        <button type="button" className="link" onClick={closeComponent}>
          {doc?.name || 'The graph'}
        </button>
        {steps.map((step, index) => (
          <span key={step.id}>
            <span aria-hidden="true"> › </span>
            {index < steps.length - 1 ? (
              <button type="button" className="link" onClick={() => openComponent(step.id)}>
                {step.definition.name}
              </button>
            ) : (
              <strong>{step.definition.name}</strong>
            )}
          </span>
        ))}
      </nav>
      <span className="hint">Changes here apply to every use of this component.</span>
      <button type="button" onClick={closeComponent}>
        Back to the graph
      </button>
    </Panel>
  );
}
