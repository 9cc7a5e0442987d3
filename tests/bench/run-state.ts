/**
 * Run-state benchmark: cold runs of no-op graphs (250 to 4,000 nodes) on the app's IndexedDB
 * stores in headless Chromium, with the app's run progress (statuses batched once per frame, one
 * store subscriber per node as the node views have) against the engine alone on the same stores,
 * interleaved over three rounds. Also shows one store update per event, as the app did before.
 * Targets: the app ≤ 2× the engine alone at 4,000 nodes, and linear (µs per node at 4,000 within
 * 1.5× of that at 250).
 */
import { availableParallelism, loadavg } from 'node:os';
import { cleanUp, openBenchPage } from './browser';
import type { Handling, timeRun } from './run-state-page';
import { sized } from './size';

const SIZES = sized([250, 1000, 4000], [100, 400]);
const ROUNDS = sized(3, 1);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const load = loadavg()[0]!;
console.log(
  `run-state bench: load average ${load.toFixed(2)} at start on ${availableParallelism()} cores${load > availableParallelism() / 2 ? ' (busy: the figures are noisier than on a quiet machine)' : ''}`,
);
const { page, close } = await openBenchPage({ runState: '/tests/bench/run-state-page.ts' });
let failed = false;
try {
  const time = (count: number, handling: Handling) =>
    page.evaluate(
      ([count, handling]) =>
        (window as unknown as { bench: { runState: { timeRun: typeof timeRun } } }).bench.runState.timeRun(
          count,
          handling,
        ),
      [count, handling] as const,
    );
  await time(250, 'app'); // warm-up: JIT and IndexedDB
  const perNode: Record<Handling, number[]> = { engine: [], app: [], 'per-event': [] };
  for (const count of SIZES) {
    const rounds: Record<Handling, number[]> = { engine: [], app: [], 'per-event': [] };
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const engine = await time(count, 'engine');
      const app = await time(count, 'app');
      rounds.engine.push(engine);
      rounds.app.push(app);
      ratios.push(app / engine);
      // The old way is quadratic: once at the largest size is enough to show it.
      if (round === 0 && count <= 1000) rounds['per-event'].push(await time(count, 'per-event'));
    }
    const line = (label: string, ms: number[]) =>
      `    ${label.padEnd(30)} min ${Math.min(...ms).toFixed(0)} / median ${median(ms).toFixed(0)} / max ${Math.max(...ms).toFixed(0)} ms  ${((median(ms) * 1000) / count).toFixed(0)} µs/node`;
    console.log(`  ${count} nodes`);
    console.log(line('engine alone (reference)', rounds.engine));
    console.log(line('with the app’s run progress', rounds.app));
    if (rounds['per-event'].length > 0) console.log(line('one update per event (before)', rounds['per-event']));
    console.log(`    median of per-round ratios ${median(ratios).toFixed(2)}× the engine alone  (target ≤ 2×)`);
    perNode.engine.push((median(rounds.engine) * 1000) / count);
    perNode.app.push((median(rounds.app) * 1000) / count);
    if (count === SIZES.at(-1) && median(ratios) > 2) failed = true;
  }
  const growth = perNode.app.at(-1)! / perNode.app[0]!;
  console.log(
    `  µs per node with the app, ${SIZES[0]} → ${SIZES.at(-1)} nodes: ${growth.toFixed(2)}×  (target ≤ 1.5×: linear)`,
  );
  if (growth > 1.5) failed = true;
  if (failed) console.log('  run-state bench: a target was MISSED');
} finally {
  await close();
  cleanUp();
}
