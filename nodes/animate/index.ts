import { defineKind } from '../define-kind';
import { NodeError, type ArtifactRef, type ExecContext } from '../../graph-engine';
import type { CameraPath } from '../camera/schema';
import { fitVideo, videoCost } from '../models/fit';
import type { AnimateRequest, NodeProviders } from '../providers';
import { cloudClipSize } from '../models/resolution';
import { clipSize, LOCAL_CAMERA_MOVE, zAnimateParams, type AnimateParams } from './schema';

async function stillOf(
  ref: ArtifactRef,
  ctx: { artifacts: { get(hash: string): Promise<Blob | undefined> } },
  port: string,
): Promise<Blob> {
  const blob = await ctx.artifacts.get(ref.$artifact);
  if (!blob)
    throw new NodeError('The image for this input is no longer stored; run the node that makes it again.', port);
  return blob;
}

/** What one run of these params will cost, before anything is sent: the catalog's prices for what each model will make. */
export function estimateAnimate(params: AnimateParams, providers: Pick<NodeProviders, 'models'>): number {
  const models = providers.models();
  let total = 0;
  for (const id of params.models) {
    const model = models.find((candidate) => candidate.id === id);
    if (model?.kind === 'video') total += videoCost(model, fitVideo(model, params));
  }
  return total;
}

/** The one clip a take of Animate asks its model for. */
async function requestOf(ctx: ExecContext<AnimateParams, NodeProviders>): Promise<AnimateRequest> {
  const { params, inputs, providers, signal, take } = ctx;
  if (params.models.length !== 1)
    throw new Error(`Animate makes one take per model; it was handed ${params.models.length} at once.`);
  const stillRef = inputs.still as ArtifactRef;
  const still = await stillOf(stillRef, ctx, 'still');
  const info =
    typeof stillRef.meta?.width === 'number' && typeof stillRef.meta?.height === 'number'
      ? { width: stillRef.meta.width, height: stillRef.meta.height }
      : await providers.images.inspect(still, signal);
  const endFrame = inputs.endFrame ? await stillOf(inputs.endFrame as ArtifactRef, ctx, 'endFrame') : undefined;
  // The local renderer makes the size itself; a cloud take keeps the size its job key was always made with.
  const { width, height } = (params.models[0] === LOCAL_CAMERA_MOVE ? clipSize : cloudClipSize)(
    params.resolution,
    info.width,
    info.height,
  );
  return {
    model: params.models[0],
    nodeId: ctx.nodeId,
    graph: ctx.graph,
    still,
    endFrame,
    prompt: typeof inputs.prompt === 'string' ? inputs.prompt : '',
    camera: inputs.camera as CameraPath | undefined,
    duration: params.duration,
    width,
    height,
    fps: params.fps,
    // A re-rolled take is a new seed, so a model that samples makes a new clip (and a new job).
    seed: (params.seed + take.reroll) % 2 ** 31,
    ...(take.reroll > 0 ? { reroll: take.reroll } : {}),
    resolution: params.resolution,
    audio: params.audio,
  };
}

/**
 * Image-to-video: the still is frame one. The engine fans the node out over its models, one take
 * per model (and per still, when a list of stills arrives), so each clip is its own provider job,
 * cache entry and fate: one model refusing keeps the clips the others made.
 */
export const animateNode = defineKind({
  kind: 'animate',
  version: 1,
  title: 'Animate',
  description: 'Image to video: the still is frame one',
  inputs: {
    still: { accepts: ['image'], label: 'still (frame one)' },
    endFrame: { accepts: ['image'], optional: true, label: 'end frame' },
    prompt: { accepts: ['text'], optional: true, label: 'motion prompt' },
    camera: { accepts: ['camera'], optional: true, label: 'camera' },
  },
  outputs: { clip: { type: 'video', label: 'clip' }, clips: { type: 'videos', label: 'all clips' } },
  params: zAnimateParams,
  fanOut: 'models',
  // The local camera move's second drawing: 4K at 3840 (it was 1920 wide) and limited-range
  // BT.709 (it was full-range). Only takes that are all local are made again; a provider's job
  // keeps its key, so nothing paid is ever asked for twice.
  outputVersion: (params) => (params.models.every((model) => model === LOCAL_CAMERA_MOVE) ? 2 : undefined),
  // Local renders share the CPU; cloud jobs wait on the provider, each within its provider's limit.
  resource: (params) => (params.models.includes(LOCAL_CAMERA_MOVE) ? 'local-render' : 'cloud'),
  estimateCost: estimateAnimate,
  // Every take's inputs are checked against its model's documented limits before any take is paid for.
  check: async (ctx) => {
    await ctx.providers.video.check(await requestOf(ctx), ctx.signal).catch((error: unknown) => {
      if (error instanceof NodeError) throw error;
      throw new NodeError(error instanceof Error ? error.message : String(error), 'still');
    });
  },
  run: async (ctx) => {
    const { signal, artifacts, take, providers } = ctx;
    const request = await requestOf(ctx);
    const { model } = request;
    const result = await providers.video.animate(request, signal, ctx.progress);
    ctx.recordCost(result.cost);
    const meta: Record<string, string | number | boolean> = {
      width: result.width,
      height: result.height,
      fps: result.fps,
      duration: result.duration,
      model,
      cost: result.cost,
      ...(take.reroll > 0 ? { reroll: take.reroll } : {}),
      ...(result.note ? { note: result.note } : {}),
    };
    // Where it came from travels with the clip: compare views and the run table label it.
    if (result.info) {
      const { provider, upstream, taskId = '', seconds, params: asked } = result.info;
      Object.assign(meta, {
        provider,
        upstream,
        taskId,
        seconds,
        resolution: String(asked.resolution ?? ''),
        audio: Boolean(asked.audio),
        camera: String(asked.camera ?? ''),
        // How the still was changed to be taken (re-encoded), said with the clip.
        ...(typeof asked.still === 'string' ? { still: asked.still } : {}),
      });
    }
    const clip = await artifacts.put(result.clip, meta);
    return { clip, clips: [clip] };
  },
});
