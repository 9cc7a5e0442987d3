import { isArtifactRef } from '../../graph-engine';
import type { CameraPath } from '../camera/schema';
import { isRetired, type VideoModel } from '../models/model';
import { cameraMappingLabel, mapCamera } from '../models/camera-mapping';
import { fitVideo, videoCost } from '../models/fit';
import { formatUsd } from '../models/format-usd';
import { mediaLabel } from '../models/media-label';
import { ModelPicker } from '../models/ModelPicker';
import type { NodeViewProps } from '../view-types';
import { useEncodePlan } from '../models/use-encode-plan';
import { clipSize, LOCAL_CAMERA_MOVE, LOCAL_LABEL, RESOLUTIONS, type AnimateParams } from './schema';

/** One line per chosen model: what it will make, how the camera reaches it, and what it costs. */
function ModelPlan({
  id,
  model,
  params,
  camera,
  cameraPending,
  successor,
  swap,
  local,
}: {
  /** What the local renderer will make, once the browser has said. */
  local?: { made: string; note?: string };
  id: string;
  model: VideoModel | undefined;
  params: AnimateParams;
  camera: CameraPath | undefined;
  cameraPending: boolean;
  /** The model to use instead, when this one is retired. */
  successor: VideoModel | undefined;
  swap(to: string): void;
}) {
  const cameraLabel = (target: VideoModel | 'local') =>
    cameraPending ? 'camera: run the Camera node to see how it maps' : cameraMappingLabel(mapCamera(target, camera));
  if (id === LOCAL_CAMERA_MOVE) {
    return (
      <>
        <p className="model-plan">
          {LOCAL_LABEL}: {local ? `${local.made} · ` : ''}
          {cameraLabel('local')} · motion prompt ignored · $0
        </p>
        {local?.note && <p className="model-plan warn">{local.note}</p>}
      </>
    );
  }
  if (!model)
    return <p className="model-plan warn">“{id}” is not a model this app knows: add it in Settings → Models.</p>;
  const fit = fitVideo(model, params);
  const camera_ = mapCamera(model, camera);
  const warnings = [
    model.unavailable,
    isRetired(model) &&
      `the vendor shut down ${model.upstream} on ${model.retires}${successor ? '' : model.replacement ? ` (its replacement: ${model.replacement})` : ''}${successor ? '' : '; set its current id in Settings'}`,
    model.capabilities.rejectsFaces && 'rejects realistic human faces in the start frame',
    model.caveat,
  ].filter(Boolean);
  return (
    <>
      <p className="model-plan" data-model={model.id}>
        {model.label}: {fit.resolution} · {fit.duration} s · {fit.audio ? 'with sound' : 'silent'} ·{' '}
        {cameraLabel(model)} · ≈ {formatUsd(videoCost(model, fit))}
        {fit.notes.length > 0 && ` (${fit.notes.join('; ')})`}
      </p>
      {camera_.kind === 'prompt' && <p className="model-plan">Adds to the prompt: “{camera_.text}”</p>}
      {warnings.map((warning) => (
        <p key={String(warning)} className="model-plan warn">
          {model.label}: {warning}
        </p>
      ))}
      {isRetired(model) && successor && (
        <button type="button" className="nodrag swap" onClick={() => swap(successor.id)}>
          Swap to {successor.label}
        </button>
      )}
    </>
  );
}

export function AnimateView({
  params,
  setParams,
  outputs,
  inputs,
  Media,
  models,
  openCompare,
  planEncode,
}: NodeViewProps<AnimateParams>) {
  const chosen = params.models ?? [LOCAL_CAMERA_MOVE];
  const videoModels = models.filter((model): model is VideoModel => model.kind === 'video');
  const clips = Array.isArray(outputs?.clips) ? outputs.clips.filter(isArtifactRef) : [];
  const camera = inputs.camera as CameraPath | undefined;
  // Connected but not run yet: the wire is there, its value is not.
  const cameraPending = 'camera' in inputs && camera === undefined;
  // What the local renderer will make of the still that arrives, said before the run.
  const still = [inputs.still].flat().find(isArtifactRef)?.meta;
  const local = useEncodePlan(
    planEncode,
    chosen.includes(LOCAL_CAMERA_MOVE) && typeof still?.width === 'number' && typeof still.height === 'number'
      ? clipSize(params.resolution ?? '720p', still.width, still.height)
      : undefined,
  );
  return (
    <div className="node-body">
      <ModelPicker
        title="Models"
        options={[
          { id: LOCAL_CAMERA_MOVE, label: LOCAL_LABEL },
          ...videoModels.map((model) => ({ ...model, retired: isRetired(model) ? model.retires : undefined })),
        ]}
        chosen={chosen}
        onChange={(next) => setParams({ models: next })}
      />
      {chosen.map((id) => (
        <ModelPlan
          key={id}
          id={id}
          model={videoModels.find((model) => model.id === id)}
          params={params}
          camera={camera}
          cameraPending={cameraPending}
          successor={videoModels.find(
            (model) => model.id === videoModels.find((candidate) => candidate.id === id)?.successor,
          )}
          swap={(to) => setParams({ models: [...new Set(chosen.map((model) => (model === id ? to : model)))] })}
          local={local}
        />
      ))}
      <div className="field-row">
        <label className="field">
          <span>Duration (s)</span>
          <input
            className="nodrag"
            type="number"
            min={1}
            max={10}
            step={0.5}
            value={params.duration ?? 5}
            onChange={(event) => setParams({ duration: event.target.valueAsNumber })}
          />
        </label>
        <label className="field">
          <span>Resolution</span>
          <select
            className="nodrag"
            value={params.resolution ?? '720p'}
            onChange={(event) => setParams({ resolution: event.target.value as AnimateParams['resolution'] })}
          >
            {Object.keys(RESOLUTIONS).map((resolution) => (
              <option key={resolution}>{resolution}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>FPS</span>
          <select
            className="nodrag"
            value={params.fps ?? 24}
            onChange={(event) => setParams({ fps: Number(event.target.value) as AnimateParams['fps'] })}
          >
            {[24, 25, 30].map((fps) => (
              <option key={fps}>{fps}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Sound</span>
          <input
            className="nodrag"
            type="checkbox"
            checked={params.audio ?? false}
            onChange={(event) => setParams({ audio: event.target.checked })}
          />
        </label>
      </div>
      {clips.length > 1 && (
        <button type="button" className="nodrag" onClick={openCompare}>
          Take board: {clips.length} clips side by side
        </button>
      )}
      {clips.map((clip, at) => (
        <figure key={`${clip.$artifact}-${at}`} className="clip">
          <Media artifact={clip} alt={`Clip ${at + 1}`} />
          <figcaption className="hint">{mediaLabel(clip.meta, models)}</figcaption>
        </figure>
      ))}
    </div>
  );
}
