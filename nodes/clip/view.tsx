import { isArtifactRef } from '../../graph-engine';
import { FileField } from '../file-field';
import { mediaLabel } from '../models/media-label';
import type { NodeViewProps } from '../view-types';
import type { ClipParams } from './schema';

export function ClipView({ params, setParams, outputs, Media, storeFile, models }: NodeViewProps<ClipParams>) {
  const { file } = params;
  const last = isArtifactRef(outputs?.last) ? outputs.last : undefined;
  return (
    <div className="node-body">
      <FileField
        label={file ? 'Replace video' : 'Video (MP4, MOV, WebM or MKV)'}
        accept="video/*,.mp4,.m4v,.mov,.webm,.mkv"
        storeFile={storeFile}
        onStored={(stored) => setParams({ file: stored })}
      />
      {file ? (
        <figure className="clip">
          <Media artifact={file} alt="The clip" />
          <figcaption className="hint">
            {[mediaLabel(file.meta, models), file.meta?.hasAudio === false && 'no sound'].filter(Boolean).join(' · ')}
          </figcaption>
        </figure>
      ) : (
        <p className="hint">Drop a video here, or drag a take from the Library.</p>
      )}
      {last && (
        <figure className="clip">
          <Media artifact={last} alt="Its last frame" />
          <figcaption className="hint">Last frame: wire it to an Animate to continue the shot</figcaption>
        </figure>
      )}
    </div>
  );
}
