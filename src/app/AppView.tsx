import { useState, type ReactNode } from 'react';
import {
  appInputsOf,
  appOutputsOf,
  isArtifactRef,
  type AppInput,
  type ArtifactRef,
  type GraphDocument,
  type PortRef,
} from '../../graph-engine';
import { nodeRegistry, portsOfNode } from '../../nodes';
import { LOCAL_CAMERA_MOVE, LOCAL_LABEL, type AnimateParams } from '../../nodes/animate/schema';
import { fitVideo, imageCost, videoCost } from '../../nodes/models/fit';
import { formatUsd } from '../../nodes/models/format-usd';
import { ModelPicker } from '../../nodes/models/ModelPicker';
import { isRetired } from '../../nodes/models/model';
import { ParamField } from '../inspector/ParamField';
import { appTarget } from '../inspector/app-target';
import { isFileParam, labelFor } from '../inspector/param-schema';
import { storeGivenFile } from '../../nodes/file-field';
import { runCurrent, updateDoc } from '../state/actions';
import {
  describeApp,
  labelInApp,
  MAX_APP_OUTPUTS,
  moveAppInput,
  setAppValue,
  showInApp,
  showOutputInApp,
} from '../state/edits';
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
  // The author arranging the form: labels, order, what it is for, what it hands back.
  const [arranging, setArranging] = useState(false);
  if (!doc) return null;
  const inputs = appInputsOf(doc);
  const shown = appOutputsOf(doc);
  const outputs: { from: PortRef; label?: string }[] = shown.length
    ? shown
    : finalNodes(doc).map((node) => ({ from: { node, port: '' } }));
  return (
    <main className="app-view" aria-label="App">
      <section className="app-form" aria-label="Inputs">
        <div className="app-title">
          <h2>{doc.name || 'Untitled graph'}</h2>
          <button
            type="button"
            aria-pressed={arranging}
            onClick={() => setArranging(!arranging)}
            title="Name the inputs, put them in order, say what the app is for and choose what it hands back"
          >
            {arranging ? 'Done arranging' : 'Arrange'}
          </button>
        </div>
        {arranging ? (
          <textarea
            aria-label="What the app is for"
            placeholder="What the app is for, said at the top of its form (optional)"
            value={doc.app?.description ?? ''}
            maxLength={2_000}
            onChange={(event) => updateDoc(describeApp(event.target.value))}
          />
        ) : (
          doc.app?.description && <p className="hint">{doc.app.description}</p>
        )}
        {inputs.length === 0 && (
          <p className="hint">
            This graph shows no inputs yet: open its graph and tick “Show in app” under a setting in the inspector.
          </p>
        )}
        {inputs.map((input, at) => (
          <div key={input.name} className="app-input">
            {arranging && <ArrangeInput input={input} first={at === 0} last={at === inputs.length - 1} />}
            <AppField doc={doc} input={input} />
          </div>
        ))}
        {arranging && <ArrangeOutputs doc={doc} />}
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
          <AppOutput
            key={`${output.from.node}:${output.from.port}`}
            doc={doc}
            from={output.from}
            label={outputs.length > 1 ? output.label : undefined}
          />
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
  const storeFile = (file: Blob) => storeUserFile(file, def.files?.media ?? 'image');
  const field = (
    <ParamField
      name={input.key ?? input.param}
      label={label}
      schema={schema}
      value={value}
      storeFile={storeFile}
      onChange={set}
    />
  );
  if (!isFileParam(schema)) return field;
  return (
    <FileDrop label={label} what={def.files?.what ?? 'a file'} value={value} storeFile={storeFile} onStored={set}>
      {field}
    </FileDrop>
  );
}

