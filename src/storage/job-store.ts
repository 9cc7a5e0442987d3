import type { JobRecord, JobStore } from '../providers/cloud/job-store';
import type { ReelgraphDB } from './db';

/** Finished jobs are kept this long: provider result URLs expire within days anyway. */
const KEEP_DONE_MS = 7 * 24 * 3600 * 1000;

export class DexieJobStore implements JobStore {
  constructor(private readonly db: ReelgraphDB) {}

  get(key: string) {
    return this.db.jobs.get(key);
  }

  async put(record: JobRecord) {
    await this.db.jobs.put(record);
  }

  async delete(key: string) {
    await this.db.jobs.delete(key);
  }

  async uncertain() {
    const records = await this.db.jobs.where('state').equals('uncertain').toArray();
    return records.sort((a, b) => b.submittedAt - a.submittedAt);
  }

  since(from: number) {
    return this.db.jobs.where('submittedAt').aboveOrEqual(from).toArray();
  }

  /** Forgets finished jobs older than a week; submitted and possibly billed ones stay until they resolve. */
  async prune(now = Date.now()) {
    await this.db.jobs
      .where('submittedAt')
      .below(now - KEEP_DONE_MS)
      .and((record) => record.state !== 'submitted' && record.state !== 'uncertain')
      .delete();
  }
}
