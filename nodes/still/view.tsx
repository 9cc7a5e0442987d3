import { isArtifactRef } from '../../graph-engine';
import { FileField } from '../file-field';
import type { NodeViewProps } from '../view-types';
import type { ImageModel } from '../models/catalog';
import { imageCost } from '../models/fit';
import type { StillParams } from './schema';

export function StillView({ params, setParams, outputs, Media, storeFile, models, openCompare }: NodeViewProps<StillParams>) {
  const images = Array.isArray(outputs?.images) ? outputs.images.filter(isArtifactRef) : [];
  const imageModels = models.filter((model): model is ImageModel => model.kind === 'image');
  const chosen = params.models ?? ['nano-banana-2'];
  const unknown = chosen.filter((id) => !imageModels.some((candidate) => candidate.id === id));
  const estimate = chosen.reduce((sum, id) => {
    const model = imageModels.find((candidate) => candidate.id === id);
    return sum + (model ? imageCost(model, params.size ?? 1280, Math.min(params.count ?? 4, model.maxCount)) : 0);
  }, 0);
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen.filter((model) => model !== id), id] : chosen.filter((model) => model !== id);
    if (next.length > 0) setParams({ models: next });
  };
  return (
    <div className="node-body">
      <label className="field">
        <span>Source</span>
        <select className="nodrag" value={params.mode ?? 'local-draft'} onChange={(event) => setParams({ mode: event.target.value as StillParams['mode'] })}>
          <option value="local-draft">Local draft (placeholder, offline)</option>
          <option value="upload">Your photo</option>
          <option value="generate">Image model (cloud)</option>
        </select>
      </label>
      {params.mode === 'generate' && (
        <>
          <details className="nodrag" open>
            <summary>Image models ({chosen.length}{chosen.length > 1 ? ', side by side' : ''})</summary>
            <div className="model-list nowheel">
              {imageModels.map((candidate) => (
                <label key={candidate.id} className="model-option">
                  <input type="checkbox" checked={chosen.includes(candidate.id)} onChange={(event) => toggle(candidate.id, event.target.checked)} />
                  {candidate.label}
                </label>
              ))}
            </div>
          </details>
          {unknown.map((id) => (
            <p key={id} className="model-plan warn">
              “{id}” is not a model this app knows: add it in Settings → Models.
            </p>
          ))}
          <p className="hint">≈ ${estimate.toFixed(3)} for {params.count ?? 4} per model · connect an image to “reference” to edit it</p>
        </>
      )}
      {params.mode === 'upload' && (
        <FileField label={params.file ? 'Replace photo' : 'Photo (PNG, JPEG or WebP)'} accept="image/png,image/jpeg,image/webp" storeFile={storeFile} onStored={(file) => setParams({ file })} />
      )}
      {params.mode !== 'upload' && (
        <div className="field-row">
          <label className="field">
            <span>Count</span>
            <input className="nodrag" type="number" min={1} max={8} value={params.count ?? 4} onChange={(event) => setParams({ count: event.target.valueAsNumber })} />
          </label>
          <label className="field">
            <span>Seed</span>
            <input className="nodrag" type="number" min={0} value={params.seed ?? 1} onChange={(event) => setParams({ seed: event.target.valueAsNumber })} />
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
