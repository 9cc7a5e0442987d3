import { describe, expect, it } from 'vitest';
import type { RunState } from '../../graph-engine';
import type { GraphState } from './graph-store';
import { runProgress } from './run-progress';

function fakeStore() {
  let state = { runState: {} as RunState, takes: {} } as GraphState;
  let updates = 0;
  return {
    setState(update: (state: GraphState) => Partial<GraphState>) {
      updates++;
      state = { ...state, ...update(state) };
    },
    get state() {
      return state;
    },
    get updates() {
      return updates;
    },
  };
}

describe('run progress', () => {
  it('applies a frame’s events to the store in one update, in order', () => {
    const store = fakeStore();
    const frames: (() => void)[] = [];
    const progress = runProgress(store, (run) => frames.push(run));
    progress.push({ type: 'nodeQueued', nodeId: 'a' });
    progress.push({ type: 'nodeStarted', nodeId: 'a' });
    progress.push({ type: 'nodeQueued', nodeId: 'b' });
    expect(frames).toHaveLength(1);
    expect(store.updates).toBe(0);
    frames[0]!();
    expect(store.updates).toBe(1);
    expect(store.state.runState).toEqual({ a: { status: 'running', progress: 0 }, b: { status: 'queued' } });
    progress.push({ type: 'nodeDone', nodeId: 'a', key: 'k', durationMs: 5, cost: 0 });
    expect(frames).toHaveLength(2);
  });

  it('applies what is waiting when the run ends, before the next frame', () => {
    const store = fakeStore();
    const progress = runProgress(store, () => {});
    progress.push({ type: 'nodeCached', nodeId: 'a', key: 'k' });
    progress.flush();
    expect(store.state.runState.a).toEqual({ status: 'cached', key: 'k' });
    progress.flush();
    expect(store.updates).toBe(1);
  });
});
