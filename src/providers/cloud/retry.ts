import { ProviderError } from './errors.ts';

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1, for jitter; injectable so tests are exact. */
  random?: () => number;
  /** How a wait between tries is spent; injectable so tests see the wait asked for without spending it. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The longest wait a provider may ask for before a retry; beyond it, failing and saying so is better. */
export const MAX_RETRY_AFTER_MS = 300_000;

/** Exponential backoff with full jitter, or exactly what Retry-After asked for. */
export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * (policy.random ?? Math.random)());
}

/**
 * Runs `attempt` until it succeeds or fails for good: rate limits, 5xx and network errors are
 * retried with backoff (honouring Retry-After); content filters and invalid requests are not.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  retryable = (error: ProviderError) => error.retryable,
): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (signal.aborted || !(error instanceof ProviderError) || !retryable(error) || tries >= policy.retries)
        throw error;
      const asked = error.detail.retryAfterMs;
      if (asked !== undefined && asked > MAX_RETRY_AFTER_MS)
        throw new ProviderError(
          { name: error.provider, label: error.label },
          error.kind,
          `${error.reason} (it asks to wait ${Math.ceil(asked / 60_000)} min before trying again)`,
          error.detail,
        );
      await (policy.wait ?? sleep)(backoffDelay(tries, policy, error.detail.retryAfterMs), signal);
    }
  }
}
