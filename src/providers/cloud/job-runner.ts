import { ProviderError } from './errors.ts';
import type { JobStore } from './job-store.ts';
import type { ProviderIdentity } from './provider.ts';
import type { ProviderName } from './providers.ts';
import { sleep } from './retry.ts';
import type { TaskAdapter } from './task.ts';

export interface JobTiming {
  /** Between polls. */
  pollMs: number;
  /** How long a task may take before we stop waiting (it stays saved, so a later run resumes it). */
  timeoutMs: number;
  /** The usual generation time, for a progress estimate while the provider says only "processing". */
  typicalMs: number;
  /** The clock patience is measured on; tests step it per reading so no test races the machine. */
  now?: () => number;
}

export interface JobOutcome {
  outputs: string[];
  taskId: string;
  /** Seconds from submit to done. */
  seconds: number;
  /** True when an earlier submit was picked up (after a reload, a cancel or a timeout). */
  resumed: boolean;
  /** True when the task had already finished in an earlier run: only its download is left. */
  finishedBefore: boolean;
}

export interface Job<T> {
  key: string;
  provider: ProviderIdentity<ProviderName>;
  model: string;
  adapter: TaskAdapter<T>;
  task: T;
  store: JobStore;
  signal: AbortSignal;
  timing: JobTiming;
  progress?: (fraction: number) => void;
}

/**
 * Submits once, saves the task id before the first poll, polls until done, and keeps the record
 * until the outputs are safely ours. Cancelling stops polling and cancels upstream where the API
 * allows; a task the provider cannot cancel stays saved, and the next run picks it up.
 */
export async function runJob<T>(job: Job<T>): Promise<JobOutcome> {
  const { store, signal, adapter, timing } = job;
  const now = timing.now ?? Date.now;
  let record = await store.get(job.key);
  if (record?.state === 'rejected')
    throw new ProviderError(job.provider, 'content', record.message ?? 'the provider refused this request');
  if (record?.state === 'submitting') {
    // A submit went out and its answer never came back: ask the provider by our own id where it can.
    const found = adapter.find ? await adapter.find(job.task, signal) : undefined;
    record = found ? { ...record, handle: found, state: 'submitted' } : undefined;
    if (record) await store.put(record);
  }
  const resumed = record !== undefined;
  if (!record) {
    const base = { key: job.key, provider: job.provider.name, model: job.model, submittedAt: now() };
    await store.put({ ...base, handle: { id: '' }, state: 'submitting' });
    let handle;
    try {
      handle = await adapter.submit(job.task, signal);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'content' && error.detail.code?.startsWith('Input')) {
        // An up-front refusal of this exact input (a face in the still) is remembered, so re-running does not ask again.
        await store.put({ ...base, handle: { id: '' }, state: 'rejected', message: error.reason });
      } else if (error instanceof ProviderError && error.kind !== 'network') {
        // A definite answer: nothing was created.
        await store.delete(job.key);
      }
      // Otherwise (cancelled, connection lost) the task may exist: the record stays "submitting".
      throw error;
    }
    record = { ...base, handle, state: 'submitted' };
    await store.put(record);
  }
  if (record.state === 'done' && record.outputs) {
    return {
      outputs: record.outputs,
      taskId: record.handle.id,
      seconds: ((record.finishedAt ?? record.submittedAt) - record.submittedAt) / 1000,
      resumed,
      finishedBefore: true,
    };
  }
  const started = now();
  try {
    for (let first = true; ; first = false) {
      if (!first) await sleep(timing.pollMs, signal);
      const status = await adapter.poll(record.handle, signal);
      if (status.state === 'done') {
        const finishedAt = now();
        await store.put({ ...record, state: 'done', outputs: status.outputs, finishedAt });
        job.progress?.(1);
        return {
          outputs: status.outputs,
          taskId: record.handle.id,
          seconds: (finishedAt - record.submittedAt) / 1000,
          resumed,
          finishedBefore: false,
        };
      }
      if (status.state === 'failed') {
        // Failed tasks are not billed: forget it, so the next run submits afresh.
        await store.delete(job.key);
        throw status.error;
      }
      const elapsed = now() - record.submittedAt;
      job.progress?.(status.progress ?? Math.min(0.95, elapsed / timing.typicalMs));
      if (now() - started > timing.timeoutMs) {
        throw new ProviderError(
          job.provider,
          'timeout',
          `task ${record.handle.id} has not finished after ${Math.round(timing.timeoutMs / 60_000)} min. It stays saved: run again to keep waiting for it (you will not be charged twice).`,
        );
      }
    }
  } catch (error) {
    if (signal.aborted && adapter.cancel) {
      const cancelled = await adapter.cancel(record.handle, AbortSignal.timeout(10_000)).catch(() => false);
      if (cancelled) await store.delete(job.key);
    }
    throw error;
  }
}
