import { z } from 'zod';
import { kindForStatus, ProviderError, type ProviderErrorKind } from '../errors.ts';
import { dataUri, type TaskAdapter, type TaskStatus, type VideoTask } from '../task.ts';
import type { Transport } from '../transport.ts';
import { ARK } from './identity.ts';

const zError = z.object({ code: z.string().optional(), message: z.string().optional(), type: z.string().optional() });
const zCreated = z.object({ id: z.string().min(1) });
const zListed = z.object({
  items: z.array(z.object({ id: z.string(), model: z.string().optional(), created_at: z.number() })).default([]),
});

/** How far apart our clock and ModelArk's may be when matching a lost submit to a listed task. */
const CLOCK_SLACK_S = 600;
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
     * ModelArk takes no id of ours, so a lost submit is matched by model and time: no task of this
     * model near the submit means none was made; exactly one is ours; more cannot be told apart.
     */
    async find(task, signal, since) {
      const query = `page_num=1&page_size=100&filter.model=${encodeURIComponent(task.model.upstream)}`;
      const listed = await http.json('GET', `/contents/generations/tasks?${query}`, zListed, {
        signal,
        api: 'seedance',
      });
      const at = since / 1000;
      const near = listed.items.filter((item) => Math.abs(item.created_at - at) <= CLOCK_SLACK_S);
      if (near.length === 0) return { absent: true };
      if (near.length === 1) return { found: { id: near[0].id } };
      throw new ProviderError(ARK, 'uncertain', `${near.length} ${task.model.label} tasks were made around then`);
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
        return true;
      } catch {
        // A running task cannot be cancelled; it finishes (and is billed), so a later run picks it up.
        return false;
      }
    },
  };
}
