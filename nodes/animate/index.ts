import { defineNode, NodeError, type ArtifactRef } from '../../graph-engine';
import type { CameraPath } from '../camera/schema';
import type { NodeProviders } from '../providers';
import { clipSize, LOCAL_CAMERA_MOVE, zAnimateParams, type AnimateParams } from './schema';

async function stillOf(ref: ArtifactRef, ctx: { artifacts: { get(hash: string): Promise<Blob | undefined> } }, port: string): Promise<Blob> {
  const blob = await ctx.artifacts.get(ref.$artifact);
  if (!blob) throw new NodeError('The image for this input is no longer stored; run the node that makes it again.', port);
  return blob;
}

/** Image-to-video: the still is frame one; each selected model makes one clip. */
export const animateNode = defineNode<AnimateParams, NodeProviders>({
  kind: 'animate',
  version: 1,
  title: 'Animate',
  inputs: {
    still: { accepts: ['image'], label: 'still (frame one)' },
    endFrame: { accepts: ['image'], optional: true, label: 'end frame' },
    prompt: { accepts: ['text'], optional: true, label: 'motion prompt' },
    camera: { accepts: ['camera'], optional: true, label: 'camera' },
  },
  outputs: { clip: { type: 'video', label: 'clip' }, clips: { type: 'videos', label: 'all clips' } },
  params: zAnimateParams,
  resource: (params) => (params.models.every((model) => model === LOCAL_CAMERA_MOVE) ? 'local-render' : undefined),
  run: async (ctx) => {
    const { params, inputs, providers, signal, artifacts } = ctx;
    const stillRef = inputs.still as ArtifactRef;
    const still = await stillOf(stillRef, ctx, 'still');
    const info =
      typeof stillRef.meta?.width === 'number' && typeof stillRef.meta?.height === 'number'
        ? { width: stillRef.meta.width, height: stillRef.meta.height }
        : await providers.images.inspect(still, signal);
    const endFrame = inputs.endFrame ? await stillOf(inputs.endFrame as ArtifactRef, ctx, 'endFrame') : undefined;
    const { width, height } = clipSize(params.resolution, info.width, info.height);
    const clips: ArtifactRef[] = [];
    for (const [at, model] of params.models.entries()) {
      const result = await providers.video.animate(
        {
          model,
          still,
          endFrame,
          prompt: typeof inputs.prompt === 'string' ? inputs.prompt : '',
          camera: inputs.camera as CameraPath | undefined,
          duration: params.duration,
          width,
          height,
          fps: params.fps,
          seed: params.seed,
        },
        signal,
        (fraction) => ctx.progress((at + fraction) / params.models.length),
      );
      ctx.recordCost(result.cost);
      clips.push(await artifacts.put(result.clip, { width: result.width, height: result.height, fps: result.fps, duration: result.duration, model }));
    }
    return { clip: clips[0], clips };
  },
});
