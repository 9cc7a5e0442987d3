import { formatBytes, isArtifactRef, type ArtifactRef } from '../../graph-engine';
import { FileField } from '../file-field';
import type { NodeViewProps } from '../view-types';
import type { ImageModel } from '../models/model';
import { formatUsd } from '../models/format-usd';
import { ModelPicker } from '../models/ModelPicker';
import { estimateStill } from '.';
import { STILL_SOURCES, type StillParams } from './schema';

/** What the node says of a photo given to it: its size in pixels, and on disk. */
function photoCaption(file: ArtifactRef): string {
  const { width, height } = file.meta ?? {};
  const pixels = typeof width === 'number' && typeof height === 'number' ? `${width}×${height} · ` : '';
  return `${pixels}${formatBytes(file.size)}`;
}

export function StillView({
  params,
  setParams,
  outputs,
  Media,
  storeFile,
  models,
  openCompare,
}: NodeViewProps<StillParams>) {
  const images = Array.isArray(outputs?.images) ? outputs.images.filter(isArtifactRef) : [];
  const imageModels = models.filter((model): model is ImageModel => model.kind === 'image');
  const chosen = params.models ?? ['nano-banana-2'];
  const unknown = chosen.filter((id) => !imageModels.some((candidate) => candidate.id === id));
  const estimate = estimateStill(
    { ...params, mode: 'generate', models: chosen, count: params.count ?? 4, size: params.size ?? 1280 },
    { models: () => models },
  );
  return (
    <div className="node-body">
      <label className="field">
        <span>Source</span>
        <select
          className="nodrag"
          value={params.mode ?? 'local-draft'}
          onChange={(event) => setParams({ mode: event.target.value as StillParams['mode'] })}
        >
          {Object.entries(STILL_SOURCES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {params.mode === 'generate' && (
        <>
          <ModelPicker
            title="Image models"
            options={imageModels}
            chosen={chosen}
            onChange={(next) => setParams({ models: next })}
            open
          />
          {unknown.map((id) => (
            <p key={id} className="model-plan warn">
              “{id}” is not a model this app knows: add it in Settings → Models.
            </p>
          ))}
          <p className="hint">
            ≈ {formatUsd(estimate)} for {params.count ?? 4} per model · connect an image to “reference” to edit it
          </p>
        </>
      )}
      {params.mode === 'upload' && (
        <FileField
          label={params.file ? 'Replace photo' : 'Photo (PNG, JPEG or WebP)'}
          accept="image/*,.heic,.heif"
          storeFile={storeFile}
          onStored={(file) => setParams({ file })}
        />
      )}
      {/* The photo shows the moment it lands, before any run. */}
      {params.mode === 'upload' && params.file && images.length === 0 && (
        <figure className="clip">
          <Media artifact={params.file} alt="Your photo" />
          <figcaption className="hint">{photoCaption(params.file)}</figcaption>
        </figure>
      )}
      {params.mode !== 'upload' && (
        <div className="field-row">
          <label className="field">
            <span>Count</span>
            <input
              className="nodrag"
              type="number"
              min={1}
              max={8}
              value={params.count ?? 4}
              onChange={(event) => setParams({ count: event.target.valueAsNumber })}
            />
          </label>
          <label className="field">
            <span>Seed</span>
            <input
              className="nodrag"
              type="number"
              min={0}
              value={params.seed ?? 1}
              onChange={(event) => setParams({ seed: event.target.valueAsNumber })}
            />
          </label>
        </div>
      )}
      {images.length > 1 && (
        <button type="button" className="nodrag" onClick={openCompare}>
          Compare {images.length} stills
        </button>
      )}
      {images.length > 0 && (
        <div className="thumbs">
          {images.map((image, at) => (
            <Media key={`${image.$artifact}-${at}`} artifact={image} alt={`Candidate ${at + 1}`} />
          ))}
        </div>
      )}
    </div>
  );
}
