import { z } from 'zod';
import { ProviderError } from '../errors.ts';
import { nearestRatio, type ImageTask } from '../task.ts';
import type { Transport } from '../transport.ts';
import { GEMINI } from './identity.ts';

const zAnswer = z.object({
  candidates: z
    .array(
      z.object({
        content: z
          .object({
            parts: z
              .array(
                z.object({
                  text: z.string().optional(),
                  inlineData: z.object({ mimeType: z.string(), data: z.string().min(1) }).optional(),
                }),
              )
              .optional(),
          })
          .optional(),
        finishReason: z.string().optional(),
      }),
    )
    .optional(),
  promptFeedback: z.object({ blockReason: z.string().optional() }).optional(),
});

const RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'];
const SAFETY = /SAFETY|PROHIBITED|BLOCKLIST|RECITATION/;

const ratioValue = (aspect: string) => {
  const [w, h] = aspect.split(':').map(Number);
  return w / h;
};

export function nanoBananaBody(task: ImageTask): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [{ text: task.prompt }];
  if (task.reference) parts.push({ inlineData: { mimeType: task.reference.mime, data: task.reference.base64 } });
  return {
    contents: [{ role: 'user', parts }],
    generationConfig: {
      responseModalities: ['IMAGE'],
      imageConfig: { aspectRatio: nearestRatio(ratioValue(task.aspect), RATIOS), imageSize: task.size },
    },
  };
}

/**
 * Nano Banana (Gemini `generateContent`): synchronous, one image per call, so N candidates are
 * N calls. A safety stop is a clear error naming the reason; a text-only answer is a failure.
 */
export async function generateNanoBanana(http: Transport, task: ImageTask, signal: AbortSignal): Promise<string> {
  const answer = await http.json(
    'POST',
    `/v1beta/models/${encodeURIComponent(task.model.upstream)}:generateContent`,
    zAnswer,
    {
      body: nanoBananaBody(task),
      signal,
      api: 'nano-banana',
      idempotent: false,
    },
  );
  const blocked = answer.promptFeedback?.blockReason;
  if (blocked) throw new ProviderError(GEMINI, 'content', `${task.model.label} refused the prompt (${blocked})`);
  const candidate = answer.candidates?.[0];
  const image = candidate?.content?.parts?.find((part) => part.inlineData)?.inlineData;
  if (image) return `data:${image.mimeType};base64,${image.data}`;
  const reason = candidate?.finishReason;
  if (reason && SAFETY.test(reason))
    throw new ProviderError(GEMINI, 'content', `${task.model.label}’s safety filter stopped the image (${reason})`);
  const text = candidate?.content?.parts
    ?.map((part) => part.text ?? '')
    .join(' ')
    .trim();
  throw new ProviderError(
    GEMINI,
    'failed',
    `${task.model.label} answered without an image${reason ? ` (${reason})` : ''}${text ? `: “${text.slice(0, 160)}”` : ''}`,
  );
}
