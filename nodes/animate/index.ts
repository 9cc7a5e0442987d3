import { defineKind } from '../define-kind';
import { NodeError, type ArtifactRef } from '../../graph-engine';
import type { CameraPath } from '../camera/schema';
import { fitVideo, videoCost } from '../models/fit';
import type { AnimateRequest, NodeProviders } from '../providers';
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

/** Image-to-video: the still is frame one; each selected model makes one clip, all in parallel. */
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
  // Local renders share the CPU; cloud jobs wait on the provider, each within its provider's limit.
  resource: (params) => (params.models.includes(LOCAL_CAMERA_MOVE) ? 'local-render' : 'cloud'),
  estimateCost: estimateAnimate,
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
    const requestFor = (model: string): AnimateRequest => ({
      model,
      nodeId: ctx.nodeId,
      still,
      endFrame,
      prompt: typeof inputs.prompt === 'string' ? inputs.prompt : '',
      camera: inputs.camera as CameraPath | undefined,
      duration: params.duration,
      width,
      height,
      fps: params.fps,
      seed: params.seed,
      resolution: params.resolution,
      audio: params.audio,
    });
    // Every model's documented input limits are checked before any of them is paid for.
    await Promise.all(
      params.models.map((model) =>
        providers.video.check(requestFor(model)).catch((error: unknown) => {
          throw new NodeError(error instanceof Error ? error.message : String(error), 'still');
        }),
      ),
    );
    const fractions = params.models.map(() => 0);
    // Each take stands on its own: one model's refusal does not throw away what the others made and billed.
    const settled = await Promise.allSettled(
      params.models.map((model, at) =>
        providers.video.animate(requestFor(model), signal, (fraction) => {
          fractions[at] = fraction;
          ctx.progress(fractions.reduce((sum, value) => sum + value, 0) / fractions.length);
        }),
      ),
    );
    signal.throwIfAborted();
    const failed = settled.flatMap((outcome, at) =>
      outcome.status === 'rejected' ? [{ model: params.models[at], reason: outcome.reason as unknown }] : [],
    );
    if (failed.length === settled.length) throw failed[0].reason;
    const clips: ArtifactRef[] = [];
    for (const [at, outcome] of settled.entries()) {
      if (outcome.status === 'rejected') continue;
      const result = outcome.value;
      ctx.recordCost(result.cost);
      const meta: Record<string, string | number | boolean> = {
        width: result.width,
        height: result.height,
        fps: result.fps,
        duration: result.duration,
        model: params.models[at],
        cost: result.cost,
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
      clips.push(await artifacts.put(result.clip, meta));
    }
    if (failed.length > 0) {
      const why = failed.map(
        ({ model, reason }) => `${model}: ${reason instanceof Error ? reason.message : String(reason)}`,
      );
      throw new NodeError(
        `${clips.length} of ${settled.length} takes made, ${failed.length} failed (${why.join('; ')}). The takes that were made are kept: running again retries only the failed one, and the others are not paid for again.`,
      );
    }
    return { clip: clips[0], clips };
  },
});
