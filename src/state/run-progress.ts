import { reduceRunEvents, reduceTakeEvents, type RunEvent } from '../../graph-engine';
import type { GraphState } from './graph-store';

interface ProgressStore {
  setState(update: (state: GraphState) => Partial<GraphState>): void;
}

/** Waits for the next frame to be drawn, or a tenth of a second where frames are not drawn (a hidden tab, Node). */
function nextFrame(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
}

/**
 * A run's events reach the store once per frame, as one batch: each event costs the same however
 * large the graph, and the nodes redraw at most once a frame (one store update per event made a
 * 4,000-node run quadratic). `flush` applies what is waiting now, as the run ends.
 */
export function runProgress(store: ProgressStore, schedule: (run: () => void) => void = nextFrame) {
  let waiting: RunEvent[] = [];
  const flush = () => {
    if (waiting.length === 0) return;
    const events = waiting;
    waiting = [];
    store.setState((state) => ({
      runState: reduceRunEvents(state.runState, events),
      takes: reduceTakeEvents(state.takes, events),
    }));
  };
  return {
    push(event: RunEvent) {
      if (waiting.push(event) === 1) schedule(flush);
    },
    flush,
  };
}
