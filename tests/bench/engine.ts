/**
 * Engine benchmark: plan + execute a 10,000-node random DAG (average fan-in 2) with no-op
 * executors and an in-memory store, cold and warm, against a bare topological sort of the same
 * graph. Prints µs per node and the ratio; targets: cold ≤ 5 µs/node, warm executes 0 nodes.
 */
import { indexGraph, MemoryArtifactStore, MemoryResultStore, runGraph, topologicalOrder } from '../../graph-engine';
import { noopRegistry as registry, randomDag } from './random-dag';
import { sized } from './size';

const NODES = sized(10_000, 2_000);
const FAN_IN = 2;

const doc = randomDag(NODES, 42, FAN_IN);
const results = new MemoryResultStore();
const artifacts = new MemoryArtifactStore();
// The cold run gets its own copy of the graph, so nothing the engine remembers per document
// (parsed params) helps it; the warm run reuses that copy, as pressing Run twice does.
const coldDoc = structuredClone(doc);
const run = () => runGraph({ doc: coldDoc, registry, results, artifacts, providers: undefined, maxConcurrent: 64 });

function timeTopoSort(): number {
  const began = performance.now();
  const { order } = topologicalOrder(indexGraph(doc));
  if (order.length !== NODES) throw new Error('bench graph is not acyclic');
  return performance.now() - began;
}

// Warm up the JIT on a throwaway store, then measure.
await runGraph({ doc, registry, results: new MemoryResultStore(), artifacts, providers: undefined, maxConcurrent: 64 });
timeTopoSort();

const topoMs = Math.min(timeTopoSort(), timeTopoSort(), timeTopoSort());
let began = performance.now();
const cold = await run();
const coldMs = performance.now() - began;
began = performance.now();
const warm = await run();
const warmMs = performance.now() - began;

const perNode = (ms: number) => ((ms * 1000) / NODES).toFixed(2);
console.log(
  `engine bench: ${NODES} nodes, ${doc.edges.length} edges (fan-in ${(doc.edges.length / NODES).toFixed(2)})`,
);
console.log(`  bare topological sort   ${topoMs.toFixed(1)} ms  ${perNode(topoMs)} µs/node`);
console.log(
  `  cold plan + execute     ${coldMs.toFixed(1)} ms  ${perNode(coldMs)} µs/node  ${(coldMs / topoMs).toFixed(1)}× topo sort  executed ${cold.executed.length}  (target ≤ 5 µs/node)`,
);
console.log(
  `  warm plan + execute     ${warmMs.toFixed(1)} ms  ${perNode(warmMs)} µs/node  ${(warmMs / topoMs).toFixed(1)}× topo sort  executed ${warm.executed.length}  (target 0)`,
);
if (cold.executed.length !== NODES || warm.executed.length !== 0) {
  console.error('engine bench: wrong work done (cold must execute every node, warm none)');
  process.exit(1);
}
