import { ProviderError, UNREACHABLE } from './errors.ts';
import type { JobRecord, JobStore } from './job-store.ts';
import type { ProviderIdentity } from './provider.ts';
import type { ProviderName } from './providers.ts';
import { sleep } from './retry.ts';
import type { SpendLedger, SpendRow } from './spend-ledger.ts';
import type { OtherSubmits, TaskAdapter, Usage } from './task.ts';

export interface JobTiming {
  /** Between polls. */
  pollMs: number;
  /** How long a task may take before we stop waiting (it stays saved, so a later run resumes it). */
  timeoutMs: number;
  /** The usual generation time, for a progress estimate while the provider says only "processing". */
  typicalMs: number;
  /** The clock patience is measured on (records carry wall-clock times); tests step it per reading so no test races the machine. */
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
  /** Dollars by the provider's own count of what it used, where it reports one. */
  actual?: number;
}

export interface Job<T extends { externalId: string }> {
  key: string;
  provider: ProviderIdentity<ProviderName>;
  model: string;
  adapter: TaskAdapter<T>;
  /** The request; each attempt gets its own `externalId`. */
  task: Omit<T, 'externalId'>;
  store: JobStore;
  signal: AbortSignal;
  timing: JobTiming;
  progress?: (fraction: number) => void;
  /** A fresh id per submit attempt; injectable so tests are exact. */
  attemptId?: () => string;
  /** Dollars for what the provider reports the task used, for models priced by usage. */
  charge?: (usage: Usage) => number | undefined;
  /** Where each paid attempt is recorded, with what was asked and its estimate. */
  spend?: { ledger: SpendLedger; row: Pick<SpendRow, 'graphId' | 'graphName' | 'nodeId' | 'params' | 'estimate'> };
}

/** Records what became of a paid attempt; a ledger that cannot be written never stops the job it describes. */
function mark(
  job: Pick<Job<{ externalId: string }>, 'spend'>,
  id: string | undefined,
  patch: Partial<SpendRow>,
): Promise<void> {
  if (!job.spend || !id) return Promise.resolve();
  return job.spend.ledger.update(id, patch).catch(() => {});
}

/** A request that failed this way never left: no key to sign it, our proxy refused it, or the provider could not be reached. */
const nothingSent = (error: unknown) =>
  error instanceof ProviderError && (error.kind === 'config' || error.detail.code === UNREACHABLE);

/** Forgets a paid request's row when it was never sent: it is not spend, not even a refused one. */
function unsent(job: Pick<Job<{ externalId: string }>, 'spend'>, id: string): Promise<void> {
  return job.spend?.ledger.remove(id).catch(() => {}) ?? Promise.resolve();
}

/** A submit that failed this way may still have made (and billed) the task; one that never reached the provider did not. */
function ambiguous(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return true;
  return ['server', 'network', 'malformed'].includes(error.kind) && error.detail.code !== UNREACHABLE;
}

const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** The error for a submit that may have been billed: when, where, and what the person can do. */
function uncertainError(
  job: Pick<Job<{ externalId: string }>, 'provider' | 'model'> & { adapter: { find?: unknown } },
  record: JobRecord,
  cause?: unknown,
  lookupFailure?: unknown,
): ProviderError {
  const why = cause instanceof Error ? ` (${reasonOf(cause)})` : '';
  const lookup = job.adapter.find
    ? `and looking it up did not settle whether it exists${lookupFailure instanceof Error ? ` (${reasonOf(lookupFailure)})` : ''}`
    : `and ${job.provider.label} cannot look a task up by our id`;
  return new ProviderError(
    job.provider,
    'uncertain',
    `the ${job.model} submit at ${stamp(record.submittedAt)} got no clear answer${why}, ${lookup}. It may have been made and billed, so Reelgraph will not send it again on its own. Check your ${job.provider.label} usage; to send it anyway, forget it in Settings → Submits that may have been billed.`,
  );
}

/**
 * Submits once, saves the attempt before sending and the task id before the first poll, polls
 * until done, and keeps the record until the outputs are safely ours. A submit with no clear
 * answer is never resent blindly: the task is looked up by this attempt's id where the API
 * allows, and otherwise the job stops, saying it may have been billed. Cancelling stops polling
 * and cancels upstream where the API allows; a task the provider cannot cancel stays saved, and
 * the next run picks it up.
 */
