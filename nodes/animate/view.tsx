import { isArtifactRef } from '../../graph-engine';
import type { NodeViewProps } from '../view-types';
import { LOCAL_CAMERA_MOVE, RESOLUTIONS, type AnimateParams } from './schema';

const MODEL_LABELS: Record<string, string> = { [LOCAL_CAMERA_MOVE]: 'Local camera move (offline, not AI)' };

export function AnimateView({ params, setParams, outputs, Media }: NodeViewProps<AnimateParams>) {
  const models = params.models ?? [LOCAL_CAMERA_MOVE];
  const clips = Array.isArray(outputs?.clips) ? outputs.clips.filter(isArtifactRef) : [];
  return (
    <div className="node-body">
      <p className="hint">{models.map((model) => MODEL_LABELS[model] ?? model).join(' · ')}</p>
      {models.includes(LOCAL_CAMERA_MOVE) && <p className="hint">The local renderer moves the camera over your still exactly; it ignores the motion prompt.</p>}
      <div className="field-row">
        <label className="field">
          <span>Duration (s)</span>
          <input className="nodrag" type="number" min={1} max={10} step={0.5} value={params.duration ?? 5} onChange={(event) => setParams({ duration: event.target.valueAsNumber })} />
        </label>
        <label className="field">
          <span>Resolution</span>
          <select className="nodrag" value={params.resolution ?? '720p'} onChange={(event) => setParams({ resolution: event.target.value as AnimateParams['resolution'] })}>
            {Object.keys(RESOLUTIONS).map((resolution) => (
              <option key={resolution}>{resolution}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>FPS</span>
          <select className="nodrag" value={params.fps ?? 24} onChange={(event) => setParams({ fps: Number(event.target.value) as AnimateParams['fps'] })}>
            {[24, 25, 30].map((fps) => (
              <option key={fps}>{fps}</option>
            ))}
          </select>
        </label>
      </div>
      {clips.map((clip, at) => (
        <Media key={`${clip.$artifact}-${at}`} artifact={clip} alt={`Clip ${at + 1}`} />
      ))}
    </div>
  );
}
