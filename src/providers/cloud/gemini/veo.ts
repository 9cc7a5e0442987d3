import { z } from 'zod';
import { ProviderError } from '../errors.ts';
import { nearestRatio, type TaskAdapter, type TaskStatus, type VideoTask } from '../task.ts';
import type { Transport } from '../transport.ts';
import type { ProviderIdentity } from '../provider.ts';
import { GEMINI } from './identity.ts';

const zOperation = z.object({
  name: z.string().min(1),
  done: z.boolean().optional(),
  error: z.object({ code: z.number().optional(), message: z.string().optional() }).optional(),
  response: z
    .object({
      generateVideoResponse: z
        .object({
          generatedSamples: z
            .array(
              z.object({
                video: z.object({
                  uri: z.string().optional(),
                  encodedVideo: z.string().optional(),
                  encoding: z.string().optional(),
                }),
              }),
            )
            .optional(),
          raiMediaFilteredCount: z.number().optional(),
          raiMediaFilteredReasons: z.array(z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
});

/** The predictLongRunning body, with the wire names of Google's own SDK (python-genai). */
export function veoBody(task: VideoTask): Record<string, unknown> {
  const instance: Record<string, unknown> = {
    prompt: task.prompt,
    image: { bytesBase64Encoded: task.still.base64, mimeType: task.still.mime },
  };
  if (task.endFrame) instance.lastFrame = { bytesBase64Encoded: task.endFrame.base64, mimeType: task.endFrame.mime };
  return {
    instances: [instance],
    parameters: {
      aspectRatio: nearestRatio(task.aspect, task.model.capabilities.aspectRatios ?? ['16:9', '9:16']),
      resolution: task.fit.resolution,
      durationSeconds: task.fit.duration,
      // Image-to-video on the Gemini API accepts allow_adult only.
      personGeneration: 'allow_adult',
      sampleCount: 1,
    },
  };
}

/**
 * A Veo operation as our status, the same on the Gemini API and Vertex AI (which name the
 * videos differently): running, failed, blocked by the safety filter, or its videos.
 */
export function veoStatus(
  who: ProviderIdentity,
  operation: {
    done?: boolean;
    error?: { code?: number; message?: string };
    outputs: string[];
    filteredCount?: number;
    filteredReasons?: string[];
    /** Why there is no video when nothing else says (e.g. it went to a storage bucket). */
    missing?: string;
  },
): TaskStatus {
  if (!operation.done) return { state: 'pending' };
  if (operation.error)
    return {
      state: 'failed',
      error: new ProviderError(
        who,
        'failed',
        operation.error.message ?? `the operation failed (code ${operation.error.code})`,
      ),
    };
  if (operation.outputs.length > 0) return { state: 'done', outputs: operation.outputs };
  const reasons = operation.filteredReasons ?? [];
  if (reasons.length > 0 || (operation.filteredCount ?? 0) > 0)
    return {
      state: 'failed',
      error: new ProviderError(
        who,
        'content',
        `Veo’s safety filter blocked the video: ${reasons.join('; ') || 'no reason given'}`,
      ),
    };
  return {
    state: 'failed',
    error: new ProviderError(who, 'failed', operation.missing ?? 'Veo finished without a video'),
  };
}

/** Veo 3.1 on the Gemini API: a long-running operation, polled by name; audio always comes with it. */
export function veoAdapter(http: Transport): TaskAdapter<VideoTask> {
  return {
    async submit(task, signal) {
      const operation = await http.json(
        'POST',
        `/v1beta/models/${encodeURIComponent(task.model.upstream)}:predictLongRunning`,
        zOperation,
        {
          body: veoBody(task),
          signal,
          api: 'veo',
          idempotent: false,
        },
      );
      return { id: operation.name };
    },
    async poll(handle, signal): Promise<TaskStatus> {
      const operation = await http.json(
        'GET',
        `/v1beta/${handle.id.split('/').map(encodeURIComponent).join('/')}`,
        zOperation,
        { signal, api: 'veo' },
      );
      const result = operation.response?.generateVideoResponse;
      return veoStatus(GEMINI, {
        done: operation.done,
        error: operation.error,
        outputs: (result?.generatedSamples ?? []).flatMap(({ video }) =>
          video.uri
            ? [video.uri]
            : video.encodedVideo
              ? [`data:${video.encoding ?? 'video/mp4'};base64,${video.encodedVideo}`]
              : [],
        ),
        filteredCount: result?.raiMediaFilteredCount,
        filteredReasons: result?.raiMediaFilteredReasons,
      });
    },
  };
}
