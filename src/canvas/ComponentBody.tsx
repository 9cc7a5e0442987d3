import type { ArtifactRef, ComponentDef } from '../../graph-engine';
import { Media } from '../ui/Media';

/**
 * The body of a component's instance: what it holds inside, and the first thing it made. An
 * instance whose definition the graph lacks says so; it is kept with its settings.
 */
export function ComponentBody({
  definition,
  firstResult,
  name,
}: {
  definition: ComponentDef | undefined;
  firstResult: ArtifactRef | undefined;
  name: string;
}) {
  if (!definition)
    return (
      <p className="hint">This graph no longer holds this component: kept with its settings, but it cannot run.</p>
    );
  const count = definition.nodes.length;
  return (
    <div className="component-body">
      <p className="hint">
        {count === 1 ? 'One node' : `${count} nodes`} inside
        {definition.description ? `: ${definition.description}` : ''}
      </p>
      {firstResult && (
        <div className="node-thumbnail">
          <Media artifact={firstResult} alt={`What ${name} made`} />
        </div>
      )}
    </div>
  );
}
