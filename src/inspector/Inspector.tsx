import { useStore, type ReactFlowState } from '@xyflow/react';
import { inspectorShows, nodeRegistry, portsOfNode } from '../../nodes';
import { mappedPorts, nodeById, shownDoc } from '../state/selectors';
import { useServices } from '../ui/services-context';
import { updateDoc } from '../state/actions';
import { makeComponentOf, renameNode, setCombine, setParams } from '../state/edits';
import { COMPONENT_KIND, definitionOf } from '../../graph-engine';
import { useGraphStore } from '../state/graph-store';
import { ParamField } from './ParamField';
import { ComponentSettings } from './ComponentSettings';
import { ShowOnComponent } from './ShowOnComponent';
import { BorderPorts } from './BorderPorts';
import { ShowInApp } from './ShowInApp';
import { openedChain } from '../state/inside';
import { paramSchemas } from './param-schema';

const firstSelected = (state: ReactFlowState) => state.nodes.find((node) => node.selected)?.id;
/** The selected nodes, as a stable string (frames are not nodes of the graph). */
const selectedNodes = (state: ReactFlowState) =>
  state.nodes
    .filter((node) => node.selected && node.type === 'reelgraph')
    .map((node) => node.id)
    .join('\n');

/** Edits the selected node's params, with fields built from its kind's params schema and inline validation. */
export function Inspector() {
  const { storeUserFile } = useServices();
  const id = useStore(firstSelected);
  const node = useGraphStore((state) => (id ? nodeById(shownDoc(state), id) : undefined));
  const issues = useGraphStore((state) => state.issues);
  const mapped = useGraphStore((state) => mappedPorts(state.doc, id ?? ''));
  const components = useGraphStore((state) => state.doc?.components);
  const app = useGraphStore((state) => state.doc?.app);
  // A node of the graph itself (not one inside a component) can show its settings in the app form.
  const onGraph = useGraphStore(
    (state) => state.inside === null && id !== undefined && (state.doc?.nodes.some((each) => each.id === id) ?? false),
  );
  const selected = useStore(selectedNodes);
  const opened = useGraphStore((state) => state.inside);
  const inside = opened !== null;
  // The component opened on the canvas, whose inner node this is: its fields can be shown on the component.
  const openedDefinition = useGraphStore((state) => openedChain(state).at(-1)?.definition);
  // The panel stays in place when nothing is selected, so the canvas never changes size under the view.
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="hint">Select a node to edit its settings.</p>
      </aside>
    );
  }
  const def = nodeRegistry.get(node.kind);
  // A node inside the opened component: its id there (its fields can be shown on the component).
  const innerId = openedDefinition && node.id.startsWith(`${opened}/`) ? node.id.slice(`${opened}/`.length) : undefined;
  const definition = definitionOf(node, components ?? []);
  const members = selected === '' ? [] : selected.split('\n');
  const errors = new Map(
    issues.filter((issue) => issue.nodeId === node.id && issue.port).map((issue) => [issue.port!, issue.message]),
  );
  return (
    <aside className="inspector" aria-label="Inspector">
      {members.length > 1 && !inside && (
        <div className="selection-actions">
          <span>{members.length} nodes selected</span>
          <button
            type="button"
            title="Make these nodes one reusable node (Ctrl+Shift+G); undo brings them back"
            onClick={() => updateDoc(makeComponentOf(new Set(members)))}
          >
            Make component
          </button>
        </div>
      )}
      <h2>{def?.title ?? definition?.name ?? (node.kind === COMPONENT_KIND ? 'Component' : node.kind)}</h2>
      <label className="field">
        <span>Title</span>
        <input
          aria-label="Node title"
          value={node.title ?? ''}
          placeholder={def?.title ?? definition?.name}
          onChange={(event) => updateDoc(renameNode(node.id, event.target.value))}
        />
      </label>
      {definition && <ComponentSettings node={node} definition={definition} issues={issues} />}
      {!def && node.kind !== COMPONENT_KIND && (
        <p className="hint">Unknown node kind “{node.kind}”: its settings are kept as they are.</p>
      )}
      {def &&
        Object.entries(paramSchemas(def))
          .filter(([name]) => inspectorShows(node.kind, node.params, name))
          .map(([name, schema]) => {
            const field = (
              <ParamField
                key={`${node.id}:${name}`}
                name={name}
                schema={schema}
                value={node.params[name]}
                error={errors.get(name)}
                storeFile={(file) => storeUserFile(file, def.files?.media ?? 'image')}
                onChange={(value) => updateDoc(setParams(node.id, { [name]: value }))}
              />
            );
            if (innerId === undefined && !onGraph) return field;
            return (
              <div key={`${node.id}:${name}`} className="component-param">
                {field}
                {openedDefinition && innerId !== undefined ? (
                  <ShowOnComponent
                    definition={openedDefinition}
                    innerId={innerId}
                    param={name}
                    nodeTitle={node.title ?? def.title}
                  />
                ) : (
                  <ShowInApp app={app} nodeId={node.id} param={name} schema={schema} value={node.params[name]} />
                )}
              </div>
            );
          })}
      {openedDefinition && innerId !== undefined && (
        <BorderPorts
          definition={openedDefinition}
          innerId={innerId}
          ports={portsOfNode(node, components)}
          nodeTitle={node.title ?? def?.title ?? definition?.name ?? node.kind}
        />
      )}
      {mapped.length > 1 && (
        <label className="field">
          <span>
            Takes from {mapped.map((port) => portsOfNode(node, components).inputs[port]?.label ?? port).join(' and ')}
          </span>
          <select
            aria-label="How the lists combine"
            value={node.takes?.combine ?? 'auto'}
            onChange={(event) =>
              updateDoc(
                setCombine(
                  node.id,
                  event.target.value === 'auto' ? undefined : (event.target.value as 'pairwise' | 'product'),
                ),
              )
            }
          >
            <option value="auto">Pair them up when their lengths match, else every combination</option>
            <option value="pairwise">Pair them up, element by element</option>
            <option value="product">Every combination</option>
          </select>
        </label>
      )}
    </aside>
  );
}
