import { z } from 'zod';
import { kindForStatus, ProviderError, type ProviderErrorKind } from '../errors.ts';
import { dataUri, type TaskAdapter, type TaskStatus, type VideoTask } from '../task.ts';
import type { Transport } from '../transport.ts';
import { ARK } from './identity.ts';

const zError = z.object({ code: z.string().optional(), message: z.string().optional(), type: z.string().optional() });
const zCreated = z.object({ id: z.string().min(1) });
/**
 * The task list (GET …/tasks, ModelArk's "query video generation task list"): each item echoes the
 * settings the task runs with (seed, resolution, ratio, duration, generate_audio), never the prompt
 * or the frames, and takes no id of ours (volcengine-python-sdk, content_generation_task.py).
 */
const zListed = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        model: z.string().optional(),
        status: z.string().optional(),
        created_at: z.number(),
        resolution: z.string().nullish(),
        duration: z.number().nullish(),
        generate_audio: z.boolean().nullish(),
      }),
    )
    .default([]),
  total: z.number().optional(),
});

/** How far apart our clock and ModelArk's may be when matching a lost submit to a listed task. */
const CLOCK_SLACK_S = 600;
/** The list's largest page (1 to 500), and how many pages a lookup reads before it cannot say. */
const PAGE_SIZE = 500;
const MAX_PAGES = 4;
const UNBILLED = ['failed', 'cancelled', 'expired'];
const zTask = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired']),
  content: z
    .object({ video_url: z.string().url().optional(), last_frame_url: z.string().optional() })
    .nullable()
    .optional(),
  error: zError.nullable().optional(),
  /** What the finished task used; ModelArk bills video by completion tokens. */
  usage: z
    .object({ completion_tokens: z.number().optional(), total_tokens: z.number().optional() })
    .nullable()
    .optional(),
});

export const FACE_REJECTION =
  'Seedance rejects realistic human faces in the start frame. Use a still without a real-looking face (a drawn or stylised one works), or another model; nothing was charged.';

function kindForCode(code: string): ProviderErrorKind | undefined {
  if (/SensitiveContentDetected/.test(code)) return 'content';
  if (/^(AuthenticationError|AccessDenied|AccountOverdueError|ModelNotOpen)/.test(code)) return 'auth';
  if (
    /^(RateLimitExceeded|ModelAccount(Rpm|Tpm)RateLimitExceeded|QuotaExceeded|ServerOverloaded|ModelLoadingError)/.test(
      code,
    )
  )
    return 'rate';
  if (/^(InvalidParameter|MissingParameter|InvalidEndpoint)/.test(code)) return 'invalid';
  if (/^InternalServiceError/.test(code)) return 'server';
  return undefined;
}

function seedanceError(
  code: string | undefined,
  message: string | undefined,
  status?: number,
  retryAfterMs?: number,
): ProviderError {
  if (code === 'InputImageSensitiveContentDetected.PrivacyInformation')
    return new ProviderError(ARK, 'content', FACE_REJECTION, { status, code });
  const kind = (code && kindForCode(code)) || (status ? kindForStatus(status) : 'failed');
  const hint =
    code === 'ModelNotOpen'
      ? 'switch the model on in the ModelArk console first'
      : code?.startsWith('OutputVideoSensitiveContentDetected')
        ? 'the output check refused the video (it can pass on a re-roll)'
        : undefined;
  return new ProviderError(
    ARK,
    kind,
    [hint, message, code ?? (status ? `HTTP ${status}` : undefined)].filter(Boolean).join(' · '),
    { status, code, retryAfterMs },
  );
}

/** ModelArk's error body {error: {code, message, type}}. */
export function describeArkError(status: number, body: unknown, retryAfterMs: number | undefined): ProviderError {
  const parsed = z.object({ error: zError }).safeParse(body);
  const error = parsed.success ? parsed.data.error : undefined;
  return seedanceError(
    error?.code,
    error?.message ?? (typeof body === 'string' ? body.slice(0, 200) : undefined),
    status,
    retryAfterMs,
  );
}

/** The create-task body; `generate_audio` is always sent, because it defaults to on (and costs more). */
export function seedanceBody(task: VideoTask): Record<string, unknown> {
  const content: Record<string, unknown>[] = [
    { type: 'text', text: task.prompt },
    { type: 'image_url', image_url: { url: dataUri(task.still) }, role: 'first_frame' },
  ];
  if (task.endFrame)
    content.push({ type: 'image_url', image_url: { url: dataUri(task.endFrame) }, role: 'last_frame' });
  return {
    model: task.model.upstream,
    content,
    resolution: task.fit.resolution,
    ratio: 'adaptive',
    duration: task.fit.duration,
    generate_audio: task.fit.audio,
    watermark: false,
  };
}