/** A file input of the form as a place to drop the file on, showing the one it holds. */
function FileDrop({
  label,
  what,
  value,
  storeFile,
  onStored,
  children,
}: {
  label: string;
  what: string;
  value: unknown;
  storeFile(file: Blob): Promise<ArtifactRef>;
  onStored(file: ArtifactRef): void;
  children: ReactNode;
}) {
  const [problem, setProblem] = useState<string>();
  return (
    <div
      className="app-drop"
      aria-label={`Drop ${label.toLowerCase()} here`}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        const file = event.dataTransfer.files[0];
        if (!file) return;
        void storeGivenFile(file, storeFile).then((result) => {
          if ('stored' in result) onStored(result.stored);
          setProblem('problem' in result ? result.problem : undefined);
        });
      }}
    >
      {isArtifactRef(value) ? (
        <Media artifact={value} alt={label} />
      ) : (
        <p className="hint">Drop {what} here, or choose one.</p>
      )}
      {children}
      {problem && (
        <em className="field-error" role="alert">
          {problem}
        </em>
      )}
    </div>
  );
}

/** What the app hands back: the output's media once made, with a download carrying the graph that made it. */
function AppOutput({ doc, from, label }: { doc: GraphDocument; from: PortRef; label?: string }) {
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
      {label && <h3>{label}</h3>}
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

/** An input's place in the form as its author arranges it: its label, up, down, or out of the app. */
function ArrangeInput({ input, first, last }: { input: AppInput; first: boolean; last: boolean }) {
  const own = labelFor(input.key ?? input.param);
  const label = input.label ?? own;
  return (
    <div className="app-arrange">
      <input
        aria-label={`Label of ${label}`}
        placeholder={own}
        value={input.label ?? ''}
        maxLength={200}
        onChange={(event) => updateDoc(labelInApp('inputs', input.name, event.target.value))}
      />
      <button
        type="button"
        aria-label={`Move ${label} up`}
        disabled={first}
        onClick={() => updateDoc(moveAppInput(input.name, -1))}
      >
        ↑
      </button>
      <button
        type="button"
        aria-label={`Move ${label} down`}
        disabled={last}
        onClick={() => updateDoc(moveAppInput(input.name, 1))}
      >
        ↓
      </button>
      <button
        type="button"
        aria-label={`Take ${label} out of the app`}
        onClick={() => updateDoc(showInApp({ node: input.node, param: input.param, key: input.key }, false))}
      >
        Take out
      </button>
    </div>
  );
}

/** The media the graph's nodes make, each one the app can hand back: ticked ones are shown, under their names. */
function ArrangeOutputs({ doc }: { doc: GraphDocument }) {
  const shown = appOutputsOf(doc);
  const candidates = doc.nodes.flatMap((node) =>
    Object.entries(portsOfNode(node, doc.components).outputs)
      .filter(([, spec]) => spec.type !== 'text' && spec.type !== 'camera')
      .map(([port, spec]) => ({
        from: { node: node.id, port },
        label: `${nodeName(doc, node.id)} · ${spec.label ?? labelFor(port)}`,
      })),
  );
  return (
    <fieldset className="app-arrange-outputs">
      <legend>What the app hands back</legend>
      {shown.length === 0 && (
        <p className="hint">
          What the graph ends in, until you choose:{' '}
          {finalNodes(doc)
            .map((id) => nodeName(doc, id))
            .join(', ')}
          .
        </p>
      )}
      {candidates.map(({ from, label }) => {
        const output = shown.find((each) => each.from.node === from.node && each.from.port === from.port);
        return (
          <div key={`${from.node}:${from.port}`} className="app-arrange-output">
            <label>
              <input
                type="checkbox"
                checked={output !== undefined}
                disabled={output === undefined && shown.length >= MAX_APP_OUTPUTS}
                onChange={(event) => updateDoc(showOutputInApp(from, label, event.target.checked))}
              />
              {label}
            </label>
            {output && (
              <input
                aria-label={`Label of ${label}`}
                placeholder={label}
                value={output.label ?? ''}
                maxLength={200}
                onChange={(event) => updateDoc(labelInApp('outputs', output.name, event.target.value))}
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
