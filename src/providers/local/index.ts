import type { NodeProviders } from '../../../nodes/providers';
import { LOCAL_CAMERA_MOVE } from '../../../nodes/animate/schema';
import { assembleTimeline } from './assemble';
import { renderAudio } from './audio';
import { renderCameraMove } from './camera-move';
import { renderDraft } from './draft-image';
import { inspectImage } from './inspect-image';
import { normalizeUpload } from './upload';

/** The offline providers: no key, no network; labelled "local" wherever the UI names them. */
export function createLocalProviders(): NodeProviders {
  return {
    images: {
      renderDraft: (request) => renderDraft(request),
      inspect: (image) => inspectImage(image),
      normalizeUpload: (image) => normalizeUpload(image),
    },
    video: {
      animate: async (request, signal, progress) => {
        if (request.model === LOCAL_CAMERA_MOVE) return renderCameraMove(request, signal, progress);
        throw new Error(`The model “${request.model}” is not available: cloud models need their provider set up in Settings.`);
      },
    },
    audio: { render: (request) => renderAudio(request) },
    timeline: { assemble: (request, signal, progress) => assembleTimeline(request, signal, progress) },
  };
}