/** Seedance on BytePlus ModelArk: create, poll by id, and DELETE to cancel a task still queued. */
export function seedanceAdapter(http: Transport): TaskAdapter<VideoTask> {
  return {
    async submit(task, signal) {
      const created = await http.json('POST', '/contents/generations/tasks', zCreated, {
        body: seedanceBody(task),
        signal,
        api: 'seedance',
        idempotent: false,
      });
      return { id: created.id };
    },
    /**
     * ModelArk takes no id of ours, so a lost submit is matched by when it was made and what it
     * asked for, among tasks no other job of ours holds. Listed unfiltered: `filter.model` takes an
     * endpoint id, not the model id we send, so filtering by it could hide our own task. None near
     * the submit means none was made; exactly one that asked for the same duration, resolution and
     * sound, with no other submit of ours unanswered, is ours; anything else cannot be told apart.
     */
    async find(task, signal, since, others) {
      const at = since / 1000;
      const near: z.infer<typeof zListed>['items'] = [];
      let covered = false;
      for (let page = 1; page <= MAX_PAGES && !covered; page++) {
        const listed = await http.json(
          'GET',
          `/contents/generations/tasks?page_num=${page}&page_size=${PAGE_SIZE}`,
          zListed,
          { signal, api: 'seedance' },
        );
        // A task that failed or was cancelled was not billed: if it was ours, sending again pays once.
        near.push(
          ...listed.items.filter(
            (item) => Math.abs(item.created_at - at) <= CLOCK_SLACK_S && !UNBILLED.includes(item.status ?? ''),
          ),
        );
        const seen = (page - 1) * PAGE_SIZE + listed.items.length;
        covered = listed.items.length < PAGE_SIZE || (listed.total !== undefined && seen >= listed.total);
      }
      const unclaimed = near.filter((item) => !others.taken.has(item.id));
      if (unclaimed.length === 0 && covered) return { absent: true };
      const { fit } = task;
      const same = unclaimed.filter(
        (item) =>
          (item.duration == null || item.duration === fit.duration) &&
          (item.resolution == null || item.resolution === fit.resolution) &&
          (item.generate_audio == null || item.generate_audio === fit.audio),
      );
      if (same.length === 1 && others.unresolved === 0 && covered) return { found: { id: same[0].id } };
      const why = !covered
        ? 'the task list is too long to read whole'
        : others.unresolved > 0
          ? `${others.unresolved} other submit${others.unresolved === 1 ? '' : 's'} to ModelArk around then also went unanswered, and its list cannot tell whose task is whose`
          : same.length > 1
            ? `${same.length} ${task.model.label} tasks with these settings were made around then`
            : `${unclaimed.length} task${unclaimed.length === 1 ? ' was' : 's were'} made around then with other settings`;
      throw new ProviderError(ARK, 'uncertain', why);
    },
    async poll(handle, signal): Promise<TaskStatus> {
      const task = await http.json('GET', `/contents/generations/tasks/${encodeURIComponent(handle.id)}`, zTask, {
        signal,
        api: 'seedance',
      });
      if (task.status === 'queued' || task.status === 'running') return { state: 'pending' };
      if (task.status === 'succeeded' && task.content?.video_url)
        return {
          state: 'done',
          outputs: [task.content.video_url],
          usage: { tokens: task.usage?.completion_tokens ?? task.usage?.total_tokens },
        };
      if (task.status === 'cancelled')
        return { state: 'failed', error: new ProviderError(ARK, 'failed', 'the task was cancelled') };
      if (task.status === 'expired')
        return { state: 'failed', error: new ProviderError(ARK, 'timeout', 'the task expired before it ran') };
      return {
        state: 'failed',
        error: seedanceError(task.error?.code, task.error?.message ?? 'the task failed without a reason'),
      };
    },
    async cancel(handle, signal) {
      try {
        await http.json('DELETE', `/contents/generations/tasks/${encodeURIComponent(handle.id)}`, z.unknown(), {
          signal,
          api: 'seedance',
        });
        // Only a queued task can be deleted: it never runs.
        return 'cancelled';
      } catch {
        // A running task cannot be cancelled; it finishes (and is billed), so a later run picks it up.
        return 'refused';
      }
    },
  };
}