export async function runJob<T extends { externalId: string }>(job: Job<T>): Promise<JobOutcome> {
  const { store, signal, adapter, timing } = job;
  const now = timing.now ?? Date.now;
  let saved = await store.get(job.key);
  if (saved?.state === 'rejected')
    throw new ProviderError(job.provider, 'content', saved.message ?? 'the provider refused this request');
  if (saved?.state === 'submitting' || saved?.state === 'uncertain') saved = await recover(job, saved);
  const resumed = saved !== undefined;
  let record = saved ?? (await submit(job));
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
  /** Whether the provider was last seen at work on it: a task stopped then may still be billed. */
  let running: boolean | undefined;
  let moves = 0;
  try {
    for (let first = true; ; first = false) {
      if (!first) await sleep(timing.pollMs, signal);
      const status = await adapter.poll(record.handle, signal);
      running = status.state === 'pending' && status.running === true;
      if (status.state === 'done') {
        const finishedAt = Date.now();
        await store.put({ ...record, state: 'done', outputs: status.outputs, finishedAt });
        const actual = status.usage && job.charge?.(status.usage);
        await mark(job, record.externalId, { outcome: 'made', taskId: record.handle.id, finishedAt, actual });
        job.progress?.(1);
        return {
          outputs: status.outputs,
          taskId: record.handle.id,
          seconds: (finishedAt - record.submittedAt) / 1000,
          resumed,
          finishedBefore: false,
          actual,
        };
      }
      if (status.state === 'failed') {
        // Failed tasks are not billed: forget it, so the next run submits afresh.
        await store.delete(job.key);
        await mark(job, record.externalId, { outcome: status.moved ? 'refused' : 'failed', finishedAt: Date.now() });
        // One that never started, on a server that went away, is sent again at once (to another server).
        if (status.moved && ++moves <= MAX_MOVES) {
          record = await submit(job);
          continue;
        }
        throw status.error;
      }
      const elapsed = Date.now() - record.submittedAt;
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
    if (signal.aborted && adapter.cancel) await cancelUpstream(job, record, running === true);
    throw error;
  }
}

/** How long a cancel the provider only passed on is followed; after that the task stays saved, counted, for the next run. */
const CANCEL_PATIENCE_MS = 30_000;

/**
 * Cancels a task upstream after the run was stopped. Only a cancel the provider confirms forgets
 * the task as unbilled; one it merely passed on (fal's 202) is polled until the task ends: one that
 * completed anyway was billed, so it is recorded as made and kept for the next run, and one that
 * ended unfinished after it had started running may have been billed for its time (fal bills
 * what a runner spent), so it is counted; one the provider cannot cancel stays saved and
 * counted, and the next run picks it up.
 */
async function cancelUpstream<T extends { externalId: string }>(
  job: Job<T>,
  record: JobRecord,
  running: boolean,
): Promise<void> {
  const { adapter, store, timing } = job;
  const patience = AbortSignal.timeout(CANCEL_PATIENCE_MS);
  const answer = await adapter.cancel!(record.handle, patience).catch(() => 'refused' as const);
  if (answer === 'refused') return;
  for (let first = true; answer === 'requested' && !patience.aborted; first = false) {
    if (!first) await sleep(timing.pollMs, patience).catch(() => {});
    const status = await adapter.poll(record.handle, patience).catch(() => undefined);
    if (status?.state === 'done') {
      const finishedAt = Date.now();
      await store.put({ ...record, state: 'done', outputs: status.outputs, finishedAt });
      const actual = status.usage && job.charge?.(status.usage);
      await mark(job, record.externalId, { outcome: 'made', taskId: record.handle.id, finishedAt, actual });
      return;
    }
    if (status?.state === 'failed') break;
  }
  if (patience.aborted) return;
  await store.delete(job.key);
  const billed = answer === 'requested' && running;
  await mark(job, record.externalId, { outcome: billed ? 'unknown' : 'cancelled', finishedAt: Date.now() });
}

/** How often a task that never started is sent again after its server went away. */
const MAX_MOVES = 3;

/** How many attempts a submit gets when each failure is one the provider confirms made no task. */
const SUBMIT_ATTEMPTS = 3;

/**
 * Sends the task under a new attempt id. An ambiguous failure looks the task up before anything
 * else: found, it is polled; confirmed absent, a new attempt is safe; unknown, the job stops.
 */
async function submit<T extends { externalId: string }>(job: Job<T>): Promise<JobRecord> {
  const { store, signal } = job;
  for (let attempt = 1; ; attempt++) {
    const externalId = `reelgraph-${job.key.slice(0, 24)}-${(job.attemptId ?? randomAttemptId)()}`;
    const base = { key: job.key, provider: job.provider.name, model: job.model, externalId, submittedAt: Date.now() };
    const sending: JobRecord = { ...base, handle: { id: '' }, state: 'submitting' };
    await store.put(sending);
    // In the spend history before it is sent: a crash mid-submit still leaves its row.
    await job.spend?.ledger.put({
      id: externalId,
      at: base.submittedAt,
      provider: job.provider.name,
      model: job.model,
      ...job.spend.row,
      outcome: 'pending',
    });
    let handle;
    try {
      handle = await job.adapter.submit({ ...job.task, externalId } as T, signal);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'content' && error.detail.code?.startsWith('Input')) {
        // An up-front refusal of this exact input (a face in the still) is remembered, so re-running does not ask again.
        await store.put({ ...base, handle: { id: '' }, state: 'rejected', message: error.reason });
        await mark(job, externalId, { outcome: 'refused', finishedAt: Date.now() });
        throw error;
      }
      // Cancelled mid-send: the record stays "submitting", and the next run looks the task up.
      if (signal.aborted) throw error;
      if (!ambiguous(error)) {
        // A definite answer: nothing was created.
        await store.delete(job.key);
        if (nothingSent(error)) await unsent(job, externalId);
        else await mark(job, externalId, { outcome: 'refused', finishedAt: Date.now() });
        throw error;
      }
      const found = await recover(job, sending, error);
      if (found) return found;
      // The provider confirms it made no task: trying again cannot pay twice.
      if (attempt >= SUBMIT_ATTEMPTS) throw error;
      await sleep(job.timing.pollMs, signal);
      continue;
    }
    const record: JobRecord = { ...base, handle, state: 'submitted' };
    await store.put(record);
    await mark(job, externalId, { taskId: handle.id });
    return record;
  }
}

