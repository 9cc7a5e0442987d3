import {
  appInputsOf,
  appOutputsOf,
  isArtifactRef,
  type AppInput,
  type ArtifactRef,
  type GraphDocument,
  type PortRef,
} from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { LOCAL_CAMERA_MOVE, LOCAL_LABEL, type AnimateParams } from '../../nodes/animate/schema';
import { fitVideo, imageCost, videoCost } from '../../nodes/models/fit';
import { formatUsd } from '../../nodes/models/format-usd';
import { ModelPicker } from '../../nodes/models/ModelPicker';
import { isRetired } from '../../nodes/models/model';
import { ParamField } from '../inspector/ParamField';
import { appTarget } from '../inspector/app-target';
import { labelFor } from '../inspector/param-schema';
import { runCurrent, updateDoc } from '../state/actions';
import { setAppValue } from '../state/edits';
import { downloadMedia } from '../state/export-media';
import { useGraphStore } from '../state/graph-store';
import { candidatesOf, finalNodes, nodeName, outputsOf } from '../state/selectors';
import { useSettingsStore } from '../state/settings-store';
import { safeFileName } from '../storage/save-file';
import { Media } from '../ui/Media';
import { useServices } from '../ui/services-context';

/**
 * The graph as an app: the inputs its author shows, as a form (the same fields the inspector
 * draws), Run with its estimate, the Pick it waits at, and what it hands back with a download.
 * Every value set here is an edit of the graph; runs go through the same queue, budgets and ledger.
 */
export function AppView() {
  const doc = useGraphStore((state) => state.doc);
  const running = useGraphStore((state) => state.running);
  const estimate = useGraphStore((state) => state.estimate?.total ?? 0);
  const waitingFor = useGraphStore((state) => state.waitingFor);
  if (!doc) return null;
  const inputs = appInputsOf(doc);
  const shown = appOutputsOf(doc);
  const outputs: PortRef[] = shown.length
    ? shown.map((output) => output.from)
    : finalNodes(doc).map((node) => ({ node, port: '' }));
  return (
    <main className="app-view" aria-label="App">
      <section className="app-form" aria-label="Inputs">
        <h2>{doc.name || 'Untitled graph'}</h2>
        {doc.app?.description && <p className="hint">{doc.app.description}</p>}
        {inputs.length === 0 && (
          <p className="hint">
            This graph shows no inputs yet: open its graph and tick “Show in app” under a setting in the inspector.
          </p>
        )}
        {inputs.map((input) => (
          <AppField key={input.name} doc={doc} input={input} />
        ))}
        <div className="app-actions">
          <button type="button" className="primary" disabled={running} onClick={() => void runCurrent()}>
            {running ? 'Running…' : `Run${estimate > 0 ? ` · est. ${formatUsd(estimate)}` : ''}`}
          </button>
          <button type="button" onClick={() => useGraphStore.setState({ appView: false })}>
            Open its graph
          </button>
        </div>
        {waitingFor && !running && (
          <p className="run-waiting" role="status">
            Waiting for your pick:{' '}
            {waitingFor.map((pickId) => (
              <button
                key={pickId}
                type="button"
                onClick={() => useGraphStore.setState({ compare: candidatesOf(doc, pickId) ?? pickId })}
              >
                Choose at “{nodeName(doc, pickId)}”
              </button>
            ))}{' '}
            and the run goes on.
          </p>
        )}
      </section>
      <section className="app-outputs" aria-label="Outputs">
        {outputs.map((output) => (
          <AppOutput key={`${output.node}:${output.port}`} doc={doc} from={output} />
        ))}
      </section>
    </main>
  );
}

/** One input of the form: the field its param's schema makes, or for a node's models, the model picker. */
function AppField({ doc, input }: { doc: GraphDocument; input: AppInput }) {
  const { storeUserFile } = useServices();
  const models = useSettingsStore((state) => state.models);
  // A node's setting, or one a component shows (set for this use of it).
  const target = appTarget(doc, input, nodeRegistry);
  if (!target) return null;
  const { def, schema, value, params } = target;
  const label = input.label ?? labelFor(input.key ?? input.param);
  const set = (next: unknown) => updateDoc(setAppValue(input, next));
  if (target.param === 'models' && Array.isArray(value)) {
    const kind = target.kind === 'animate' ? 'video' : 'image';
    // What one take costs on each, as the node would ask for it: the choice is made knowing the price.
    const price = (model: (typeof models)[number]) =>
      model.kind === 'video'
        ? videoCost(model, fitVideo(model, params as AnimateParams))
        : imageCost(model, Number(params.size) || 1024, 1);
    const options = [
      ...(kind === 'video' ? [{ id: LOCAL_CAMERA_MOVE, label: `${LOCAL_LABEL} · $0` }] : []),
      // A retired model is listed only where the graph still names it (to be dropped).
      ...models
        .filter((model) => model.kind === kind && (!isRetired(model) || (value as unknown[]).includes(model.id)))
        .map((model) => ({
          ...model,
          label: `${model.label} · ≈ ${formatUsd(price(model))}${kind === 'video' ? ' a clip' : ' an image'}`,
          retired: isRetired(model) ? model.retires : undefined,
        })),
    ];
    return <ModelPicker title={label} options={options} chosen={value as string[]} onChange={set} open />;
  }
  return (
    <ParamField
      name={input.key ?? input.param}
      label={label}
      schema={schema}
      value={value}
      storeFile={(file) => storeUserFile(file, def.files?.media ?? 'image')}
      onChange={set}
    />
  );
}

/** What the app hands back: the output's media once made, with a download carrying the graph that made it. */
function AppOutput({ doc, from }: { doc: GraphDocument; from: PortRef }) {
  const { artifacts } = useServices();
  const made = useGraphStore((state) => outputsOf(state, from.node));
  const value = from.port ? made?.[from.port] : Object.values(made ?? {}).find(isArtifactRef);
  const artifact: ArtifactRef | undefined = isArtifactRef(value) ? value : undefined;
  const name = nodeName(doc, from.node);
  const download = async () => {
    const blob = artifact && (await artifacts.get(artifact.$artifact));
    const extension = artifact?.mime.split('/')[1] ?? 'bin';
    if (blob) await downloadMedia(blob, `${safeFileName(doc.name, 'reelgraph')}.${extension}`, doc);
  };
  return (
    <figure className="app-output">
      {artifact ? (
        <>
          <Media artifact={artifact} alt={`What ${name} made`} />
          <figcaption>
            <button type="button" onClick={() => void download()}>
              Download {artifact.mime.split('/')[1]?.toUpperCase()}
            </button>
          </figcaption>
        </>
      ) : (
        <p className="hint">Run it and {name === 'Assemble' ? 'the cut' : `what “${name}” makes`} appears here.</p>
      )}
    </figure>
  );
}
