import { describe, expect, it } from 'vitest';
import type { QueuedRun } from '../storage/queue-store';
import { nextToStart } from './queue-policy';

let position = 0;
const run = (id: string, graphId: string, state: QueuedRun['state'], resources?: string[]): QueuedRun => ({
  id,
  graphId,
  graphName: graphId,
  version: 'v',
  estimate: 0,
  approvedUsd: 0,
  askAboveUsd: 0,
  position: position++,
  addedAt: 0,
  state,
  ...(resources ? { resources } : {}),
});

describe('nextToStart', () => {
  it('starts the first waiting run when nothing runs', () => {
    expect(nextToStart([run('a', 'g1', 'waiting', ['local-render']), run('b', 'g2', 'waiting', [])])?.id).toBe('a');
    expect(nextToStart([])).toBeUndefined();
  });

  it('starts a cloud run beside a local render, and a run that draws on nothing beside anything', () => {
    expect(nextToStart([run('a', 'g1', 'running', ['local-render']), run('b', 'g2', 'waiting', ['cloud'])])?.id).toBe(
      'b',
    );
    expect(nextToStart([run('a', 'g1', 'running', ['cloud', 'local-render']), run('b', 'g2', 'waiting', [])])?.id).toBe(
      'b',
    );
  });

  it('never starts a run beside one sharing a pool, nor beside a run of its own graph', () => {
    expect(
      nextToStart([run('a', 'g1', 'running', ['cloud', 'local-render']), run('b', 'g2', 'waiting', ['cloud'])]),
    ).toBeUndefined();
    expect(nextToStart([run('a', 'g1', 'running', ['cloud']), run('b', 'g1', 'waiting', [])])).toBeUndefined();
  });

  it('lets nothing overtake: a run further back waits behind the first, even where it would fit', () => {
    const runs = [
      run('a', 'g1', 'running', ['local-render']),
      run('b', 'g2', 'waiting', ['local-render']),
      run('c', 'g3', 'waiting', ['cloud']),
    ];
    expect(nextToStart(runs)).toBeUndefined();
  });

  it('skips held runs (they wait for the person), and runs alone a run whose pools are not known', () => {
    expect(
      nextToStart([
        run('h', 'g0', 'held', ['cloud']),
        run('a', 'g1', 'running', ['cloud']),
        run('b', 'g2', 'waiting', ['local-render']),
      ])?.id,
    ).toBe('b');
    expect(nextToStart([run('a', 'g1', 'running', ['cloud']), run('b', 'g2', 'waiting')])).toBeUndefined();
    // One asked to stop is taken at once, to leave the queue: it holds back nothing.
    const cancelled = { ...run('c', 'g1', 'waiting', ['cloud']), cancel: true };
    expect(nextToStart([run('a', 'g1', 'running', ['cloud']), cancelled])?.id).toBe('c');
    expect(nextToStart([run('a', 'g1', 'running'), run('b', 'g2', 'waiting', [])])).toBeUndefined();
  });
});
