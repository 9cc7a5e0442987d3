import type { ProviderName } from './providers.ts';
import type { TaskHandle } from './task.ts';

/**
 * A provider task we paid for (or may have). Saved before polling starts, so a reload or crash
 * resumes the same task instead of submitting (and paying) again.
 * - `submitting`: the submit was sent and its answer not yet seen (the page may have gone away);
 * - `submitted`: poll it; `done`: its outputs can be downloaded again;
 * - `rejected`: the provider refused this exact request up front (e.g. Seedance's face filter).
 */
export interface JobRecord {
  key: string;
  provider: ProviderName;
  model: string;
  handle: TaskHandle;
  state: 'submitting' | 'submitted' | 'done' | 'rejected';
  outputs?: string[];
  message?: string;
  submittedAt: number;
  finishedAt?: number;
}

export interface JobStore {
  get(key: string): Promise<JobRecord | undefined>;
  put(record: JobRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemoryJobStore implements JobStore {
  readonly records = new Map<string, JobRecord>();
  async get(key: string) {
    return this.records.get(key);
  }
  async put(record: JobRecord) {
    this.records.set(record.key, structuredClone(record));
  }
  async delete(key: string) {
    this.records.delete(key);
  }
}
