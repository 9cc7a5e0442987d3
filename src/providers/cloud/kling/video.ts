import { z } from 'zod';
import { ProviderError } from '../errors.ts';
import { checkKlingCode, klingLegacyStatus, klingTaskFailure, zKlingEnvelope } from './errors.ts';
import type { TaskAdapter, TaskStatus, VideoTask } from '../task.ts';
import type { Transport } from '../transport.ts';

const zSubmitted = zKlingEnvelope.extend({
  data: z.object({ task_id: z.string().min(1), task_status: z.string() }).optional(),
});
const zQueried = zKlingEnvelope.extend({
  data: z
    .object({
      task_id: z.string(),
      task_status: z.enum(['submitted', 'processing', 'succeed', 'failed']),
      task_status_msg: z.string().optional().nullable(),
      task_result: z
        .object({ videos: z.array(z.object({ url: z.string().url(), duration: z.string().optional() })) })
        .optional()
        .nullable(),
    })
    .optional(),
});

/** The legacy request body: flat fields, raw base64 (no data: prefix), duration as a string. */
export function klingImage2VideoBody(task: VideoTask): Record<string, unknown> {
  const { model, fit, camera } = task;
  const body: Record<string, unknown> = {
    model_name: model.upstream,
    image: task.still.base64,
    prompt: task.prompt.slice(0, 2500),
    mode: model.mode ?? 'std',
    duration: String(fit.duration),
    external_task_id: task.externalId,
  };
  // image_tail and camera_control are mutually exclusive; the end frame wins and the camera goes into words.
  if (task.endFrame) body.image_tail = task.endFrame.base64;
  else if (camera.kind === 'native') body.camera_control = { type: 'simple', config: camera.config };
  if (model.capabilities.audio !== 'none') body.sound = fit.audio ? 'on' : 'off';
  return body;
}

/** Kling's legacy image-to-video: POST /v1/videos/image2video, poll GET /v1/videos/image2video/{id}. */
export function klingVideoAdapter(http: Transport): TaskAdapter<VideoTask> {
  return {
    async submit(task, signal) {
      const answer = checkKlingCode(
        await http.json('POST', '/v1/videos/image2video', zSubmitted, {
          body: klingImage2VideoBody(task),
          signal,
          api: 'kling-v1',
          idempotent: false,
        }),
      );
      if (!answer.data) throw klingTaskFailure('Kling accepted the task but returned no task id');
      return { id: answer.data.task_id };
    },
    // Kling answers a query by our external_task_id too, so a submit whose answer was lost is found again.
    async find(task, signal) {
      try {
        const answer = checkKlingCode(
          await http.json('GET', `/v1/videos/image2video/${encodeURIComponent(task.externalId)}`, zQueried, {
            signal,
            api: 'kling-v1',
          }),
        );
        return answer.data ? { found: { id: answer.data.task_id } } : { absent: true };
      } catch (error) {
        if (error instanceof ProviderError && (error.detail.status === 404 || error.detail.code === '1203'))
          return { absent: true };
        throw error;
      }
    },
    async poll(handle, signal): Promise<TaskStatus> {
      const answer = checkKlingCode(
        await http.json('GET', `/v1/videos/image2video/${encodeURIComponent(handle.id)}`, zQueried, {
          signal,
          api: 'kling-v1',
        }),
      );
      return klingLegacyStatus(answer.data, answer.data?.task_result?.videos.map((item) => item.url) ?? [], 'video');
    },
  };
}
