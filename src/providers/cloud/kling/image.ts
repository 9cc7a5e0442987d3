import { z } from 'zod';
import { checkKlingCode, klingLegacyStatus, klingTaskFailure, zKlingEnvelope } from './errors.ts';
import { nearestRatio, type ImageTask, type TaskAdapter, type TaskStatus } from '../task.ts';
import type { Transport } from '../transport.ts';

const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'];
const zSubmitted = zKlingEnvelope.extend({ data: z.object({ task_id: z.string().min(1) }).optional() });
const zQueried = zKlingEnvelope.extend({
  data: z
    .object({
      task_status: z.enum(['submitted', 'processing', 'succeed', 'failed']),
      task_status_msg: z.string().optional().nullable(),
      task_result: z
        .object({ images: z.array(z.object({ index: z.number().optional(), url: z.string().url() })) })
        .optional()
        .nullable(),
    })
    .optional(),
});

const ratioOf = (aspect: string) => {
  const [w, h] = aspect.split(':').map(Number);
  return w / h;
};

/** Kling's image generation: POST /v1/images/generations (n images in one task), poll by id. */
export function klingImageAdapter(http: Transport): TaskAdapter<ImageTask> {
  return {
    async submit(task, signal) {
      const body: Record<string, unknown> = {
        model_name: task.model.upstream,
        prompt: task.prompt.slice(0, 2500),
        n: task.count,
        aspect_ratio: nearestRatio(ratioOf(task.aspect), RATIOS),
        resolution: task.size === '2K' ? '2k' : '1k',
        external_task_id: task.externalId,
      };
      if (task.reference) body.image = task.reference.base64;
      const answer = checkKlingCode(
        await http.json('POST', '/v1/images/generations', zSubmitted, {
          body,
          signal,
          api: 'kling-image',
          idempotent: false,
        }),
      );
      if (!answer.data) throw klingTaskFailure('Kling accepted the task but returned no task id');
      return { id: answer.data.task_id };
    },
    async poll(handle, signal): Promise<TaskStatus> {
      const answer = checkKlingCode(
        await http.json('GET', `/v1/images/generations/${encodeURIComponent(handle.id)}`, zQueried, {
          signal,
          api: 'kling-image',
        }),
      );
      return klingLegacyStatus(answer.data, answer.data?.task_result?.images.map((item) => item.url) ?? [], 'image');
    },
  };
}
