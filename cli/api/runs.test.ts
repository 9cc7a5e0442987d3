import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { photoGraph } from '../../src/templates/starter';
import type { AppSession } from '../app-session';
import { RunBook, type RunOrder } from './runs';

/** What the page's automation answers, as a test wants it; each call recorded. */
interface FakeApp {
  calls: string[];
  /** How each run ends: its summary, or a promise the test settles. */
  runs: (() => Promise<unknown>)[];
}

let dir: string;
let fake: FakeApp;

const clip = { $artifact: 'a'.repeat(64), mime: 'video/mp4', size: 10 };

/** A summary as `run` gives it. */
const summary = (patch: Record<string, unknown> = {}) => ({
  status: 'done',
  executed: ['animate', 'assemble'],
  reused: [],
  failed: [],
  waiting: [],
  cost: 0,
  outputs: { assemble: { video: clip } },
  runState: { assemble: { status: 'done' } },
  ...patch,
});

/**
 * The app as the run book drives it: its page-side closures run here, against a fake automation
 * that records each call, and "sends" an artifact by writing its bytes where the host receives them.
 */
function fakeSession(): AppSession {
  const automation = {
    loadGraph: async (json: string) => (fake.calls.push(`load ${JSON.parse(json).id}`), { ok: true, warnings: [] }),
    bindFileFrom: async (node: string) => void fake.calls.push(`bind ${node}`),
    run: async (_targets: unknown, maxCost: number) => {
      fake.calls.push(`run ${maxCost}`);
      return fake.runs.shift()!();
    },
    stayAtPick: () => void fake.calls.push('stay'),
    cancel: () => void fake.calls.push('cancel'),
    sendArtifact: async (_hash: string, url: string) => (writeFileSync(url, 'mp4 bytes'), true),
    state: () => ({ runState: { animate: { status: 'running', progress: 0.4 } } }),
  };
  (globalThis as { window?: unknown }).window = { reelgraph: automation };
  return {
    page: { evaluate: async (fn: (arg: unknown) => unknown, arg: unknown) => fn(arg) },
    // The host's addresses are the paths themselves here: the fake page writes straight to them.
    host: { offer: (path: string) => path, receive: (path: string) => path },
  } as unknown as AppSession;
}

const order = (patch: Partial<RunOrder> = {}): RunOrder => ({
  app: { id: 'photo', name: 'Animate your own photo' },
  doc: { ...photoGraph('api-photo'), app: { ...photoGraph('x').app!, inputs: [] } },
  bindings: [{ nodeId: 'photo', path: '/photo.png', mime: 'image/png' }],
  maxCost: 0,
  ...patch,
});

/** A promise the test settles: a run that ends when told. */
function pending() {
  let settle: (value: unknown) => void = () => {};
  const promise = new Promise((resolve) => (settle = resolve));
  return { promise, settle };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

let book: RunBook;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelgraph-runs-'));
  fake = { calls: [], runs: [] };
  const session = fakeSession();
  book = new RunBook({ app: async () => session, outDir: join(dir, 'out') });
});
afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
  rmSync(dir, { recursive: true, force: true });
});

describe('the HTTP API’s runs', () => {
  it('runs one after another: the second is queued until the first ends, then opens its own graph', async () => {
    const first = pending();
    fake.runs.push(
      () => first.promise,
      async () => summary(),
    );
    const a = book.add(order());
    const b = book.add(order({ maxCost: 2 }));
    await settled();
    expect((await book.get(a.id))?.status).toBe('running');
    expect((await book.get(a.id))?.nodes).toEqual({ animate: 'running 40%' });
    expect((await book.get(b.id))?.status).toBe('queued');
    expect(fake.calls).toEqual(['load api-photo', 'bind photo', 'run 0']);
    first.settle(summary({ cost: 0 }));
    await settled();
    await settled();
    expect((await book.get(b.id))?.status).toBe('done');
    expect(fake.calls.slice(3)).toEqual(['load api-photo', 'bind photo', 'run 2']);
  });

  it('keeps what a run made under the app’s output names, written while its graph is open', async () => {
    fake.runs.push(async () => summary({ cost: 0.42 }));
    const run = book.add(order());
    await settled();
    await settled();
    const done = await book.get(run.id);
    expect(done).toMatchObject({ status: 'done', costUsd: 0.42, executed: ['animate', 'assemble'] });
    expect(done?.outputs).toEqual([
      { name: 'clip', mime: 'video/mp4', bytes: 9, url: `/v1/runs/${run.id}/outputs/clip` },
    ]);
    const file = book.output(run.id, 'clip');
    expect(file?.mime).toBe('video/mp4');
    expect(readFileSync(file!.path, 'utf8')).toBe('mp4 bytes');
    expect(book.output(run.id, 'other')).toBeUndefined();
  });

  it('says a run over its max_cost was declined, with nothing sent', async () => {
    fake.runs.push(async () => ({ status: 'declined', estimate: 1.26 }));
    const run = book.add(order({ maxCost: 1 }));
    await settled();
    expect(await book.get(run.id)).toMatchObject({
      status: 'declined',
      estimateUsd: 1.26,
      error: 'not run: it would cost about $1.26, above max_cost $1.00; nothing was sent',
      outputs: [],
    });
  });

  it('ends a run at a Pick, and says a node’s failure in its words', async () => {
    fake.runs.push(
      async () => summary({ status: 'waiting', waiting: ['pick'], outputs: {} }),
      async () =>
        summary({
          status: 'failed',
          failed: ['animate'],
          outputs: {},
          runState: { animate: { status: 'failed', message: 'Kling refused the still.' } },
        }),
    );
    const waiting = book.add(order());
    const failed = book.add(order());
    await settled();
    await settled();
    expect(fake.calls).toContain('stay');
    expect((await book.get(waiting.id))?.error).toBe('it stopped at "pick" for a pick: run again with auto_pick');
    expect(await book.get(failed.id)).toMatchObject({
      status: 'failed',
      error: 'node "animate": Kling refused the still.',
    });
  });

  it('cancels a queued run before it starts, and a running one as Escape does; its uploads go either way', async () => {
    const first = pending();
    fake.runs.push(() => first.promise);
    const uploads = join(dir, 'uploads');
    mkdirSync(uploads);
    const running = book.add(order());
    const queued = book.add(order({ uploads }));
    await settled();
    expect((await book.cancel(queued.id))?.status).toBe('cancelled');
    await book.cancel(running.id);
    expect(fake.calls).toContain('cancel');
    first.settle(summary({ status: 'cancelled', outputs: {} }));
    await settled();
    await settled();
    expect((await book.get(running.id))?.status).toBe('cancelled');
    expect(fake.calls.filter((call) => call.startsWith('run'))).toEqual(['run 0']);
    expect(existsSync(uploads)).toBe(false);
    expect(await book.cancel('nothing-like-it')).toBeUndefined();
  });
});
