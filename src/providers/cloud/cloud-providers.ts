import { canonicalJSON, NodeError, sha256Bytes, sha256Text } from '../../../graph-engine/index.ts';
import { mapCamera } from '../../../nodes/models/camera-mapping.ts';
import { fitVideo, imageCost, imageSizeFor, videoCost } from '../../../nodes/models/fit.ts';
import type { AnimateRequest, ClipResult, ImageRequest, ImageResult } from '../../../nodes/providers';
import { resolveCatalog, type ProviderModel } from './catalog.ts';
import type { ProviderSettings } from './config';
import { ProviderError } from './errors.ts';
import { runCall, runJob, type JobOutcome, type JobTiming } from './job-runner.ts';
import type { ProxyRoute } from './transport.ts';
import type { JobStore } from './job-store';
import { readImageHeader } from '../../media/image-header.ts';
import { dataUriToBlob, inlineImage } from './media-bytes.ts';
import type { ApiAdapters } from './provider';
import { providerNamed, type ProviderName } from './providers.ts';
import type { RetryPolicy } from './retry';
import { createSlots } from './slots.ts';
import type { SpendLedger, SpendRow } from './spend-ledger.ts';
import { planStill, type StillPlan } from './still-limits.ts';
import type { ImageTask, VideoTask } from './task';
import { Transport } from './transport.ts';

export interface CloudDeps {
  settings(): ProviderSettings;
  /** Providers whose keys the same-origin proxy holds (from environment variables). */
  serverKeys(): ReadonlySet<ProviderName>;
  /** The same-origin proxy (its path prefix and this page's token); undefined calls providers directly. */
  proxy?: ProxyRoute;
  jobs: JobStore;
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  timing?: Partial<JobTiming>;
  inspectClip(clip: Blob): Promise<{ width: number; height: number; fps: number; duration: number }>;
  inspectImage(image: Blob): Promise<{ width: number; height: number }>;
  /** Where every paid request is recorded; none in tests that do not look. */
  ledger?: SpendLedger;
  /** The graph the run in progress belongs to, for the spend history. */
  origin?(): { graphId: string; graphName: string } | undefined;
  /**
   * Where downloaded results are kept by content: a task finished in an earlier run is found here
   * first, so a clip that was paid for survives an expired link or a cache that no longer knows it.
   */
  kept?: { put(data: Blob): Promise<{ $artifact: string }>; get(hash: string): Promise<Blob | undefined> };
  /** Re-encodes a frame as JPEG or PNG within a size, for models that do not take it as it is. */
  reencodeImage(image: Blob, type: 'image/jpeg' | 'image/png', maxBytes: number, maxSide?: number): Promise<Blob>;
}

/** What a frame's first bytes say, without decoding it. */
async function planFrame(model: ProviderModel, frame: Blob, first: boolean): Promise<StillPlan> {
  if (!model.stillLimits) return { send: true };
  const header = readImageHeader(new Uint8Array(await frame.slice(0, 256 * 1024).arrayBuffer()));
  return planStill(model.stillLimits, { header, bytes: frame.size }, first);
}

/** The adapters of a model's wire format (none for a format that is listed but not yet spoken). */
function adaptersFor(model: ProviderModel): ApiAdapters {
  return providerNamed(model.provider).apis[model.api] ?? {};
}

/**
 * The images of a node's calls, each with its own fate: when any failed, the node fails saying how
 * many were made (kept, so running again does not pay for them) and why the others were not.
 */
function settleCalls(calls: PromiseSettledResult<Blob>[], label: string): Blob[] {
  const failed = calls.flatMap((call) => (call.status === 'rejected' ? [call.reason as unknown] : []));
  if (failed.length === 0) return calls.map((call) => (call as PromiseFulfilledResult<Blob>).value);
  const made = calls.length - failed.length;
  if (made === 0 && failed.length === 1) throw failed[0];
  // An uncertain call leads: what it says (it may have been billed; it is not sent again on its own) must not be lost.
  const lead =
    failed.find((error) => error instanceof ProviderError && error.kind === 'uncertain') ??
    failed.find((error) => error instanceof ProviderError) ??
    failed[0];
  const reason = (
    lead instanceof ProviderError ? lead.reason : lead instanceof Error ? lead.message : String(lead)
  ).replace(/\.$/, '');
  const kept =
    made > 0
      ? ` The ${made} made ${made === 1 ? 'is' : 'are'} kept: running again does not pay for ${made === 1 ? 'it' : 'them'}.`
      : '';
  const message = `${failed.length} of ${calls.length} ${label} images failed: ${reason}.${kept}`;
  if (!(lead instanceof ProviderError)) throw new Error(message);
  throw new ProviderError({ name: lead.provider, label: lead.label }, lead.kind, message, lead.detail);
}

