import { z } from 'zod';
import { kindForStatus, ProviderError, type ProviderErrorKind } from '../errors.ts';
import type { TaskStatus } from '../task.ts';
import { KLING } from './identity.ts';

/** Kling's answer envelope: `code` 0 is success, anything else an error from its code table. */
export const zKlingEnvelope = z.object({
  code: z.number(),
  message: z.string().optional().nullable(),
  request_id: z.string().optional(),
});

/** Kling's code table (providers.md 1.8). */
function kindForCode(code: number): ProviderErrorKind | undefined {
  if (code >= 1000 && code <= 1004) return 'auth';
  if (code === 1100 || code === 1101 || code === 1102 || code === 1103 || code === 1304) return 'auth';
  if (code === 1200 || code === 1201 || code === 1202 || code === 1203) return 'invalid';
  if (code === 1300 || code === 1301) return 'content';
  if (code === 1302 || code === 1303) return 'rate';
  if (code >= 5000 && code <= 5002) return 'server';
  return undefined;
}

const HINTS: Partial<Record<number, string>> = {
  1003: 'the token is not yet valid (check this computer’s clock)',
  1004: 'the token expired',
  1101: 'the account is in arrears',
  1102: 'the resource pack is used up or expired',
  1103: 'this key has no access to the model',
  1203: 'the model was not found: check its id in Settings',
  1301: 'Kling’s content policy refused the request',
  1303: 'too many tasks at once for the resource pack',
};

export function describeKlingError(status: number, body: unknown, retryAfterMs: number | undefined): ProviderError {
  const parsed = zKlingEnvelope.safeParse(body);
  const code = parsed.success ? parsed.data.code : undefined;
  const kind = (code !== undefined && kindForCode(code)) || kindForStatus(status);
  const message = parsed.success ? parsed.data.message : typeof body === 'string' ? body.slice(0, 200) : '';
  const hint = code !== undefined ? HINTS[code] : undefined;
  const text = [hint, message, code !== undefined ? `code ${code}` : `HTTP ${status}`].filter(Boolean).join(' · ');
  return new ProviderError(KLING, kind, text, {
    status,
    code: code?.toString(),
    retryAfterMs: retryAfterMs ?? (kind === 'rate' ? 1000 : undefined),
  });
}

/** A failed task's message: risk-control wording means a content filter. */
export function klingTaskFailure(message: string | null | undefined): ProviderError {
  const text = message || 'the task failed without a reason';
  const content = /risk|policy|sensitive|safety|moderat|violat/i.test(text);
  return new ProviderError(
    KLING,
    content ? 'content' : 'failed',
    content ? `Kling’s content check refused the result: ${text}` : text,
  );
}

/** Checks `code` on a 200 answer: Kling reports some errors in the body. */
export function checkKlingCode<T extends { code: number }>(answer: T): T {
  if (answer.code !== 0) throw describeKlingError(200, answer, undefined);
  return answer;
}

/** A legacy-route task (video or image) as our status: the status enum, a failure reason, the result URLs. */
export function klingLegacyStatus(
  data: { task_status: string; task_status_msg?: string | null } | undefined,
  urls: string[],
  what: 'video' | 'image',
): TaskStatus {
  if (!data || data.task_status === 'submitted' || data.task_status === 'processing') return { state: 'pending' };
  if (data.task_status === 'failed') return { state: 'failed', error: klingTaskFailure(data.task_status_msg) };
  return urls.length > 0
    ? { state: 'done', outputs: urls }
    : { state: 'failed', error: klingTaskFailure(`the task succeeded but listed no ${what}`) };
}
