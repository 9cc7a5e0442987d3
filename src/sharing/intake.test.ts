import { zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Bytes } from '../../graph-engine';
import { nodeRegistry } from '../../nodes';
import { starterGraph } from '../templates/starter';
import { makeBundle } from './bundle';
import { graphOfPrompts } from './graph-of-prompts';
import { readInWorker, type IntakeWorker } from './intake';
import { readIntake, type IntakeOutcome } from './intake-read';
import type { IntakeMessage } from './intake.worker';
import { shareLink } from './share-link';

const withPhotos = async (count: number) => {
  const doc = starterGraph('photos');
  const photos = await Promise.all(
    Array.from({ length: count }, async (_, at) => {
      const bytes = new Uint8Array([137, 80, 78, 71, at]);
      return { hash: await sha256Bytes(bytes), blob: new Blob([bytes], { type: 'image/png' }) };
    }),
  );
  doc.nodes = photos.map(({ hash, blob }, at) => ({
    id: `still${at}`,
    kind: 'still',
    kindVersion: 1,
    position: { x: at * 400, y: 0 },
    params: { mode: 'upload', file: { $artifact: hash, mime: 'image/png', size: blob.size } },
  }));
  doc.edges = [];
  const { zip } = await makeBundle(doc, async (wanted) => photos.find(({ hash }) => hash === wanted)?.blob);
  return { doc, zip, photos };
};

describe('reading a graph from outside', () => {
  it('reads a graph file’s text, or names its problems', async () => {
    const doc = starterGraph('text');
    const read = await readIntake({ kind: 'text', text: JSON.stringify(doc) }, nodeRegistry);
    expect(read.ok && read.parsed.doc.id).toBe('text');
    const broken = await readIntake({ kind: 'text', text: JSON.stringify({ ...doc, nodes: 3 }) }, nodeRegistry);
    expect(broken).toMatchObject({ ok: false, errors: [{ path: 'nodes' }] });
  });

  it('reads a share link under the link caps', async () => {
    const link = (count: number) => {
      const doc = graphOfPrompts(count, '');
      const made = shareLink(doc, 'http://localhost/');
      if (!made.ok) throw new Error('too long for a link');
      return { kind: 'link' as const, fragment: new URL(made.url).hash };
    };
    expect((await readIntake(link(3), nodeRegistry)).ok).toBe(true);
    const over = await readIntake(link(1001), nodeRegistry);
    expect(over.ok === false && 'errors' in over && over.errors[0].message).toMatch(/1,?001 nodes/);
    expect(await readIntake({ kind: 'link', fragment: '#graph=%%%' }, nodeRegistry)).toMatchObject({
      ok: false,
      unreadable: expect.stringMatching(/damaged/),
    });
  });

  it('reads a bundle’s media one file at a time, telling each, and checks every hash', async () => {
    const { zip, photos } = await withPhotos(3);
    const progress: string[] = [];
    const read = await readIntake({ kind: 'bundle', zip }, nodeRegistry, (done, total) =>
      progress.push(`${done}/${total}`),
    );
    expect(read.ok && read.media.map(({ hash }) => hash).sort()).toEqual(photos.map(({ hash }) => hash).sort());
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);

    // A medium whose bytes are not the ones its name claims.
    const name = `media/${photos[0].hash}.png`;
    const { doc } = await withPhotos(1);
    const swapped = zipSync({
      'graph.reelgraph.json': new TextEncoder().encode(JSON.stringify(doc)),
      [name]: new Uint8Array([1, 2, 3]),
    });
    expect(await readIntake({ kind: 'bundle', zip: new Blob(['not a zip']) }, nodeRegistry)).toMatchObject({
      ok: false,
      unreadable: 'this is not a readable .zip file',
    });
    expect(await readIntake({ kind: 'bundle', zip: new Blob([swapped]) }, nodeRegistry)).toMatchObject({
      ok: false,
      unreadable: expect.stringMatching(/does not match its content hash/),
    });
  });
});

/** A worker the test speaks for: it answers only when told to. */
function fakeWorker() {
  const sent: unknown[] = [];
  const worker: IntakeWorker & { sent: unknown[]; terminated: boolean; say(message: IntakeMessage): void } = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    sent,
    terminated: false,
    postMessage: (request) => void sent.push(request),
    terminate: () => void (worker.terminated = true),
    say: (message) => worker.onmessage?.({ data: message } as MessageEvent<IntakeMessage>),
  };
  return worker;
}

describe('the intake worker, seen from the page', () => {
  afterEach(() => void vi.useRealTimers());
  const done: IntakeOutcome = { ok: false, unreadable: 'nothing' };

  it('hands the request over, passes progress on, and ends the worker with its answer', async () => {
    const worker = fakeWorker();
    const progress: number[] = [];
    const reading = readInWorker(
      { kind: 'text', text: '{}' },
      {
        makeWorker: () => worker,
        onProgress: (at) => progress.push(at),
      },
    );
    expect(worker.sent).toEqual([{ kind: 'text', text: '{}' }]);
    worker.say({ type: 'progress', done: 1, total: 2 });
    worker.say({ type: 'done', outcome: done });
    expect(await reading).toEqual(done);
    expect(progress).toEqual([1]);
    expect(worker.terminated).toBe(true);
  });

  it('stops when the person says so', async () => {
    const worker = fakeWorker();
    const stop = new AbortController();
    const reading = readInWorker({ kind: 'text', text: '{}' }, { makeWorker: () => worker, signal: stop.signal });
    stop.abort();
    expect(await reading).toEqual({ ok: false, stopped: true });
    expect(worker.terminated).toBe(true);
  });

  it('stops a worker that goes silent, however long the whole reading takes while it reports', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker();
    let result: unknown;
    void readInWorker({ kind: 'text', text: '{}' }, { makeWorker: () => worker, silenceMs: 1000 }).then(
      (value) => (result = value),
    );
    for (let at = 0; at < 5; at++) {
      await vi.advanceTimersByTimeAsync(900);
      worker.say({ type: 'progress', done: at, total: 5 });
    }
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(result).toEqual({ ok: false, unreadable: 'reading it went 1 s without progress, so it was stopped' });
    expect(worker.terminated).toBe(true);
  });

  it('says why when the reader cannot start or its answer cannot be received, instead of throwing or waiting', async () => {
    const refused = await readInWorker(
      { kind: 'text', text: '{}' },
      {
        makeWorker: () => {
          throw new Error('workers are not allowed here');
        },
      },
    );
    expect(refused).toEqual({ ok: false, unreadable: 'the reader could not start (workers are not allowed here)' });
    const worker = fakeWorker();
    const reading = readInWorker({ kind: 'text', text: '{}' }, { makeWorker: () => worker });
    worker.onmessageerror?.({} as MessageEvent);
    expect(await reading).toEqual({ ok: false, unreadable: 'the reader’s answer could not be received' });
    expect(worker.terminated).toBe(true);
  });
});
