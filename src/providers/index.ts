import { abortable } from '../../graph-engine';
import type { NodeProviders } from '../../nodes/providers';
import { LOCAL_CAMERA_MOVE } from '../../nodes/animate/schema';
import type { CloudProviders } from './cloud/cloud-providers';
import { assembleTimeline } from './local/assemble';
import { renderAudio } from './local/audio';
import { renderCameraMove } from './local/camera-move';
import { renderDraft } from './local/draft-image';
import { inspectImage } from './local/inspect-image';
import { lastFrame } from '../media/last-frame';
import { normalizeUpload } from './local/upload';

/**
 * The app's providers: the offline ones (no key, no network; labelled "local" wherever the UI
 * names them), with cloud generation handed to the cloud adapters.
 */
export function createProviders(cloud: CloudProviders): NodeProviders {
  return {
    models: cloud.models,
    images: {
      check: (model) => cloud.checkImages(model),
      generate: (request, signal, progress) => cloud.generateImages(request, signal, progress),
      // Quick steps that cannot stop midway: a cancel stops waiting for them at once.
      renderDraft: (request, signal) => abortable(renderDraft(request), signal),
      inspect: (image, signal) => abortable(inspectImage(image), signal),
      normalizeUpload: (image, signal) => abortable(normalizeUpload(image), signal),
    },
    video: {
      // The local renderer takes any still the app can decode.
      check: async (request, signal) =>
        request.model === LOCAL_CAMERA_MOVE ? undefined : cloud.check(request, signal),
      animate: async (request, signal, progress) => {
        if (request.model === LOCAL_CAMERA_MOVE) return renderCameraMove(request, signal, progress);
        return cloud.animate(request, signal, progress);
      },
      lastFrame: (clip, signal) => abortable(lastFrame(clip), signal),
    },
    audio: { render: (request, signal) => renderAudio(request, signal) },
    timeline: { assemble: (request, signal, progress) => assembleTimeline(request, signal, progress) },
  };
}
