import { z } from 'zod';
import { kindForStatus, ProviderError } from '../errors.ts';
import {
  dataUri,
  nearestRatio,
  type ImageTask,
  type TaskAdapter,
  type TaskHandle,
  type TaskStatus,
  type VideoTask,
} from '../task.ts';
import type { Transport } from '../transport.ts';
import { FAL } from './identity.ts';

const zSubmitted = z.object({
  request_id: z.string().min(1),
  status_url: z.string().url().optional(),
  response_url: z.string().url().optional(),
  cancel_url: z.string().url().optional(),
});
const zStatus = z.object({
  status: z.string(),
  queue_position: z.number().optional().nullable(),
  error: z.string().optional().nullable(),
  /** Set when a request ended COMPLETED but failed (fal's own classification). */
  error_type: z.string().optional().nullable(),
});
const zResult = z.object({
  video: z.object({ url: z.string() }).optional(),
  images: z.array(z.object({ url: z.string() })).optional(),
});

/** fal's errors: {detail: "…", error_type} or, for schema violations (422), {detail: [{loc, msg}]}. */
export function describeFalError(status: number, body: unknown, retryAfterMs: number | undefined): ProviderError {
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  const errorType = (body as { error_type?: unknown } | undefined)?.error_type;
  const message =
    typeof detail === 'string'
      ? detail
      : Array.isArray(detail)
        ? detail
            .map((item: { loc?: unknown[]; msg?: string }) => `${(item.loc ?? []).join('.')}: ${item.msg ?? ''}`)
            .join('; ')
        : typeof body === 'string'
          ? body.slice(0, 200)
          : '';
  const content = /content|safety|nsfw|moderat|policy|sensitive/i.test(message);
  return new ProviderError(
    FAL,
    content ? 'content' : kindForStatus(status),
    [message, typeof errorType === 'string' ? errorType : undefined, `HTTP ${status}`].filter(Boolean).join(' · '),
    { status, retryAfterMs, code: typeof errorType === 'string' ? errorType : undefined },
  );
}

/** The input each endpoint family names its way (providers.md 5.1). */
export function falVideoInput(task: VideoTask): Record<string, unknown> {
  const { fit } = task;
  switch (task.model.falInputs) {
    case 'veo':
      return {
        prompt: task.prompt,
        image_url: dataUri(task.still),
        duration: `${fit.duration}s`,
        resolution: fit.resolution,
        generate_audio: fit.audio,
        aspect_ratio: 'auto',
      };
    case 'seedance':
      return {
        prompt: task.prompt,
        image_url: dataUri(task.still),
        ...(task.endFrame ? { end_image_url: dataUri(task.endFrame) } : {}),
        duration: String(fit.duration),
        resolution: fit.resolution,
        generate_audio: fit.audio,
      };
    default:
      return {
        prompt: task.prompt,
        start_image_url: dataUri(task.still),
        ...(task.endFrame ? { end_image_url: dataUri(task.endFrame) } : {}),
        duration: String(fit.duration),
        generate_audio: fit.audio,
      };
  }
}

export function falImageInput(task: ImageTask): Record<string, unknown> {
  const [w, h] = task.aspect.split(':').map(Number);
  return {
    prompt: task.prompt,
    num_images: task.count,
    aspect_ratio: nearestRatio(w / h, ['21:9', '16:9', '3:2', '4:3', '5:4', '1:1', '4:5', '3:4', '2:3', '9:16']),
    resolution: task.size === '512' ? '0.5K' : task.size,
    ...(task.reference ? { image_urls: [dataUri(task.reference)] } : {}),
  };
}

/** The status, result and cancel URLs: fal's own from the submit answer, else built (without the endpoint's subpath). */
function urlsOf(handle: TaskHandle, endpoint: string) {
  const app = endpoint.split('/').slice(0, 2).join('/');
  const base = `/${app}/requests/${encodeURIComponent(handle.id)}`;
  return {
    status: handle.urls?.status ?? `${base}/status`,
    response: handle.urls?.response ?? base,
    cancel: handle.urls?.cancel ?? `${base}/cancel`,
  };
}

/** fal.ai's queue: one key for many models. Submit, poll the status URL, then fetch the result JSON. */
export function falAdapter<T extends VideoTask | ImageTask>(
  http: Transport,
  input: (task: T) => Record<string, unknown>,
  endpointOf: (task: T) => string,
): TaskAdapter<T> {
  return {
    async submit(task, signal) {
      const endpoint = endpointOf(task);
      const answer = await http.json('POST', `/${endpoint}`, zSubmitted, {
        body: input(task),
        signal,
        api: 'fal',
        idempotent: false,
      });
      return {
        id: answer.request_id,
        urls: {
          endpoint,
          ...(answer.status_url && { status: answer.status_url }),
          ...(answer.response_url && { response: answer.response_url }),
          ...(answer.cancel_url && { cancel: answer.cancel_url }),
        },
      };
    },
    async poll(handle, signal): Promise<TaskStatus> {
      const urls = urlsOf(handle, handle.urls?.endpoint ?? '');
      const status = await http.json('GET', urls.status, zStatus, { signal, api: 'fal' });
      if (status.status === 'IN_QUEUE') return { state: 'pending' };
      if (status.status === 'IN_PROGRESS') return { state: 'pending', running: true };
      if (status.status === 'FAILED' || status.status === 'CANCELED' || status.status === 'CANCELLED') {
        return {
          state: 'failed',
          error: new ProviderError(FAL, 'failed', status.error ?? `the request ended as ${status.status}`),
        };
      }
      if (status.status !== 'COMPLETED') return { state: 'pending' };
      // A request can end COMPLETED and still have failed: fal says so on the status itself.
      if (status.error || status.error_type)
        return {
          state: 'failed',
          error: new ProviderError(
            FAL,
            'failed',
            [status.error ?? 'the request failed', status.error_type].filter(Boolean).join(' · '),
          ),
        };
      try {
        const result = await http.json('GET', urls.response, zResult, { signal, api: 'fal' });
        const outputs = result.video ? [result.video.url] : (result.images ?? []).map((image) => image.url);
        return outputs.length > 0
          ? { state: 'done', outputs }
          : { state: 'failed', error: new ProviderError(FAL, 'failed', 'the request completed without media') };
      } catch (error) {
        // The request has ended: an error fal classified (error_type) is the generation's failure,
        // not a hiccup to poll past. A bare gateway 5xx is tried again on the next poll or run.
        if (error instanceof ProviderError && (!error.retryable || error.detail.code))
          return { state: 'failed', error: new ProviderError(FAL, 'failed', error.reason, error.detail) };
        throw error;
      }
    },
    /**
     * fal answers 202 CANCELLATION_REQUESTED to a request it holds: only a signal (a request in
     * progress may run on, and be billed), so the job polls it to its end; 400 ALREADY_COMPLETED: it ran.
     */
    async cancel(handle, signal) {
      try {
        await http.json('PUT', urlsOf(handle, handle.urls?.endpoint ?? '').cancel, z.unknown(), { signal, api: 'fal' });
        return 'requested';
      } catch {
        return 'refused';
      }
    },
  };
}
