import type { ProviderIdentity } from './provider.ts';
import type { ProviderName } from './providers.ts';

/**
 * What went wrong with a provider, in our own terms. `kind` decides what happens next:
 * rate limits, server errors and network failures are retried; everything else is shown.
 */
export type ProviderErrorKind =
  | 'config' // no key or no base URL: nothing was sent
  | 'auth'
  | 'rate'
  | 'server'
  | 'network'
  | 'content' // a safety or content filter: paying again will not help
  | 'invalid' // the provider refused the request's fields
  | 'malformed' // the answer did not have the documented shape
  | 'failed' // the task ran and failed
  | 'timeout' // the task never finished in time
  | 'uncertain'; // a submit with no clear answer that may have been billed: nothing is resent

export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly provider: ProviderName;
  /** The provider's name as people see it. */
  readonly label: string;
  constructor(
    who: ProviderIdentity,
    readonly kind: ProviderErrorKind,
    /** What went wrong, without the provider's name in front (the message has it). */
    readonly reason: string,
    readonly detail: { status?: number; code?: string; retryAfterMs?: number } = {},
  ) {
    super(`${who.label}: ${reason}`);
    this.provider = who.name as ProviderName;
    this.label = who.label;
  }

  get retryable(): boolean {
    return this.kind === 'rate' || this.kind === 'server' || this.kind === 'network';
  }
}

/** `detail.code` of a network failure that never reached the provider: nothing was sent. */
export const UNREACHABLE = 'unreachable';

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The error kind an HTTP status means when the body says nothing more specific. */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate';
  if (status >= 500) return 'server';
  return 'invalid';
}

/** Keys must never reach a message, a log or a stored error. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[key]');
  return out;
}

/** The secret in an auth header's value (`Bearer x`, `Key x`, or the key itself), for `redact`. */
export const credentialOf = (headerValue: string) => headerValue.replace(/^(Bearer|Key)\s+/i, '');
