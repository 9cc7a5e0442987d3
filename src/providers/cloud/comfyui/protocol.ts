import { z } from 'zod';
import { kindForStatus, ProviderError } from '../errors.ts';
import { COMFYUI } from './identity.ts';

/** ComfyUI's HTTP answers, as its `server.py` writes them; anything else is refused as malformed. */

/** `POST /upload/image`. */
export const zUploaded = z.object({ name: z.string().min(1), subfolder: z.string().default(''), type: z.string() });

/** `POST /prompt`: queued, with the number it has in the queue. */
export const zQueued = z.object({ prompt_id: z.string().min(1), number: z.number().optional() });

/** `[number, prompt_id, prompt, extra_data, outputs_to_execute, …]`: only the id is read. */
const zQueueItem = z.array(z.unknown()).min(2);
/** `GET /queue`. */
export const zQueue = z.object({ queue_running: z.array(zQueueItem), queue_pending: z.array(zQueueItem) });
export const queuedIds = (items: z.infer<typeof zQueueItem>[]) => items.map((item) => String(item[1]));

const zFile = z.object({ filename: z.string().min(1), subfolder: z.string().default(''), type: z.string() });
/** Core SaveVideo lists its MP4 under `images` with `animated: [true]`; VideoHelperSuite under `gifs`. */
const zNodeOutput = z
  .object({
    images: z.array(zFile).optional(),
    gifs: z.array(zFile).optional(),
    animated: z.array(z.boolean()).optional(),
  })
  .passthrough();
const zHistoryEntry = z.object({
  outputs: z.record(z.string(), zNodeOutput).default({}),
  status: z
    .object({
      status_str: z.string().optional(),
      completed: z.boolean().optional(),
      messages: z.array(z.tuple([z.string(), z.record(z.string(), z.unknown())])).default([]),
    })
    .optional(),
});
/** `GET /history/{prompt_id}`: `{}` until it has finished. */
export const zHistory = z.record(z.string(), zHistoryEntry);
export type HistoryEntry = z.infer<typeof zHistoryEntry>;

/** `GET /object_info`: each node class and its inputs (`[type or options, settings]`). */
export const zObjectInfo = z.record(
  z.string(),
  z
    .object({
      input: z
        .object({
          required: z.record(z.string(), z.unknown()).optional(),
          optional: z.record(z.string(), z.unknown()).optional(),
        })
        .passthrough()
        .default({}),
    })
    .passthrough(),
);
export type ObjectInfo = z.infer<typeof zObjectInfo>;

/** The choices a combo input offers (model files, samplers): `[[…], {}]`, or `["COMBO", {options}]` in newer servers. */
export function comboOptions(spec: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(spec)) return undefined;
  if (Array.isArray(spec[0])) return spec[0];
  const options = (spec[1] as { options?: unknown } | undefined)?.options;
  return spec[0] === 'COMBO' && Array.isArray(options) ? options : undefined;
}

/** The video a finished prompt saved: the first animated `images` entry or `gifs` entry. */
export function savedVideo(entry: HistoryEntry): z.infer<typeof zFile> | undefined {
  for (const output of Object.values(entry.outputs)) {
    if (output.gifs?.length) return output.gifs[0];
    const video = output.images?.find((file) => /\.(mp4|webm|mov|mkv)$/i.test(file.filename));
    if (output.animated?.some(Boolean) && output.images?.length) return video ?? output.images[0];
  }
  return undefined;
}

/** Why a finished prompt did not make its video, from the status messages ComfyUI kept. */
export function failureOf(entry: HistoryEntry): string | undefined {
  const messages = entry.status?.messages ?? [];
  const error = messages.find(([type]) => type === 'execution_error')?.[1];
  if (error) {
    const where = [error.node_type, error.node_id && `node ${String(error.node_id)}`].filter(Boolean).join(', ');
    return `the workflow failed${where ? ` in ${where}` : ''}: ${String(error.exception_message ?? 'no message').trim()}`;
  }
  if (messages.some(([type]) => type === 'execution_interrupted')) return 'the take was interrupted on the server';
  if (entry.status?.status_str === 'error') return 'the workflow failed without a message';
  return undefined;
}

const zNodeErrors = z.record(
  z.string(),
  z.object({
    class_type: z.string().optional(),
    errors: z.array(z.object({ message: z.string(), details: z.string().optional() })).default([]),
  }),
);
const zErrorBody = z.object({
  error: z.union([
    z.string(),
    z.object({ type: z.string().optional(), message: z.string(), details: z.string().optional() }),
  ]),
  node_errors: z.union([zNodeErrors, z.array(z.unknown())]).optional(),
});

/**
 * ComfyUI's refusals: `POST /prompt` answers 400 with `{error: {type, message, details}, node_errors}`
 * when the workflow does not validate (a missing model file, an unknown node), saying which node.
 */
export function describeComfyError(status: number, body: unknown, retryAfterMs: number | undefined): ProviderError {
  const parsed = zErrorBody.safeParse(body);
  if (!parsed.success) {
    const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
    return new ProviderError(COMFYUI, kindForStatus(status), text || `HTTP ${status}`, { status, retryAfterMs });
  }
  const { error, node_errors: nodeErrors } = parsed.data;
  const message = typeof error === 'string' ? error : [error.message, error.details].filter(Boolean).join(': ');
  const nodes = Array.isArray(nodeErrors)
    ? []
    : Object.entries(nodeErrors ?? {}).flatMap(([id, node]) =>
        node.errors.map(
          (each) => `${node.class_type ?? 'node'} ${id}: ${[each.message, each.details].filter(Boolean).join(', ')}`,
        ),
      );
  const code = typeof error === 'string' ? undefined : error.type;
  return new ProviderError(COMFYUI, kindForStatus(status), [message, ...nodes].join(' · '), {
    status,
    code,
    retryAfterMs,
  });
}
