/**
 * Import benchmark: a large graph file (2,000 nodes, about 5 MB of JSON) imported into the real
 * app's production build in headless Chromium. The reference, measured in the same run, is the
 * browser's own JSON.parse of the text; the import is reading (caps, migrations, schema),
 * storing, opening and drawing it. Prints the longest the page went without a turn of its event
 * loop during each, and their ratio (target: the import freezes the page no more than 20 times as
 * long as parsing its JSON does).
 */
import { createDocument, type NodeDoc } from '../../graph-engine';
import { cleanUp, openBenchPage } from './browser';
import { sized } from './size';

const NODES = sized(2000, 400);
const words = 'a slow push-in on a lighthouse at golden hour, waves below, gulls over the cliff, ';
const nodes: NodeDoc[] = Array.from({ length: NODES }, (_, at) => ({
  id: `prompt${at}`,
  kind: 'prompt',
  kindVersion: 1,
  position: { x: (at % 50) * 400, y: Math.floor(at / 50) * 300 },
  params: { text: `${at}: ${words.repeat(28)}`, variables: {} },
}));
const text = JSON.stringify(
  createDocument({ id: 'import-bench', name: 'Import bench', appVersion: 'bench', now: new Date(), nodes }),
);

// The production build: what `npm start` serves.
const { page, close } = await openBenchPage({}, { production: true });
try {
  await page.evaluate((json) => Object.assign(window, { benchText: json }), text);
  // Source text, because the bundler would wrap named functions in a helper the page lacks.
  const result = (await page.evaluate(`(async () => {
    const json = window.benchText;
    // The longest gap between turns of the event loop while work runs: how long the page froze.
    const stall = async (work) => {
      let last = performance.now();
      let worst = 0;
      const beat = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
      }, 5);
      const began = performance.now();
      const value = await work();
      const took = performance.now() - began;
      await new Promise((resolve) => setTimeout(resolve, 50));
      clearInterval(beat);
      return { worst, took, value };
    };
    JSON.parse(json);
    const read = await stall(() => JSON.parse(json).nodes.length);
    const imported = await stall(async () => ((await window.reelgraph.loadGraph(json)).ok ? window.reelgraph.state().doc.nodes.length : -1));
    return { read, imported };
  })()`)) as Record<'read' | 'imported', { worst: number; took: number; value: number }>;
  if (result.read.value !== NODES || result.imported.value !== NODES)
    throw new Error(
      `import bench: parsed ${result.read.value} and opened ${result.imported.value} nodes, not ${NODES}`,
    );
  const ratio = result.imported.worst / result.read.worst;
  console.log(`import bench: ${NODES} nodes, ${(text.length / 1024 / 1024).toFixed(1)} MB of JSON`);
  console.log(`  JSON.parse (reference)       froze the page ${result.read.worst.toFixed(0)} ms`);
  console.log(
    `  importing it (store, open)   froze the page ${result.imported.worst.toFixed(0)} ms of ${result.imported.took.toFixed(0)} ms  ratio ${ratio.toFixed(1)} (target ≤ 20)${ratio > 20 ? '  MISSED' : ''}`,
  );
} finally {
  await close();
  cleanUp();
}
