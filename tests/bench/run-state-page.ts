/**
 * Loaded into the app's page by the run-state bench: runs a no-op graph on the app's own
 * IndexedDB stores, with the engine alone or with the app's run progress (and one store
 * subscriber per node, as the node views have).
 */
import { runGraph } from '../../graph-engine';
import { DexieArtifactStore } from '../../src/storage/artifact-store';
import { ReelgraphDB } from '../../src/storage/db';
import { DexieResultStore } from '../../src/storage/result-store';
import { useGraphStore } from '../../src/state/graph-store';
import { runProgress } from '../../src/state/run-progress';
import { noopRegistry, randomDag } from './random-dag';

export type Handling = 'engine' | 'app' | 'per-event';

/** One cold run of `count` nodes in a fresh database: how long from start to the last status shown, in ms. */
export async function timeRun(count: number, handling: Handling): Promise<number> {
  const doc = randomDag(count, 7);
  const db = new ReelgraphDB(`run-state-bench-${crypto.randomUUID()}`);
  useGraphStore.setState({ runState: {}, takes: {} });
  // What each node view selects: its own status, compared on every store update.
  const unsubscribe = doc.nodes.map(({ id }) => {
    let seen = useGraphStore.getState().runState[id];
    return useGraphStore.subscribe((state) => {
      if (state.runState[id] !== seen) seen = state.runState[id];
    });
  });
  // 'per-event' is how the app was before batching: one store update for every event.
  const progress =
    handling === 'engine'
      ? undefined
      : runProgress(useGraphStore, handling === 'per-event' ? (run) => run() : undefined);
  try {
    const began = performance.now();
    const summary = await runGraph({
      doc,
      registry: noopRegistry,
      results: new DexieResultStore(db),
      artifacts: new DexieArtifactStore(db),
      providers: undefined,
      maxConcurrent: 32,
      onEvent: progress ? progress.push : undefined,
    });
    progress?.flush();
    const took = performance.now() - began;
    if (summary.executed.length !== count) throw new Error(`ran ${summary.executed.length} of ${count} nodes`);
    if (progress && Object.keys(useGraphStore.getState().runState).length !== count)
      throw new Error('the run state does not hold every node');
    return took;
  } finally {
    for (const stop of unsubscribe) stop();
    db.close();
    await db.delete();
  }
}
