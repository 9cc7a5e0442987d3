import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from './run-events';
import { combinedRunState, reduceRunEvents, reduceRunState, type RunState } from './run-state';
import { reduceTakeEvents, reduceTakes, type TakeRecord } from './take-record';

const ids = ['a', 'b', 'c'];
const take = (index: number, status: TakeRecord['status']): TakeRecord =>
  ({ index, status, params: {} }) as unknown as TakeRecord;

const anEvent: fc.Arbitrary<RunEvent> = fc.oneof(
  fc.record({ type: fc.constant('nodeQueued' as const), nodeId: fc.constantFrom(...ids) }),
  fc.record({ type: fc.constant('nodeStarted' as const), nodeId: fc.constantFrom(...ids) }),
  fc.record({
    type: fc.constant('nodeProgressed' as const),
    nodeId: fc.constantFrom(...ids),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('nodeDone' as const),
    nodeId: fc.constantFrom(...ids),
    key: fc.string(),
    durationMs: fc.nat(),
    cost: fc.nat(),
  }),
  fc.record({ type: fc.constant('nodeCancelled' as const), nodeId: fc.constantFrom(...ids) }),
  fc.record({
    type: fc.constant('nodeTakes' as const),
    nodeId: fc.constantFrom(...ids),
    takes: fc
      .array(fc.constantFrom('pending', 'running', 'done', 'failed') as fc.Arbitrary<TakeRecord['status']>, {
        maxLength: 3,
      })
      .map((statuses) => statuses.map((status, index) => take(index, status))),
  }),
  fc.record({
    type: fc.constantFrom('takeDone' as const, 'takeFailed' as const, 'takeProgressed' as const),
    nodeId: fc.constantFrom(...ids),
    take: fc.nat({ max: 3 }).map((index) => take(index, 'done')),
  }),
  fc.constant<RunEvent>({ type: 'runPlanned', work: [], reuse: [] }),
);

describe('a batch of run events', () => {
  it('ends where the events one at a time end, without touching the state it started from', () => {
    fc.assert(
      fc.property(fc.array(anEvent, { maxLength: 12 }), fc.array(anEvent, { maxLength: 12 }), (before, batch) => {
        const start = before.reduce<RunState>(reduceRunState, {});
        const frozen = structuredClone(start);
        const oneByOne = batch.reduce<RunState>(reduceRunState, start);
        expect(reduceRunEvents(start, batch)).toEqual(oneByOne);
        expect(start).toEqual(frozen);
        const takesStart = before.reduce(reduceTakes, {});
        const takesFrozen = structuredClone(takesStart);
        expect(reduceTakeEvents(takesStart, batch)).toEqual(batch.reduce(reduceTakes, takesStart));
        expect(takesStart).toEqual(takesFrozen);
      }),
    );
  });

  it('returns the same objects when no event changes anything, so nothing redraws', () => {
    const state: RunState = { a: { status: 'done', key: 'k', durationMs: 1, cost: 0 } };
    const idle: RunEvent[] = [
      { type: 'runPlanned', work: [], reuse: [] },
      { type: 'nodeProgressed', nodeId: 'a', fraction: 0.5 },
    ];
    expect(reduceRunEvents(state, idle)).toBe(state);
    const takes = { a: [take(0, 'done')] };
    expect(reduceTakeEvents(takes, idle)).toBe(takes);
  });
});

describe('combinedRunState', () => {
  const done = (cost: number) => ({ status: 'done' as const, key: 'k', durationMs: 10, cost });
  it('says made when every node is, summing cost and time, and cached when all came from the cache', () => {
    expect(combinedRunState([done(1), done(2), { status: 'cached', key: 'k' }])).toEqual({
      status: 'done',
      key: '',
      durationMs: 20,
      cost: 3,
    });
    expect(combinedRunState([{ status: 'cached', key: 'a' }])).toEqual({ status: 'cached', key: '' });
  });

  it('runs while any node is to run and another has started, as far along as all of them together', () => {
    expect(combinedRunState([done(0), { status: 'running', progress: 0.5 }, { status: 'queued' }, undefined])).toEqual({
      status: 'running',
      progress: 0.375,
    });
    expect(combinedRunState([{ status: 'queued' }, undefined])).toEqual({ status: 'queued' });
  });

  it('puts what needs the person first, and counts all the takes together', () => {
    const failed = { status: 'failed' as const, message: 'refused', takes: { total: 2, made: 1, failed: 1 } };
    expect(
      combinedRunState([{ status: 'running', progress: 0.1, takes: { total: 3, made: 0, failed: 0 } }, failed]),
    ).toEqual({ ...failed, takes: { total: 5, made: 1, failed: 1 } });
    expect(combinedRunState([done(0), { status: 'waiting', message: 'pick one' }])).toEqual({
      status: 'waiting',
      message: 'pick one',
    });
    expect(combinedRunState([])).toEqual({ status: 'idle' });
  });
});
