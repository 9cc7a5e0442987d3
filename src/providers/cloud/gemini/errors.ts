import { z } from 'zod';
import { kindForStatus, ProviderError, type ProviderErrorKind } from '../errors.ts';
import type { ProviderIdentity } from '../provider.ts';
import { GEMINI } from './identity.ts';

const zGoogleError = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.looseObject({ '@type': z.string().optional(), retryDelay: z.string().optional() })).optional(),
  }),
});

/** google.rpc.RetryInfo's delay, a Duration in JSON: decimal seconds with an `s` ("37s", "1.5s"). */
function retryDelayMs(details: { '@type'?: string; retryDelay?: string }[] | undefined): number | undefined {
  const info = details?.find((detail) => detail['@type'] === 'type.googleapis.com/google.rpc.RetryInfo');
  const match = /^(\d+(?:\.\d+)?)s$/.exec(info?.retryDelay ?? '');
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

const KIND_FOR_STATUS: Record<string, ProviderErrorKind> = {
  RESOURCE_EXHAUSTED: 'rate',
  UNAVAILABLE: 'server',
  INTERNAL: 'server',
  DEADLINE_EXCEEDED: 'server',
  PERMISSION_DENIED: 'auth',
  UNAUTHENTICATED: 'auth',
  INVALID_ARGUMENT: 'invalid',
  FAILED_PRECONDITION: 'invalid',
  NOT_FOUND: 'invalid',
};

/** Google's error envelope {error: {code, message, status, details}}, shared by the Gemini API and Vertex AI. */
export const googleErrorFor =
  (who: ProviderIdentity) =>
  (status: number, body: unknown, retryAfterMs: number | undefined): ProviderError => {
    const parsed = zGoogleError.safeParse(body);
    const error = parsed.success ? parsed.data.error : undefined;
    const kind = (error?.status && KIND_FOR_STATUS[error.status]) || kindForStatus(status);
    const hint =
      error?.status === 'NOT_FOUND'
        ? 'the model id was not found (it may be retired): check it in Settings'
        : undefined;
    const message = [
      hint,
      error?.message ?? (typeof body === 'string' ? body.slice(0, 200) : ''),
      error?.status ?? `HTTP ${status}`,
    ]
      .filter(Boolean)
      .join(' · ');
    // Google sends no Retry-After header on 429s: the wait is in the body's RetryInfo.
    const wait = retryAfterMs ?? retryDelayMs(error?.details);
    return new ProviderError(who, kind, message, { status, code: error?.status, retryAfterMs: wait });
  };

export const describeGeminiError = googleErrorFor(GEMINI);
