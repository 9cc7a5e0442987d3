import {
  COMPONENT_KIND,
  type ComponentDef,
  type GraphIssue,
  type InstanceParams,
  type NodeDoc,
} from '../../graph-engine';
import { inspectorShows, nodeRegistry } from '../../nodes';
import { updateDoc } from '../state/actions';
import { useGraphStore } from '../state/graph-store';
import { exportComponentFile, saveComponentToLibrary } from '../state/component-library';
import { describeComponent, setDefinitionParams, setInstanceValue, showInApp } from '../state/edits';
import { ShowOnComponent } from './ShowOnComponent';
import { useServices } from '../ui/services-context';
import { ParamField } from './ParamField';
import { labelFor, paramSchemas } from './param-schema';

/**
 * A component's instance in the inspector: the params its component shows, set for this node
 * alone, then the settings of every node inside, which change every use of the component, each
 * with "Show on component" to hand it to the instances.
 */
export function ComponentSettings({
  node,
  definition,
  issues,
}: {
  node: NodeDoc;
  definition: ComponentDef;
  issues: readonly GraphIssue[];
}) {
  const { storeUserFile } = useServices();
  // The library takes a component from the graph's own canvas, where its instance is one of the graph's nodes.
  const onTop = useGraphStore((state) => state.inside === null);
  const app = useGraphStore((state) => state.doc?.app);
  const values = (node.params as Partial<InstanceParams>).values ?? {};
  const ref = { id: definition.id, version: definition.version };
  const inner = (id: string) => definition.nodes.find((each) => each.id === id);
  const titleOf = (each: NodeDoc) => each.title ?? nodeRegistry.get(each.kind)?.title ?? each.kind;
  // A problem inside is reported under the inner node's path id.
  const errorOf = (innerId: string, param: string) =>
    issues.find((issue) => issue.nodeId === `${node.id}/${innerId}` && issue.port === param)?.message;

  return (
    <>
      <label className="field">
        <span>Component name</span>
        <input
          aria-label="Component name"
          value={definition.name}
          onChange={(event) => updateDoc(describeComponent(ref, { name: event.target.value }))}
        />
      </label>
      <label className="field">
        <span>What it does</span>
        <textarea
          aria-label="What the component does"
          rows={2}
          value={definition.description ?? ''}
          placeholder="One line for the palette and whoever you hand it to"
          onChange={(event) => updateDoc(describeComponent(ref, { description: event.target.value }))}
        />
      </label>
      {onTop && (
        <>
          <button
            type="button"
            title="Keep this component to use in any graph; saving it again after a change makes a new version"
            onClick={() => void saveComponentToLibrary(node.id)}
          >
            Save to library
          </button>
          <button
            type="button"
            title="Save this component as a file to hand to someone; they add it to their library with Import"
            onClick={() => exportComponentFile(node.id)}
          >
            Export component file
          </button>
        </>
      )}
      {definition.params.length > 0 && (
        <section className="component-settings" aria-label="On this node">
          <h3>On this node</h3>
          {definition.params.map((param) => {
            const source = inner(param.node);
            const kind = source && nodeRegistry.get(source.kind);
            const schema = kind && paramSchemas(kind)[param.param];
            if (!source || !kind || !schema) return null;
            const label = param.label ?? `${titleOf(source)} · ${labelFor(param.param)}`;
            const inApp = (app?.inputs ?? []).some(
              (input) => input.node === node.id && input.param === 'values' && input.key === param.name,
            );
            return (
              <div key={`${node.id}:${param.name}`} className="component-param">
                <ParamField
                  name={param.param}
                  label={label}
                  schema={schema}
                  value={Object.hasOwn(values, param.name) ? values[param.name] : source.params[param.param]}
                  error={errorOf(param.node, param.param)}
                  storeFile={(file) => storeUserFile(file, kind.files?.media ?? 'image')}
                  onChange={(value) => updateDoc(setInstanceValue(node.id, param.name, value))}
                />
                {onTop && (
                  // This use's value, in the graph's app form.
                  <label className="show-on-component">
                    <input
                      type="checkbox"
                      checked={inApp}
                      onChange={(event) =>
                        updateDoc(
                          showInApp({ node: node.id, param: 'values', key: param.name, label }, event.target.checked),
                        )
                      }
                    />
                    Show in app
                  </label>
                )}
              </div>
            );
          })}
        </section>
      )}
      <section className="component-settings" aria-label="Inside">
        <h3>Inside, for every use of it</h3>
        {definition.nodes
          .filter((each) => each.kind !== COMPONENT_KIND)
          .map((each) => {
            const kind = nodeRegistry.get(each.kind);
            if (!kind) return null;
            return (
              <fieldset key={each.id} className="component-inner">
                <legend>{titleOf(each)}</legend>
                {Object.entries(paramSchemas(kind))
                  .filter(([name]) => inspectorShows(each.kind, each.params, name))
                  .map(([name, schema]) => {
                    return (
                      <div key={name} className="component-param">
                        <ParamField
                          name={name}
                          schema={schema}
                          value={each.params[name]}
                          error={errorOf(each.id, name)}
                          storeFile={(file) => storeUserFile(file, kind.files?.media ?? 'image')}
                          onChange={(value) => updateDoc(setDefinitionParams(ref, each.id, { [name]: value }))}
                        />
                        <ShowOnComponent
                          definition={definition}
                          innerId={each.id}
                          param={name}
                          nodeTitle={titleOf(each)}
                        />
                      </div>
                    );
                  })}
              </fieldset>
            );
          })}
      </section>
    </>
  );
}
