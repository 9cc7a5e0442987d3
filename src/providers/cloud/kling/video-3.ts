import { z } from 'zod';
import { ProviderError } from '../errors.ts';
import { checkKlingCode, klingTaskFailure, zKlingEnvelope } from './errors.ts';
import { KLING } from './identity.ts';
import { dataUri, type TaskAdapter, type TaskStatus, type VideoTask } from '../task.ts';
import type { Transport } from '../transport.ts';

const zSubmitted = zKlingEnvelope.extend({ data: z.object({ id: z.string().min(1), status: z.string() }) });
const zTasks = zKlingEnvelope.extend({
  data: z.array(
    z.object({
      id: z.string(),
      /** The external_task_id the task was created with. */
      external_id: z.string().nullish(),
      status: z.enum(['submitted', 'processing', 'succeeded', 'failed']),
      message: z.string().nullable().optional(),
      outputs: z
        .array(z.object({ type: z.string(), url: z.string().url() }))
        .nullable()
        .optional(),
    }),
  ),
});

/** The Kling 3.0 body: contents[] + settings{} + options{}; the duration is an integer. */
export function kling3Body(task: VideoTask): Record<string, unknown> {
  const contents: Record<string, unknown>[] = [
    { type: 'prompt', text: task.prompt.slice(0, 3072) },
    { type: 'first_frame', url: dataUri(task.still) },
  ];
  if (task.endFrame) contents.push({ type: 'last_frame', url: dataUri(task.endFrame) });
  return {
    contents,
    settings: {
      resolution: task.fit.resolution,
      duration: task.fit.duration,
      audio: task.fit.audio ? 'native' : 'off',
      multi_shot: false,
    },
    options: { external_task_id: task.externalId, watermark_info: { enabled: false } },
  };
}

/** Kling's per-model routes: POST /{route}/{model}, poll GET /tasks?task_ids={id}. */
export function kling3VideoAdapter(http: Transport): TaskAdapter<VideoTask> {
  return {
    async submit(task, signal) {
      const path = `/${task.model.route ?? 'image-to-video'}/${encodeURIComponent(task.model.upstream)}`;
      const answer = checkKlingCode(
        await http.json('POST', path, zSubmitted, {
          body: kling3Body(task),
          signal,
          api: 'kling-3',
          idempotent: false,
        }),
      );
      return { id: answer.data.id };
    },
    /**
     * The 3.0 task query takes our ids: "you can choose between two query methods: task_ids and
     * external_task_ids" (Kling's API reference, 3.0 image-to-video, "Query Task"), so a submit whose
     * answer was lost is found again, and an empty answer means none was made. A row naming another
     * external id means the filter was not applied: then nothing can be said.
     */
    async find(task, signal) {
      const answer = checkKlingCode(
        await http.json('GET', `/tasks?external_task_ids=${encodeURIComponent(task.externalId)}`, zTasks, {
          signal,
          api: 'kling-3',
        }),
      );
      if (answer.data.length === 0) return { absent: true };
      const ours = answer.data.filter((row) => row.external_id === task.externalId);
      if (ours.length === 1) return { found: { id: ours[0].id } };
      throw new ProviderError(
        KLING,
        'uncertain',
        `its task list answered ${answer.data.length} task${answer.data.length === 1 ? '' : 's'} not made under our id, so the lookup was not applied`,
      );
    },
    async poll(handle, signal): Promise<TaskStatus> {
      const answer = checkKlingCode(
        await http.json('GET', `/tasks?task_ids=${encodeURIComponent(handle.id)}`, zTasks, { signal, api: 'kling-3' }),
      );
      const task = answer.data.find((row) => row.id === handle.id);
      if (!task || task.status === 'submitted' || task.status === 'processing') return { state: 'pending' };
      if (task.status === 'failed') return { state: 'failed', error: klingTaskFailure(task.message) };
      const urls = (task.outputs ?? []).filter((output) => output.type === 'video').map((output) => output.url);
      return urls.length > 0
        ? { state: 'done', outputs: urls }
        : { state: 'failed', error: klingTaskFailure('the task succeeded but listed no video') };
    },
  };
}
