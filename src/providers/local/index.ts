import type { NodeProviders } from '../../../nodes/providers';
import { LOCAL_CAMERA_MOVE } from '../../../nodes/animate/schema';
import type { CloudProviders } from '../cloud/cloud-providers';
import { assembleTimeline } from './assemble';
import { renderAudio } from './audio';
import { renderCameraMove } from './camera-move';
import { renderDraft } from './draft-image';
import { inspectImage } from './inspect-image';
import { normalizeUpload } from './upload';

/**
 * The app's providers: the offline ones (no key, no network; labelled "local" wherever the UI
 * names them), with cloud generation handed to the cloud adapters.
 */
export function createLocalProviders(cloud: CloudProviders): NodeProviders {
  return {
    models: cloud.models,
    images: {
      generate: (request, signal, progress) => cloud.generateImages(request, signal, progress),
      renderDraft: (request) => renderDraft(request),
      inspect: (image) => inspectImage(image),
      normalizeUpload: (image) => normalizeUpload(image),
    },
    video: {
      animate: async (request, signal, progress) => {
        if (request.model === LOCAL_CAMERA_MOVE) return renderCameraMove(request, signal, progress);
        return cloud.animate(request, signal, progress);
      },
    },
    audio: { render: (request) => renderAudio(request) },
    timeline: { assemble: (request, signal, progress) => assembleTimeline(request, signal, progress) },
  };
}
