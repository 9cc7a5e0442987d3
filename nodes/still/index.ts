import { defineNode, NodeError, type ArtifactRef } from '../../graph-engine';
import type { NodeProviders } from '../providers';
import { stillSize, zStillParams, type StillParams } from './schema';

/** N candidate stills: local drafts from prompt + seed, or the user's own photo. */
export const stillNode = defineNode<StillParams, NodeProviders>({
  kind: 'still',
  version: 1,
  title: 'Still',
  inputs: { prompt: { accepts: ['text'], optional: true, label: 'prompt' } },
  outputs: { images: { type: 'images', label: 'candidates' } },
  params: zStillParams,
  run: async ({ params, inputs, artifacts, providers, signal, progress }) => {
    if (params.mode === 'upload') {
      if (!params.file) throw new NodeError('Choose a photo to upload (PNG, JPEG or WebP).', 'file');
      const blob = await artifacts.get(params.file.$artifact);
      if (!blob) throw new NodeError('The uploaded photo is no longer in this browser’s storage. Upload it again.', 'file');
      const normalized = await providers.images.normalizeUpload(blob, signal);
      const image = await artifacts.put(normalized.image, { width: normalized.width, height: normalized.height, source: 'upload' });
      return { images: [image] };
    }
    const { width, height } = stillSize(params.aspect, params.size);
    const prompt = typeof inputs.prompt === 'string' ? inputs.prompt : '';
    const images: ArtifactRef[] = [];
    for (let at = 0; at < params.count; at++) {
      const seed = params.seed + at;
      const png = await providers.images.renderDraft({ prompt, seed, width, height }, signal);
      images.push(await artifacts.put(png, { width, height, seed, source: 'local-draft' }));
      progress((at + 1) / params.count);
    }
    return { images };
  },
});
