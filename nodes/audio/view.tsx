import { formatBytes, isArtifactRef } from '../../graph-engine';
import { FileField } from '../file-field';
import type { NodeViewProps } from '../view-types';
import { AUDIO_SOURCES, BED_STYLES, type AudioParams } from './schema';

export function AudioView({
  params,
  setParams,
  inputs,
  outputs,
  Media,
  Waveform,
  storeFile,
}: NodeViewProps<AudioParams>) {
  const mode = params.mode ?? 'local-bed';
  // The sound being trimmed: your file, or the incoming clip (its duration sets the handles' range).
  const source =
    mode === 'file' ? params.file : mode === 'from-clip' && isArtifactRef(inputs.clip) ? inputs.clip : undefined;
  const sourceSeconds =
    typeof source?.meta?.duration === 'number' ? source.meta.duration : Math.max(params.trimOut ?? 0, 60);
  const number = (name: keyof AudioParams, label: string, min: number, max: number, step = 0.1) => (
    <label className="field">
      <span>{label}</span>
      <input
        className="nodrag"
        type="number"
        min={min}
        max={max}
        step={step}
        value={(params[name] as number | undefined) ?? ''}
        onChange={(event) =>
          setParams({ [name]: Number.isNaN(event.target.valueAsNumber) ? undefined : event.target.valueAsNumber })
        }
      />
    </label>
  );
  return (
    <div className="node-body">
      <label className="field">
        <span>Source</span>
        <select
          className="nodrag"
          value={mode}
          onChange={(event) => setParams({ mode: event.target.value as AudioParams['mode'] })}
        >
          {Object.entries(AUDIO_SOURCES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {mode === 'file' && (
        <FileField
          label={params.file ? 'Replace file' : 'Sound file'}
          accept="audio/*,.wav,.mp3,.m4a,.ogg,.flac"
          storeFile={storeFile}
          onStored={(file) => setParams({ file })}
        />
      )}
      {mode === 'local-bed' && (
        <div className="field-row">
          <label className="field">
            <span>Style</span>
            <select
              className="nodrag"
              value={params.style ?? 'pad'}
              onChange={(event) => setParams({ style: event.target.value as AudioParams['style'] })}
            >
              {Object.entries(BED_STYLES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {number('tempo', 'Tempo (BPM)', 40, 200, 1)}
        </div>
      )}
      {source && (
        <>
          <Waveform artifact={source} from={params.trimIn} to={params.trimOut} />
          {mode === 'file' && params.file && (
            // The sound shows the moment it lands, with its length and size, before any run.
            <p className="hint sound-caption">
              {[
                typeof params.file.meta?.duration === 'number' && `${params.file.meta.duration.toFixed(1)} s`,
                formatBytes(params.file.size),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          )}
          <div className="trim-handles">
            <input
              className="nodrag"
              type="range"
              aria-label="Trim in"
              min={0}
              max={sourceSeconds}
              step={0.05}
              value={params.trimIn ?? 0}
              onChange={(event) =>
                setParams({ trimIn: Math.min(event.target.valueAsNumber, (params.trimOut ?? sourceSeconds) - 0.05) })
              }
            />
            <input
              className="nodrag"
              type="range"
              aria-label="Trim out"
              min={0}
              max={sourceSeconds}
              step={0.05}
              value={params.trimOut ?? sourceSeconds}
              onChange={(event) =>
                setParams({ trimOut: Math.max(event.target.valueAsNumber, (params.trimIn ?? 0) + 0.05) })
              }
            />
          </div>
        </>
      )}
      <div className="field-row">
        {number('length', 'Length (s)', 0.5, 600)}
        {number('gain', 'Gain (dB)', -40, 12, 0.5)}
        {number('trimIn', 'Trim in (s)', 0, 600)}
        {number('trimOut', 'Trim out (s)', 0, 600)}
        {number('fadeIn', 'Fade in (s)', 0, 30)}
        {number('fadeOut', 'Fade out (s)', 0, 30)}
      </div>
      <label className="field inline">
        <input
          className="nodrag"
          type="checkbox"
          checked={params.loop ?? false}
          onChange={(event) => setParams({ loop: event.target.checked })}
        />
        <span>Loop to length</span>
      </label>
      {isArtifactRef(outputs?.audio) && (
        <>
          {!source && <Waveform artifact={outputs.audio} />}
          <Media artifact={outputs.audio} alt="Soundtrack" />
        </>
      )}
    </div>
  );
}
