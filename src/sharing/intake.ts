import type { IntakeOutcome, IntakeRequest } from './intake-read';
import type { IntakeMessage } from './intake.worker';

/** The part of a Worker the intake uses (a test hands in its own). */
export interface IntakeWorker {
  onmessage: ((event: MessageEvent<IntakeMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(request: IntakeRequest): void;
  terminate(): void;
}

export interface IntakeOptions {
  onProgress?(done: number, total: number): void;
  /** Stops the reading (the person pressed Stop): the worker is ended, nothing was changed. */
  signal?: AbortSignal;
  /** How long the worker may go without a word (progress or an answer) before it is taken as hung. */
  silenceMs?: number;
  makeWorker?(): IntakeWorker;
}

/** What an intake ends in: what the worker read, or that it was stopped before it answered. */
export type IntakeResult = IntakeOutcome | { ok: false; stopped: true };

export const INTAKE_SILENCE_MS = 30_000;

const intakeWorker = (): IntakeWorker =>
  new Worker(new URL('./intake.worker.ts', import.meta.url), { type: 'module' }) as IntakeWorker;

/**
 * Reads a graph from outside in the intake worker, one worker per intake, ended when it answers,
 * when the person stops it, or when it has been silent too long (a hung parse never holds the app).
 */
export function readInWorker(request: IntakeRequest, options: IntakeOptions = {}): Promise<IntakeResult> {
  const { signal, onProgress, silenceMs = INTAKE_SILENCE_MS, makeWorker = intakeWorker } = options;
  if (signal?.aborted) return Promise.resolve({ ok: false, stopped: true });
  let worker: IntakeWorker;
  try {
    worker = makeWorker();
  } catch (error) {
    // A page whose policy forbids workers, say: a reason, never a throw the caller did not expect.
    return Promise.resolve({ ok: false, unreadable: `the reader could not start (${(error as Error).message})` });
  }
  return new Promise<IntakeResult>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = (result: IntakeResult) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      resolve(result);
    };
    const onAbort = () => end({ ok: false, stopped: true });
    const listen = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          end({
            ok: false,
            unreadable: `reading it went ${Math.round(silenceMs / 1000)} s without progress, so it was stopped`,
          }),
        silenceMs,
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onerror = (event) =>
      end({ ok: false, unreadable: `the reader stopped (${event.message || 'no reason given'})` });
    worker.onmessageerror = () => end({ ok: false, unreadable: 'the reader’s answer could not be received' });
    worker.onmessage = ({ data }) => {
      if (data.type === 'done') return end(data.outcome);
      listen();
      onProgress?.(data.done, data.total);
    };
    listen();
    worker.postMessage(request);
  });
}
