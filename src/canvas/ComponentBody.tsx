import { componentChanges, type ArtifactRef, type ComponentDef } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { updateFromLibrary, useComponentLibrary } from '../state/component-library';
import { useGraphStore } from '../state/graph-store';
import { nodeName } from '../state/selectors';
import { openComponent } from '../state/inside';
import { Media } from '../ui/Media';

/** How many changes an update lists on the node before "and N more". */
const CHANGES_SHOWN = 4;

/**
 * The body of a component's instance: what it holds inside, and the first thing it made. An
 * instance whose definition the graph lacks says so; it is kept with its settings.
 */
export function ComponentBody({
  instanceId,
  definition,
  firstResult,
  name,
  board,
}: {
  instanceId: string;
  definition: ComponentDef | undefined;
  firstResult: ArtifactRef | undefined;
  name: string;
  /** The node inside whose takes (or a waiting Pick's candidates) the take board shows. */
  board: string | undefined;
}) {
  const boardName = useGraphStore((state) => (board ? nodeName(state.doc, board) : ''));
  // An update is taken on the graph's own canvas, where the instance is one of the graph's nodes.
  const onTop = useGraphStore((state) => state.inside === null);
  const newer = useComponentLibrary((state) =>
    state.newest.find((row) => row.id === definition?.id && row.version > definition.version),
  );
  if (!definition)
    return (
      <p className="hint">This graph no longer holds this component: kept with its settings, but it cannot run.</p>
    );
  const count = definition.nodes.length;
  return (
    <div className="node-body">
      <p className="hint">
        {count === 1 ? 'One node' : `${count} nodes`} inside
        {definition.description ? `: ${definition.description}` : ''}
      </p>
      {newer && onTop && (
        <UpdateOffer from={definition} to={newer.definition} onUpdate={() => updateFromLibrary(instanceId, newer)} />
      )}
      <button
        type="button"
        className="nodrag"
        title="Open it to change its inside, for every use of it (or double-click the node)"
        onClick={() => openComponent(instanceId)}
      >
        Open
      </button>
      {board && (
        <button type="button" className="nodrag" onClick={() => useGraphStore.setState({ compare: board })}>
          Take board: {boardName}
        </button>
      )}
      {firstResult && (
        <div className="node-thumbnail">
          <Media artifact={firstResult} alt={`What ${name} made`} />
        </div>
      )}
    </div>
  );
}

/** An update waiting in the library: what it changes, in words, and one click to take it (undoable). */
function UpdateOffer({ from, to, onUpdate }: { from: ComponentDef; to: ComponentDef; onUpdate(): void }) {
  const changes = componentChanges(from, to, nodeRegistry);
  return (
    <div className="component-update" role="status">
      <span>
        Version {to.version} is in your library{changes.length === 0 ? ', the same inside' : ':'}
      </span>
      {changes.length > 0 && (
        <ul>
          {changes.slice(0, CHANGES_SHOWN).map((change) => (
            <li key={change}>{change}</li>
          ))}
          {changes.length > CHANGES_SHOWN && <li>and {changes.length - CHANGES_SHOWN} more</li>}
        </ul>
      )}
      <button type="button" className="node-button nodrag" onClick={onUpdate}>
        Update to version {to.version}
      </button>
    </div>
  );
}
