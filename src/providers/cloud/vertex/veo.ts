import { z } from 'zod';
import { ProviderError } from '../errors.ts';
import { veoBody, veoStatus } from '../gemini/veo.ts';
import type { TaskAdapter, TaskStatus, VideoTask } from '../task.ts';
import type { Transport } from '../transport.ts';
import { VERTEX } from './identity.ts';

const zOperation = z.object({
  name: z.string().min(1),
  done: z.boolean().optional(),
  error: z.object({ code: z.number().optional(), message: z.string().optional() }).optional(),
  response: z
    .object({
      videos: z
        .array(
          z.object({
            gcsUri: z.string().optional(),
            bytesBase64Encoded: z.string().optional(),
            mimeType: z.string().optional(),
          }),
        )
        .optional(),
      raiMediaFilteredCount: z.number().optional(),
      raiMediaFilteredReasons: z.array(z.string()).optional(),
    })
    .optional(),
});

/** The base URL names the project and region; until it does, nothing can be sent. */
export const PROJECT_PLACEHOLDER = 'YOUR_PROJECT';

function checkProject(http: Transport): void {
  if (http.config.baseUrl.includes(PROJECT_PLACEHOLDER))
    throw new ProviderError(
      VERTEX,
      'config',
      'set your Google Cloud project and region in the Vertex AI base URL in Settings (or REELGRAPH_VERTEX_BASE_URL), e.g. https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1',
    );
}

/** The model path of an operation name: projects/…/publishers/google/models/{m}/operations/{id} → {m}. */
const modelOf = (operation: string) => /\/models\/([^/]+)\/operations\//.exec(operation)?.[1] ?? '';

/**
 * Veo 3.1 on Vertex AI: the Gemini API's request body (the same SDK wire names) sent to the
 * publisher model, polled with fetchPredictOperation. Without a storage bucket, the video comes
 * back inline, so there is nothing to download from Cloud Storage.
 */
export function vertexVeoAdapter(http: Transport): TaskAdapter<VideoTask> {
  return {
    async submit(task, signal) {
      checkProject(http);
      const body = veoBody(task) as { parameters: Record<string, unknown> };
      body.parameters.generateAudio = true;
      const operation = await http.json(
        'POST',
        `/publishers/google/models/${encodeURIComponent(task.model.upstream)}:predictLongRunning`,
        zOperation,
        { body, signal, api: 'vertex-veo', idempotent: false },
      );
      return { id: operation.name };
    },
    async poll(handle, signal): Promise<TaskStatus> {
      const operation = await http.json(
        'POST',
        `/publishers/google/models/${encodeURIComponent(modelOf(handle.id))}:fetchPredictOperation`,
        zOperation,
        { body: { operationName: handle.id }, signal, api: 'vertex-veo' },
      );
      const videos = operation.response?.videos ?? [];
      const stored = videos.find((video) => video.gcsUri)?.gcsUri;
      return veoStatus(VERTEX, {
        done: operation.done,
        error: operation.error,
        outputs: videos.flatMap((video) =>
          video.bytesBase64Encoded ? [`data:${video.mimeType ?? 'video/mp4'};base64,${video.bytesBase64Encoded}`] : [],
        ),
        filteredCount: operation.response?.raiMediaFilteredCount,
        filteredReasons: operation.response?.raiMediaFilteredReasons,
        missing: stored
          ? `Veo wrote the video to ${stored} instead of returning it; remove the storage bucket from the request`
          : undefined,
      });
    },
  };
}