const randomAttemptId = () => crypto.randomUUID().replaceAll('-', '').slice(0, 8);

/**
 * A submit whose answer was never seen: the task it made, undefined when the provider says it made
 * none (the record is dropped, so a new attempt is safe), or an "uncertain" stop when nobody can say.
 */
async function recover<T extends { externalId: string }>(
  job: Job<T>,
  record: JobRecord,
  cause?: unknown,
): Promise<JobRecord | undefined> {
  const { store, adapter, signal } = job;
  // Records from before attempt ids used the bare hash.
  const task = { ...job.task, externalId: record.externalId ?? `reelgraph-${record.key.slice(0, 32)}` } as T;
  let lookup;
  let lookupFailure: unknown;
  try {
    lookup = adapter.find
      ? await adapter.find(task, signal, record.submittedAt, await otherSubmits(job, record))
      : undefined;
  } catch (error) {
    if (signal.aborted) throw error;
    lookup = undefined;
    lookupFailure = error;
  }
  if (lookup && 'found' in lookup) {
    const submitted: JobRecord = { ...record, handle: lookup.found, state: 'submitted', message: undefined };
    await store.put(submitted);
    await mark(job, record.externalId, { outcome: 'pending', taskId: lookup.found.id });
    return submitted;
  }
  if (lookup?.absent) {
    await store.delete(job.key);
    await mark(job, record.externalId, { outcome: 'refused', finishedAt: Date.now() });
    return undefined;
  }
  const error = uncertainError(
    job,
    record,
    cause ?? (record.message ? new Error(record.message) : undefined),
    lookupFailure,
  );
  await store.put({ ...record, state: 'uncertain', message: record.message ?? reasonOf(cause) });
  await mark(job, record.externalId, { outcome: 'unknown' });
  throw error;
}

/** How far around a lost submit our other records are read: wider than any provider's clock slack. */
const OTHERS_WINDOW_MS = 60 * 60_000;

