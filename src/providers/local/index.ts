import type { NodeProviders } from '../../../nodes/providers';
import { renderDraft } from './draft-image';
import { inspectImage } from './inspect-image';

/** The offline providers: no key, no network; labelled "local" wherever the UI names them. */
export function createLocalProviders(): NodeProviders {
  return {
    images: {
      renderDraft: (request) => renderDraft(request),
      inspect: (image) => inspectImage(image),
    },
  };
}
