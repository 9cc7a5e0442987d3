import { defineKind } from '../define-kind';
import { extensionsOf, NodeError, type ArtifactRef } from '../../graph-engine';
import { imageCost } from '../models/fit';
import type { ImageResult, NodeProviders } from '../providers';
import { stillSize, zStillParams, type StillParams } from './schema';

/** The price of one run in `generate` mode, from the catalog. */
export function estimateStill(params: StillParams, providers: Pick<NodeProviders, 'models'>): number {
  if (params.mode !== 'generate') return 0;
  const models = providers.models();
  let total = 0;
  for (const id of params.models) {
    const model = models.find((candidate) => candidate.id === id);
    if (model?.kind === 'image') total += imageCost(model, params.size, Math.min(params.count, model.maxCount));
  }
  return total;
}

/** N candidate stills: local drafts from prompt + seed, the user's own photo, or a cloud image model. */
export const stillNode = defineKind({
  kind: 'still',
  version: 1,
  // 2: local drafts follow the prompt's words and carry no caption in their pixels.
  outputVersion: 2,
  title: 'Still',
  description: 'Candidate stills: local drafts or your photo',
  files: {
    media: 'image',
    // Every image is taken in to be judged: HEIC or TIFF is refused saying how to convert it, AVIF, GIF and BMP become PNGs.
    accept: ['image/*'],
    extensions: extensionsOf([
      'image/png',
      'image/jpeg',
      'image/webp',
      'image/avif',
      'image/gif',
      'image/bmp',
      'image/heic',
      'image/heif',
      'image/tiff',
    ]),
    what: 'a PNG, JPEG or WebP image',
    toParams: (file) => ({ mode: 'upload' as const, file }),
    uses: (params) => (params.mode === 'upload' ? { file: params.file } : undefined),
  },
  inputs: {
    prompt: { accepts: ['text'], optional: true, label: 'prompt' },
    reference: { accepts: ['image'], optional: true, label: 'reference (edit)' },
  },
  outputs: { images: { type: 'images', label: 'candidates' } },
  params: zStillParams,
  resource: (params) => (params.mode === 'generate' ? 'cloud' : undefined),
  cloudModels: (params) => (params.mode === 'generate' ? params.models : []),
  listLength: (params) =>
    params.mode === 'upload' ? 1 : params.mode === 'generate' ? params.count * params.models.length : params.count,
  estimateCost: estimateStill,
  run: async ({ nodeId, graph, params, inputs, artifacts, providers, signal, progress, recordCost }) => {
    if (params.mode === 'upload') {
      if (!params.file) throw new NodeError('Choose a photo to upload (PNG, JPEG or WebP).', 'file');
      const blob = await artifacts.get(params.file.$artifact);
      if (!blob)
        throw new NodeError('The uploaded photo is no longer in this browser’s storage. Upload it again.', 'file');
      const normalized = await providers.images.normalizeUpload(blob, signal);
      const image = await artifacts.put(normalized.image, {
        width: normalized.width,
        height: normalized.height,
        source: 'upload',
      });
      return { images: [image] };
    }
    const prompt = typeof inputs.prompt === 'string' ? inputs.prompt : '';
    if (params.mode === 'generate') {
      if (!prompt.trim()) throw new NodeError('Connect a Prompt: an image model needs words to work from.', 'prompt');
      const referenceRef = inputs.reference as ArtifactRef | undefined;
      const reference = referenceRef ? await artifacts.get(referenceRef.$artifact) : undefined;
      if (referenceRef && !reference)
        throw new NodeError('The reference image is no longer stored; run the node that makes it again.', 'reference');
      // Every model can be called, or none is: one refused after another was paid would lose what that one made.
      await Promise.all(params.models.map((model) => providers.images.check(model)));
      // Several models run in parallel, each within its provider's limit; their candidates line up model by model.
      const fractions = params.models.map(() => 0);
      // Every model's calls settle before the node ends: one failing leaves the others' paid images
      // saved with their jobs (a run again collects them), never still on their way after the run.
      const settled = await Promise.allSettled(
        params.models.map((model, at) =>
          providers.images.generate(
            {
              model,
              nodeId,
              graph,
              prompt,
              count: params.count,
              size: params.size,
              aspect: params.aspect,
              seed: params.seed,
              reference,
            },
            signal,
            (fraction) => {
              fractions[at] = fraction;
              progress(fractions.reduce((sum, value) => sum + value, 0) / fractions.length);
            },
          ),
        ),
      );
      const failure = settled.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
      const results = settled.map((result) => (result as PromiseFulfilledResult<ImageResult>).value);
      const images: ArtifactRef[] = [];
      for (const result of results) {
        recordCost(result.cost);
        const { info } = result;
        for (const candidate of result.images) {
          images.push(
            await artifacts.put(candidate.image, {
              width: candidate.width,
              height: candidate.height,
              source: 'generated',
              model: info.model,
              provider: info.provider,
              upstream: info.upstream,
              seconds: info.seconds,
              cost: info.cost / result.images.length,
            }),
          );
        }
      }
      return { images };
    }
    const { width, height } = stillSize(params.aspect, params.size);
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