/** Cloud image and video generation behind the node providers' interface. */
export function createCloudProviders(deps: CloudDeps) {
  const slots = createSlots();
  const timing = (provider: ProviderName): JobTiming => ({ ...providerNamed(provider).timing, ...deps.timing });

  const models = (): ProviderModel[] => {
    const settings = deps.settings();
    return resolveCatalog(settings.modelIds, settings.customModels);
  };

  const transport = (provider: ProviderName): Transport => {
    const settings = deps.settings();
    const descriptor = providerNamed(provider);
    const servers =
      descriptor.userServers && settings.servers[provider]?.length ? settings.servers[provider] : undefined;
    return new Transport({
      provider: descriptor,
      baseUrl: servers?.[0] ?? settings.baseUrls[provider] ?? descriptor.baseUrl,
      servers,
      keys: settings.keys,
      proxy: deps.proxy,
      serverHasKeys: deps.serverKeys().has(provider),
      fetch: deps.fetch,
      retry: deps.retry,
    });
  };

  /** One slot of the provider's concurrency limit (set in Settings) for the length of `work`. */
  const withSlot = async <T>(provider: ProviderName, signal: AbortSignal, work: () => Promise<T>): Promise<T> => {
    const limit = deps.settings().concurrency[provider] ?? providerNamed(provider).concurrency;
    return slots(provider, limit, signal, work);
  };

  const modelOf = <K extends ProviderModel['kind']>(id: string, kind: K): Extract<ProviderModel, { kind: K }> => {
    const model = models().find((candidate) => candidate.id === id);
    if (!model) throw new Error(`Unknown model “${id}”: add it in Settings → Models, or choose another.`);
    if (model.kind !== kind)
      throw new Error(
        `${model.label} makes ${model.kind === 'image' ? 'images' : 'video'}, not ${kind === 'image' ? 'images' : 'video'}.`,
      );
    if (model.unavailable) throw new Error(`${model.label}: ${model.unavailable}`);
    return model as Extract<ProviderModel, { kind: K }>;
  };

  /** What the spend history records with each paid request from this node. */
  const spendOf = (request: AnimateRequest | ImageRequest, params: SpendRow['params'], estimate: number) =>
    deps.ledger && {
      ledger: deps.ledger,
      row: {
        // The graph the run runs, not the one on screen: a run goes on in the background.
        ...(request.graph ? { graphId: request.graph.id, graphName: request.graph.name } : deps.origin?.()),
        nodeId: request.nodeId,
        params,
        estimate,
      },
    };

  const download = async (http: Transport, outputs: string[], signal: AbortSignal): Promise<Blob[]> =>
    Promise.all(
      outputs.map((output) => (output.startsWith('data:') ? dataUriToBlob(output) : http.download(output, signal))),
    );

  /**
   * Downloads a job's results. A result finished in an earlier run whose link has since expired
   * (providers keep files from a day to a month) is forgotten, and the person is told the truth:
   * making it again is billed again.
   */
  const downloadJob = async (
    http: Transport,
    key: string,
    outcome: JobOutcome,
    outputs: string[],
    signal: AbortSignal,
  ): Promise<Blob[]> => {
    const { kept } = deps;
    const record = kept ? await deps.jobs.get(key) : undefined;
    if (kept && outcome.finishedBefore && record?.kept && record.kept.length >= outputs.length) {
      const found = await Promise.all(record.kept.slice(0, outputs.length).map((hash) => kept.get(hash)));
      if (found.every(Boolean)) return found as Blob[];
    }
    try {
      const blobs = await download(http, outputs, signal);
      if (kept && record) {
        const refs = await Promise.all(blobs.map((blob) => kept.put(blob)));
        await deps.jobs.put({ ...record, kept: refs.map((ref) => ref.$artifact) });
      }
      return blobs;
    } catch (error) {
      const gone =
        error instanceof ProviderError && error.kind !== 'config' && [403, 404, 410].includes(error.detail.status ?? 0);
      if (!gone) throw error;
      // The storage host's own answer (an XML AccessDenied) says nothing a person can use: the link is dead.
      await deps.jobs.delete(key);
      throw new ProviderError(
        http.config.provider,
        'failed',
        `the link to task ${outcome.taskId}'s result has expired (HTTP ${error.detail.status}), so it cannot be downloaded. It was billed; running again makes it anew, and is billed again.`,
        { status: error.detail.status },
      );
    }
  };

  /**
   * Refuses, before anything is sent, a request whose frames this model cannot take even converted,
   * or a model that cannot run where it would be sent (no ComfyUI server has its files).
   */
  async function check(request: AnimateRequest, signal: AbortSignal): Promise<void> {
    const model = models().find((candidate) => candidate.id === request.model);
    // A model that cannot run at all says why when it is asked to (animate): here only frames are judged.
    if (model?.kind !== 'video' || model.unavailable) return;
    const frames: [Blob | undefined, string, boolean][] = [
      [request.still, 'still', true],
      [model.capabilities.endFrame ? request.endFrame : undefined, 'end frame', false],
    ];
    for (const [frame, name, first] of frames) {
      if (!frame) continue;
      const plan = await planFrame(model, frame, first);
      if ('refuse' in plan)
        throw new Error(`${model.label} cannot take this ${name}: ${plan.refuse}. Nothing was sent.`);
    }
    const { preflight } = adaptersFor(model);
    if (!preflight) return;
    try {
      await preflight(transport(model.provider), model, signal);
    } catch (error) {
      if (signal.aborted || !(error instanceof ProviderError)) throw error;
      // About the model, not a frame: no port is named.
      throw new NodeError(`${model.label}: ${error.reason}. Nothing was queued.`);
    }
  }

  /** The frame as the model takes it, converted where needed, with a note saying so. */
  const fitFrame = async (model: ProviderModel, frame: Blob, first: boolean) => {
    const plan = await planFrame(model, frame, first);
    if ('refuse' in plan) throw new Error(`${model.label} cannot take this frame: ${plan.refuse}. Nothing was sent.`);
    if ('send' in plan) return { frame, note: undefined };
    const { maxBytes, maxSide } = model.stillLimits!;
    return { frame: await deps.reencodeImage(frame, plan.convert, maxBytes, maxSide), note: plan.why };
  };

  /**
   * A retired id the vendor no longer knows (its 404) names its successor and how to swap to it:
   * a graph run by the CLI shows no Swap button.
   */
  const retiredError = (model: ProviderModel, error: unknown): ProviderError | undefined => {
    if (!(error instanceof ProviderError) || error.detail.status !== 404 || !model.retires) return undefined;
    const successor = models().find((candidate) => candidate.id === model.successor);
    const swap = successor
      ? `Its successor is ${successor.label}, “${successor.id}”: press Swap to ${successor.label} on the node, or put "${successor.id}" in place of "${model.id}" in the node's models in the graph file.`
      : `Set its current id in Settings → Models${model.replacement ? `, or use ${model.replacement}` : ''}.`;
    return new ProviderError(
      { name: error.provider, label: error.label },
      'invalid',
      `${model.label} (${model.upstream}) was shut down on ${model.retires}, and the API no longer knows it; nothing was billed. ${swap}`,
      error.detail,
    );
  };

  async function animate(
    request: AnimateRequest,
    signal: AbortSignal,
    progress: (fraction: number) => void,
  ): Promise<ClipResult> {
    const model = modelOf(request.model, 'video');
    const makeVideo = adaptersFor(model).video;
    if (!makeVideo) throw new Error(`${model.label}: Reelgraph does not speak its ${model.api} API for video yet.`);
    const fit = fitVideo(model, { duration: request.duration, resolution: request.resolution, audio: request.audio });
    const camera = mapCamera(model, request.camera);
    const aspect = request.width / request.height;
    const fittedStill = await fitFrame(model, request.still, true);
    const fittedEnd =
      request.endFrame && model.capabilities.endFrame ? await fitFrame(model, request.endFrame, false) : undefined;
    const still = await inlineImage(fittedStill.frame);
    const endFrame = fittedEnd ? await inlineImage(fittedEnd.frame) : undefined;
    const frameNotes = [fittedStill.note, fittedEnd?.note && `end frame ${fittedEnd.note}`].filter(Boolean).join('; ');
    // Kling cannot take an end frame and camera control together: with an end frame the move goes into words.
    const cameraInWords = camera.kind === 'prompt' || (camera.kind === 'native' && endFrame !== undefined);
    const prompt = [request.prompt.trim(), cameraInWords ? camera.text : ''].filter(Boolean).join('\n');
    const key = sha256Text(
      canonicalJSON({
        api: model.api,
        upstream: model.upstream,
        route: model.route ?? '',
        mode: model.mode ?? '',
        fit,
        prompt,
        camera,
        aspect: aspect.toFixed(4),
        seed: request.seed,
        // Absent until a re-roll, so the keys of jobs made before re-rolls existed stay as they were.
        reroll: request.reroll || undefined,
      }) +
        (await sha256Bytes(await request.still.arrayBuffer())) +
        (endFrame && request.endFrame ? await sha256Bytes(await request.endFrame.arrayBuffer()) : ''),
    );
    const task: Omit<VideoTask, 'externalId'> = {
      model,
      fit,
      prompt,
      camera,
      still,
      endFrame,
      aspect,
      seed: request.seed,
    };
    const http = transport(model.provider);
    const cost = videoCost(model, fit, aspect);
    const asked = {
      duration: fit.duration,
      resolution: fit.resolution,
      audio: fit.audio,
      camera: camera.kind,
      ...(frameNotes ? { still: frameNotes } : {}),
    };
    return withSlot(model.provider, signal, async () => {
      const outcome = await runJob({
        key,
        provider: http.config.provider,
        model: model.id,
        adapter: makeVideo(http),
        task,
        store: deps.jobs,
        signal,
        timing: timing(model.provider),
        progress: (f) => progress(f * 0.95),
        spend: spendOf(request, asked, cost),
        charge: ({ tokens }) =>
          model.price.kind === 'per-token' && tokens !== undefined
            ? (tokens / 1e6) * (model.price.perMillion[fit.resolution] ?? 0)
            : undefined,
      }).catch((error: unknown) => {
        throw retiredError(model, error) ?? error;
      });
      const [clip] = await downloadJob(http, key, outcome, outcome.outputs.slice(0, 1), signal);
      const info = await deps.inspectClip(clip);
      progress(1);
      // What the provider counted, where it reports it; the catalog's estimate otherwise.
      const charged = outcome.actual ?? cost;
      return {
        clip,
        ...info,
        cost: charged,
        info: {
          provider: model.provider,
          model: model.id,
          upstream: model.upstream,
          taskId: outcome.taskId,
          seconds: Math.round(outcome.seconds * 10) / 10,
          cost: charged,
          params: asked,
        },
      };
    });
  }

  /**
   * One paid call of a synchronous image API (`runCall`), its image kept by content once it is ours
   * (the record then holds only its hash), so a run that failed elsewhere collects it without paying.
   */
  async function callImage(
    key: string,
    model: ProviderModel,
    http: Transport,
    signal: AbortSignal,
    spend: ReturnType<typeof spendOf>,
    send: (signal: AbortSignal) => Promise<string>,
  ): Promise<Blob> {
    const { kept, jobs } = deps;
    const record = await jobs.get(key);
    if (record?.state === 'done' && record.kept?.[0] && kept) {
      const image = await kept.get(record.kept[0]);
      if (image) return image;
      await jobs.delete(key);
      throw new ProviderError(
        http.config.provider,
        'failed',
        `an image made earlier is no longer kept in this browser. Run again to make it anew (this is billed again).`,
      );
    }
    const { output } = await runCall({
      key,
      provider: http.config.provider,
      model: model.id,
      store: jobs,
      signal,
      send,
      spend,
    });
    const image = dataUriToBlob(output);
    if (kept) {
      const ref = await kept.put(image);
      const done = await jobs.get(key);
      if (done) await jobs.put({ ...done, kept: [ref.$artifact], outputs: [] });
    }
    return image;
  }

  async function generateImages(
    request: ImageRequest,
    signal: AbortSignal,
    progress: (fraction: number) => void,
  ): Promise<ImageResult> {
    const model = modelOf(request.model, 'image');
    const { image: makeImages, imageNow } = adaptersFor(model);
    if (!makeImages && !imageNow)
      throw new Error(`${model.label}: Reelgraph does not speak its ${model.api} API for images yet.`);
    const count = Math.min(request.count, model.maxCount);
    const size = imageSizeFor(model, request.size);
    const reference = request.reference && model.reference ? await inlineImage(request.reference) : undefined;
    const http = transport(model.provider);
    const began = Date.now();
    const key = sha256Text(
      canonicalJSON({
        api: model.api,
        upstream: model.upstream,
        prompt: request.prompt,
        count,
        size,
        aspect: request.aspect,
        seed: request.seed,
      }) + (reference ? await sha256Bytes(await request.reference!.arrayBuffer()) : ''),
    );
    const task: Omit<ImageTask, 'externalId'> = {
      model,
      prompt: request.prompt,
      count,
      size,
      aspect: request.aspect,
      reference,
    };
    const cost = imageCost(model, request.size, count);
    const asked = { size, count, aspect: request.aspect };
    // Each call of a synchronous API is one image whatever the count: raising the count makes only the new ones.
    const callKey = sha256Text(
      canonicalJSON({
        api: model.api,
        upstream: model.upstream,
        prompt: request.prompt,
        size,
        aspect: request.aspect,
        seed: request.seed,
      }) + (reference ? await sha256Bytes(await request.reference!.arrayBuffer()) : ''),
    );
    const fetched = await withSlot(model.provider, signal, async (): Promise<Blob[]> => {
      if (imageNow) {
        // Synchronous and one image per call: N paid calls, each saved and in the spend history on its
        // own, each with its own fate: images made are kept whatever becomes of the others.
        let finished = 0;
        const calls = await Promise.allSettled(
          Array.from({ length: count }, async (_, at) => {
            const image = await callImage(
              `${callKey}#${at}`,
              model,
              http,
              signal,
              spendOf(request, { ...asked, count: 1 }, cost / count),
              (callSignal) =>
                // Synchronous calls have no id of ours to send.
                imageNow(http, { ...task, externalId: '' }, callSignal),
            );
            progress(++finished / count);
            return image;
          }),
        );
        return settleCalls(calls, model.label);
      }
      const outcome = await runJob({
        key,
        provider: http.config.provider,
        model: model.id,
        adapter: makeImages!(http),
        task,
        store: deps.jobs,
        signal,
        timing: { ...timing(model.provider), typicalMs: 20_000 },
        progress,
        spend: spendOf(request, asked, cost),
      });
      return downloadJob(http, key, outcome, outcome.outputs, signal);
    });
    const images = await Promise.all(fetched.map(async (image) => ({ image, ...(await deps.inspectImage(image)) })));
    return {
      images,
      cost,
      info: {
        provider: model.provider,
        model: model.id,
        upstream: model.upstream,
        seconds: Math.round((Date.now() - began) / 100) / 10,
        cost,
        params: asked,
      },
    };
  }

  /**
   * What keeps a model from being called, said as the person should hear it (its provider, and
   * which key to add); undefined when it can be called (its key is here or on the server) or it is no cloud model.
   */
  async function missingKey(id: string): Promise<string | undefined> {
    const model = models().find((candidate) => candidate.id === id);
    if (!model || deps.serverKeys().has(model.provider)) return undefined;
    const descriptor = providerNamed(model.provider);
    if (await descriptor.auth(deps.settings().keys, model.api)) return undefined;
    return `${descriptor.label}: ${descriptor.missingKey(model.api)}`;
  }

  /**
   * Rejects, saying why and that nothing was sent, when an image model cannot be called at all (not
   * known, retired, its API not spoken, or no key): a Still asks this of every model before any is paid for.
   */
  async function checkImages(id: string): Promise<void> {
    const model = modelOf(id, 'image');
    const { image, imageNow } = adaptersFor(model);
    if (!image && !imageNow)
      throw new Error(`${model.label}: Reelgraph does not speak its ${model.api} API for images yet.`);
    const why = await missingKey(id);
    if (why) throw new Error(`${why} Nothing was sent.`);
  }

  return { models, check, checkImages, animate, generateImages, missingKey };
}

export type CloudProviders = ReturnType<typeof createCloudProviders>;
