import { z } from 'zod';
import { sha256Text } from '../../../../graph-engine/index.ts';
import { ProviderError } from '../errors.ts';
import type { ModelEntry } from '../provider.ts';
import type { Lookup, TaskAdapter, TaskHandle, TaskStatus, VideoTask } from '../task.ts';
import type { Transport } from '../transport.ts';
import { listen, PAGE_FARM, type Farm } from './farm.ts';
import { COMFYUI } from './identity.ts';
import { missingFor } from './preflight.ts';
import {
  failureOf,
  queuedIds,
  type HistoryEntry,
  savedVideo,
  zHistory,
  zObjectInfo,
  zQueue,
  zQueued,
  zUploaded,
} from './protocol.ts';
import { fillWorkflow, frameCount, frameSize, workflowNamed, type ComfyWorkflow } from './workflows.ts';

/** How long a server's node list is trusted: long enough for a burst of takes, short enough to see a new model file. */
const INFO_MS = 60_000;

/** Our prompt id for an attempt: a UUID made from its own id, so a submit whose answer was lost is found again by it. */
export function promptIdFor(externalId: string): string {
  const hex = sha256Text(externalId);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function workflowOf(model: Pick<ModelEntry, 'label' | 'upstream'>): ComfyWorkflow {
  const workflow = workflowNamed(model.upstream);
  if (!workflow)
    throw new ProviderError(COMFYUI, 'config', `${model.label}: there is no built-in workflow “${model.upstream}”`);
  return workflow;
}

/** Every configured server, each as its own transport. */
const serversOf = (http: Transport) =>
  (http.config.servers?.length ? http.config.servers : [http.config.baseUrl]).map((base) => http.at(base));

function nodeList(farm: Farm, server: Transport, signal: AbortSignal): Promise<z.infer<typeof zObjectInfo>> {
  const base = server.config.baseUrl;
  const cached = farm.info.get(base);
  if (cached && Date.now() - cached.at < INFO_MS) return cached.info;
  const info = server.json('GET', '/object_info', zObjectInfo, { signal });
  farm.info.set(base, { at: Date.now(), info });
  info.catch(() => farm.info.delete(base));
  return info;
}

interface Candidate {
  server: Transport;
  /** Takes queued or running there, and ours on the way. */
  load: number;
}

/**
 * The servers that can run a workflow, least loaded first, or an error that names what each
 * lacks. A server that does not answer is passed over; none answering is said plainly. Nothing
 * here is billed or queued, so every failure is definite.
 */
async function candidates(
  http: Transport,
  farm: Farm,
  workflow: ComfyWorkflow,
  signal: AbortSignal,
): Promise<Candidate[]> {
  const servers = serversOf(http);
  const asked = await Promise.all(
    servers.map(async (server): Promise<(Candidate & { missing: string[] }) | { server: Transport; error: string }> => {
      try {
        const [queue, info] = await Promise.all([
          server.json('GET', '/queue', zQueue, { signal }),
          nodeList(farm, server, signal),
        ]);
        const missing = missingFor(workflow, info);
        const base = server.config.baseUrl;
        const load = queue.queue_running.length + queue.queue_pending.length + (farm.sending.get(base) ?? 0);
        return { server, load, missing };
      } catch (error) {
        if (signal.aborted) throw error;
        return { server, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const ready = asked.flatMap((each) => ('missing' in each && each.missing.length === 0 ? [each] : []));
  if (ready.length > 0) return ready.sort((a, b) => a.load - b.load);
  const lacking = asked.flatMap((each) => ('missing' in each ? [each] : []));
  if (lacking.length > 0) {
    const what = lacking.map((each) => `${each.server.config.baseUrl} lacks ${each.missing.join(', ')}`).join('; ');
    throw new ProviderError(COMFYUI, 'config', `no server can run ${workflow.id}: ${what}`);
  }
  const tried = servers.map((server) => server.config.baseUrl).join(', ');
  throw new ProviderError(
    COMFYUI,
    'config',
    `no ComfyUI server answered (${tried}). Start ComfyUI (with --listen to reach it from another machine), or set the servers in Settings.`,
  );
}

/** What the node says before anything is queued when no server has what this model's workflow needs. */
export async function comfyPreflight(http: Transport, model: ModelEntry, signal: AbortSignal): Promise<void> {
  await candidates(http, PAGE_FARM, workflowOf(model), signal);
}

const MIME_EXTENSION: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** Uploads a frame under a name made from its bytes, so sending it again overwrites the same file. */
async function upload(server: Transport, image: VideoTask['still'], signal: AbortSignal): Promise<string> {
  const bytes = Uint8Array.from(atob(image.base64), (char) => char.charCodeAt(0));
  const name = `reelgraph-${sha256Text(image.base64).slice(0, 24)}.${MIME_EXTENSION[image.mime] ?? 'png'}`;
  const form = new FormData();
  form.append('image', new Blob([bytes], { type: image.mime }), name);
  form.append('type', 'input');
  form.append('overwrite', 'true');
  const uploaded = await server.json('POST', '/upload/image', zUploaded, { form, signal });
  return uploaded.subfolder ? `${uploaded.subfolder}/${uploaded.name}` : uploaded.name;
}

/** Where a prompt is on one server: finished (its history), queued, running, or unknown there. */
type Whereabouts = { history: HistoryEntry } | { state: 'running' | 'waiting' | 'absent' };

async function locate(server: Transport, id: string, signal: AbortSignal): Promise<Whereabouts> {
  const path = `/history/${encodeURIComponent(id)}`;
  const history = (await server.json('GET', path, zHistory, { signal }))[id];
  if (history) return { history } as const;
  const queue = await server.json('GET', '/queue', zQueue, { signal });
  if (queuedIds(queue.queue_running).includes(id)) return { state: 'running' } as const;
  if (queuedIds(queue.queue_pending).includes(id)) return { state: 'waiting' } as const;
  // It may have finished between the two answers.
  const again = (await server.json('GET', path, zHistory, { signal }))[id];
  return again ? ({ history: again } as const) : ({ state: 'absent' } as const);
}

/** Samplers in the order they run, for progress from the WebSocket. */
const samplersOf = (workflow: ComfyWorkflow) =>
  Object.entries(workflow.graph)
    .filter(([, node]) => /^(KSampler|KSamplerAdvanced|SamplerCustom(Advanced)?)$/.test(node.class_type))
    .map(([id]) => id);

/**
 * ComfyUI on the person's own GPUs, one server or several: each take goes to the least-loaded
 * server that has the workflow's nodes and model files, stays there, and is followed by its prompt
 * id (ours, so a lost answer is found again rather than queued twice). A server that stops
 * answering has its waiting takes moved to another; a take it was running is reported lost.
 */
export function comfyAdapter(http: Transport, farm: Farm = PAGE_FARM): TaskAdapter<VideoTask> {
  const serverOf = (handle: TaskHandle) => http.at(handle.urls?.server ?? http.config.baseUrl);
  return {
    async submit(task, signal) {
      const workflow = workflowOf(task.model);
      const [{ server }] = await candidates(http, farm, workflow, signal);
      const base = server.config.baseUrl;
      const id = promptIdFor(task.externalId);
      farm.sending.set(base, (farm.sending.get(base) ?? 0) + 1);
      try {
        let still: string;
        try {
          still = await upload(server, task.still, signal);
        } catch (error) {
          if (signal.aborted || !(error instanceof ProviderError)) throw error;
          // Nothing is queued yet: a failed upload is definite, whatever its kind.
          throw new ProviderError(
            COMFYUI,
            error.kind === 'network' ? 'config' : 'failed',
            `could not upload the still to ${base}: ${error.reason}`,
          );
        }
        const { width, height } = frameSize(workflow, task.fit.resolution, task.aspect);
        const prompt = fillWorkflow(workflow, {
          still,
          prompt: task.prompt,
          seed: task.seed ?? 0,
          width,
          height,
          length: frameCount(workflow, task.fit.duration),
          fps: workflow.fps,
        });
        listen(farm, base, server.socketUrl('/ws', { clientId: farm.clientId }));
        farm.progress.set(id, { samplers: samplersOf(workflow), fraction: 0 });
        const queued = await server.json('POST', '/prompt', zQueued, {
          body: { prompt, client_id: farm.clientId, prompt_id: id },
          signal,
          idempotent: false,
        });
        farm.seen.set(queued.prompt_id, 'waiting');
        return { id: queued.prompt_id, urls: { server: base } };
      } finally {
        farm.sending.set(base, (farm.sending.get(base) ?? 1) - 1);
      }
    },

    /** Asks every server for the prompt id this attempt was sent under. */
    async find(task, signal): Promise<Lookup> {
      const id = promptIdFor(task.externalId);
      const answers = await Promise.all(
        serversOf(http).map((server) =>
          locate(server, id, signal).then(
            (where) => ({ server, where }),
            () => ({ server, where: undefined }),
          ),
        ),
      );
      const found = answers.find(({ where }) => where && !('state' in where && where.state === 'absent'));
      if (found) return { found: { id, urls: { server: found.server.config.baseUrl } } };
      if (answers.every(({ where }) => where)) return { absent: true };
      const silent = answers.filter(({ where }) => !where).map(({ server }) => server.config.baseUrl);
      throw new ProviderError(COMFYUI, 'uncertain', `${silent.join(', ')} did not answer`);
    },

    async poll(handle, signal): Promise<TaskStatus> {
      const server = serverOf(handle);
      const base = server.config.baseUrl;
      let where;
      try {
        where = await locate(server, handle.id, signal);
      } catch (error) {
        if (signal.aborted || !(error instanceof ProviderError) || error.kind !== 'network') throw error;
        const waited = farm.seen.get(handle.id) === 'waiting';
        farm.seen.delete(handle.id);
        return {
          state: 'failed',
          // It never started there: another server can make it, and nothing was spent.
          moved: waited,
          error: new ProviderError(
            COMFYUI,
            'failed',
            waited
              ? `${base} stopped answering before it started this take`
              : `${base} stopped answering while it ran this take, so it is lost. Run again to make it anew.`,
          ),
        };
      }
      if ('history' in where) {
        farm.seen.delete(handle.id);
        farm.progress.delete(handle.id);
        const failure = failureOf(where.history);
        if (failure) return { state: 'failed', error: new ProviderError(COMFYUI, 'failed', failure) };
        const video = savedVideo(where.history);
        if (!video)
          return {
            state: 'failed',
            error: new ProviderError(COMFYUI, 'failed', 'the workflow finished without saving a video'),
          };
        const query = new URLSearchParams({ filename: video.filename, subfolder: video.subfolder, type: video.type });
        return { state: 'done', outputs: [`${base}/view?${query}`] };
      }
      if (where.state === 'absent') {
        farm.seen.delete(handle.id);
        return {
          state: 'failed',
          error: new ProviderError(
            COMFYUI,
            'failed',
            `${base} no longer knows this take (neither queued nor in its history: the server may have restarted). It was not finished; run again to make it anew.`,
          ),
        };
      }
      farm.seen.set(handle.id, where.state);
      const heard = farm.progress.get(handle.id)?.fraction;
      return { state: 'pending', ...(where.state === 'running' && heard ? { progress: heard } : {}) };
    },

    /** Deletes a take still waiting; interrupts it when it is the one running. */
    async cancel(handle, signal) {
      const server = serverOf(handle);
      const queue = await server.json('GET', '/queue', zQueue, { signal });
      if (queuedIds(queue.queue_pending).includes(handle.id)) {
        await server.json('POST', '/queue', z.unknown(), { body: { delete: [handle.id] }, signal });
        return 'cancelled';
      }
      if (queuedIds(queue.queue_running).includes(handle.id)) {
        // Its own GPU: stopping it costs nothing, whatever it had done.
        await server.json('POST', '/interrupt', z.unknown(), { body: { prompt_id: handle.id }, signal });
        return 'cancelled';
      }
      // Finished already (or gone): the next run finds it in the history.
      return 'refused';
    },
  };
}
