/** The browser refused to store more: shown to the user as such, never as a corrupt graph. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(what: string) {
    super(
      `This browser’s storage for Reelgraph is full, so ${what} could not be saved. ` +
        'Free space by clearing cached results in Settings, or unpin some results. Your saved graphs are intact.',
    );
  }
}

/** Quota errors arrive as a QuotaExceededError, or from Dexie as an AbortError wrapping one. */
export function isQuotaError(error: unknown): boolean {
  for (let current = error; current; current = (current as { inner?: unknown }).inner) {
    if ((current as { name?: unknown }).name === 'QuotaExceededError') return true;
  }
  return false;
}
