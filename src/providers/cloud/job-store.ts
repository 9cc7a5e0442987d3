import type { ProviderName } from './providers.ts';
import type { TaskHandle } from './task.ts';

/**
 * A provider task we paid for (or may have). Saved before the submit is sent, so a reload, a crash
 * or a lost answer looks the same task up instead of submitting (and paying) again.
 * - `submitting`: the submit was sent and its answer not yet seen (the page may have gone away);
 * - `submitted`: poll it; `done`: its outputs can be downloaded again;
 * - `uncertain`: the submit got no clear answer and the provider cannot say whether it made the
 *   task: it may be billed, so nothing is sent again until the person says so;
 * - `rejected`: the provider refused this exact request up front (e.g. Seedance's face filter).
 */
export interface JobRecord {
  key: string;
  provider: ProviderName;
  model: string;
  handle: TaskHandle;
  state: 'submitting' | 'submitted' | 'done' | 'uncertain' | 'rejected';
  /** This attempt's own id, sent where the API takes one (unique per attempt, as Kling requires). */
  externalId?: string;
  outputs?: string[];
  /** The content hashes of the downloaded results, kept in the app's artifact store: found again without a download. */
  kept?: string[];
  message?: string;
  submittedAt: number;
  finishedAt?: number;
}

export interface JobStore {
  get(key: string): Promise<JobRecord | undefined>;
  put(record: JobRecord): Promise<void>;
  delete(key: string): Promise<void>;
  /** Submits that may have been billed without a task to show for it, newest first. */
  uncertain(): Promise<JobRecord[]>;
  /** Every record submitted at or after `from` (ms): what a lookup must not take for its own. */
  since(from: number): Promise<JobRecord[]>;
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
  async since(from: number) {
    return [...this.records.values()]
      .filter((record) => record.submittedAt >= from)
      .map((record) => structuredClone(record));
  }
  async uncertain() {
    return [...this.records.values()]
      .filter((record) => record.state === 'uncertain')
      .sort((a, b) => b.submittedAt - a.submittedAt);
  }
}