/** What our other records of this provider around a lost submit hold: a lookup never takes their tasks for this one. */
async function otherSubmits(job: Job<{ externalId: string }>, record: JobRecord): Promise<OtherSubmits> {
  const near = (await job.store.since(record.submittedAt - OTHERS_WINDOW_MS)).filter(
    (other) =>
      other.key !== record.key &&
      other.provider === job.provider.name &&
      other.submittedAt <= record.submittedAt + OTHERS_WINDOW_MS,
  );
  return {
    taken: new Set(near.flatMap((other) => (other.handle.id ? [other.handle.id] : []))),
    unresolved: near.filter(
      (other) => !other.handle.id && (other.state === 'submitting' || other.state === 'uncertain'),
    ).length,
  };
}

const reasonOf = (cause: unknown) =>
  cause instanceof ProviderError ? cause.reason : cause instanceof Error ? cause.message : undefined;

/** One paid call to a synchronous API (Nano Banana's generateContent): its answer is the result. */
export interface Call {
  key: string;
  provider: ProviderIdentity<ProviderName>;
  model: string;
  store: JobStore;
  signal: AbortSignal;
  /** Sends the paid request; resolves with its result (a data: URI). */
  send(signal: AbortSignal): Promise<string>;
  spend?: Job<{ externalId: string }>['spend'];
  attemptId?: () => string;
}

/**
 * A synchronous paid call, as safe as a task: saved before it is sent and its ledger row written,
 * its result kept in the record once it is ours (so a run that failed elsewhere does not pay for
 * it again). Such an API has no id of ours and nothing to look up, so a call whose answer was never
 * seen (a 5xx, a dropped connection, the page stopped or gone mid-call) may have been billed: it is
 * never sent again on its own, and is listed until the person forgets it.
 */
export async function runCall(call: Call): Promise<{ output: string; finishedBefore: boolean }> {
  const { store, signal } = call;
  const saved = await store.get(call.key);
  if (saved?.state === 'done' && saved.outputs?.[0]) return { output: saved.outputs[0], finishedBefore: true };
  const unanswered = { adapter: {}, provider: call.provider, model: call.model };
  if (saved?.state === 'submitting' || saved?.state === 'uncertain') {
    const message = saved.message ?? 'the app stopped before its answer came';
    await store.put({ ...saved, state: 'uncertain', message });
    await mark(call, saved.externalId, { outcome: 'unknown' });
    throw uncertainError(unanswered, saved, new Error(message));
  }
  const externalId = `reelgraph-${call.key.slice(0, 24)}-${(call.attemptId ?? randomAttemptId)()}`;
  const record: JobRecord = {
    key: call.key,
    provider: call.provider.name,
    model: call.model,
    externalId,
    handle: { id: '' },
    state: 'submitting',
    submittedAt: Date.now(),
  };
  await store.put(record);
  await call.spend?.ledger.put({
    id: externalId,
    at: record.submittedAt,
    provider: call.provider.name,
    model: call.model,
    ...call.spend.row,
    outcome: 'pending',
  });
  // Stopped before it went out: nothing was sent.
  if (signal.aborted) {
    await store.delete(call.key);
    await mark(call, externalId, { outcome: 'cancelled', finishedAt: Date.now() });
    throw signal.reason;
  }
  let output: string;
  try {
    output = await call.send(signal);
  } catch (error) {
    if (!signal.aborted && !ambiguous(error)) {
      // A definite answer (a refusal, a safety stop): nothing was made.
      await store.delete(call.key);
      if (nothingSent(error)) await unsent(call, externalId);
      else await mark(call, externalId, { outcome: 'refused', finishedAt: Date.now() });
      throw error;
    }
    // Sent, and its answer lost (stopped mid-call, or no clear answer): it may have been made and billed.
    const message = signal.aborted ? 'it was stopped while the request was out' : reasonOf(error);
    await store.put({ ...record, state: 'uncertain', message });
    await mark(call, externalId, { outcome: 'unknown' });
    if (signal.aborted) throw error;
    throw uncertainError(unanswered, record, error);
  }
  const finishedAt = Date.now();
  await store.put({ ...record, state: 'done', outputs: [output], finishedAt });
  await mark(call, externalId, { outcome: 'made', finishedAt });
  return { output, finishedBefore: false };
}
