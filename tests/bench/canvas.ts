/**
 * Canvas benchmark: a 1,000-node graph in the real app in headless Chromium. Prints the time to
 * open it, frames per second while panning it with the mouse, and how many node frames render
 * for one param edit (targets: open < 1.5 s, ≥ 50 fps, 1 render per edit).
 */
import { createDocument, type EdgeDoc, type NodeDoc } from '../../graph-engine';
import { cleanUp, openBenchPage } from './browser';
import { sized } from './size';

const GROUPS = sized(200, 40);
const nodes: NodeDoc[] = [];
const edges: EdgeDoc[] = [];
const node = (id: string, kind: string, x: number, y: number, params: Record<string, unknown> = {}) =>
  nodes.push({ id, kind, kindVersion: 1, position: { x, y }, params });
const edge = (from: string, fromPort: string, to: string, toPort: string) =>
  edges.push({ id: `${from}-${to}-${toPort}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } });
for (let group = 0; group < GROUPS; group++) {
  const x = (group % 10) * 1800;
  const y = Math.floor(group / 10) * 900;
  node(`prompt${group}`, 'prompt', x, y, { text: `shot ${group}` });
  node(`still${group}`, 'still', x + 360, y, { count: 2, seed: group });
  node(`pick${group}`, 'pick', x + 720, y, { autoPick: true });
  node(`camera${group}`, 'camera', x + 720, y + 420, { zoom: 2 });
  node(`animate${group}`, 'animate', x + 1080, y);
  edge(`prompt${group}`, 'text', `still${group}`, 'prompt');
  edge(`still${group}`, 'images', `pick${group}`, 'candidates');
  edge(`pick${group}`, 'chosen', `animate${group}`, 'still');
  edge(`camera${group}`, 'camera', `animate${group}`, 'camera');
}
const doc = createDocument({
  id: 'canvas-bench',
  name: 'Canvas bench',
  appVersion: 'bench',
  now: new Date(),
  nodes,
  edges,
});

// The production build: what `npm start` serves (no development-only checks or double renders).
const { page, close } = await openBenchPage({}, { production: true });

/** Opens the graph at a viewport (none: fit it all in view); resolves once it is drawn, with how long that took. */
async function open(viewport?: { x: number; y: number; zoom: number }): Promise<number> {
  const json = JSON.stringify({ ...doc, id: crypto.randomUUID(), ...(viewport ? { viewport } : {}) });
  return page.evaluate(async (text) => {
    const began = performance.now();
    await window.reelgraph!.loadGraph(text);
    // Open means drawn: the nodes in view are on screen and measured (React Flow hides them until then).
    for (;;) {
      const rendered = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
      if (rendered.length > 0 && rendered.every((element) => getComputedStyle(element).visibility === 'visible')) break;
      await new Promise(requestAnimationFrame);
    }
    return performance.now() - began;
  }, json);
}

/** Opens the graph at a viewport, then pans it for two seconds. */
async function measure(viewport?: { x: number; y: number; zoom: number }) {
  const openMs = await open(viewport);
  // Pan with a mouse drag: pointer events dispatched in the page on every frame, as a real mouse
  // delivers them (the driver's own round trips would otherwise set the pace). Source text, because
  // the bundler would wrap a named function in a helper the page lacks.
  const panned = (await page.evaluate(`new Promise((resolve) => {
    const pane = document.querySelector('.react-flow__pane');
    const box = pane.getBoundingClientRect();
    const at = (n) => ({ clientX: box.x + box.width / 2 + Math.sin(n / 20) * 300, clientY: box.y + box.height / 2 + Math.cos(n / 20) * 200, bubbles: true, view: window });
    pane.dispatchEvent(new MouseEvent('mousedown', { ...at(0), button: 0, buttons: 1 }));
    let frames = 0;
    const started = performance.now();
    const tick = () => {
      frames++;
      window.dispatchEvent(new MouseEvent('mousemove', { ...at(frames), buttons: 1 }));
      if (performance.now() - started < 2000) requestAnimationFrame(tick);
      else {
        window.dispatchEvent(new MouseEvent('mouseup', { ...at(frames), button: 0 }));
        resolve({ fps: frames / ((performance.now() - started) / 1000), shown: document.querySelectorAll('.react-flow__node').length });
      }
    };
    requestAnimationFrame(tick);
  })`)) as { fps: number; shown: number };
  return { openMs, ...panned };
}

try {
  const overview = await measure();
  const working = await measure({ x: -200, y: -100, zoom: 1 });
  // Reopened at the working zoom, unpanned, so a Prompt is surely in view for the edit.
  await open({ x: -200, y: -100, zoom: 1 });
  const renders = await page.evaluate(async () => {
    const visible = document.querySelector<HTMLElement>('.react-flow__node [data-kind="prompt"]')!.dataset.nodeId!;
    const before = window.reelgraph!.diagnostics().nodeFrameRenders;
    window.reelgraph!.setParams(visible, { text: 'edited' });
    for (let at = 0; at < 3; at++) await new Promise(requestAnimationFrame);
    return window.reelgraph!.diagnostics().nodeFrameRenders - before;
  });

  console.log(`canvas bench: ${nodes.length} nodes, ${edges.length} connections (production build)`);
  for (const [label, result] of [
    ['zoomed out to fit', overview],
    ['working zoom (100%)', working],
  ] as const) {
    console.log(
      `  ${label.padEnd(20)} open ${result.openMs.toFixed(0)} ms (target < 1500)  panning ${result.fps.toFixed(0)} fps (target ≥ 50)  ${result.shown} nodes drawn`,
    );
  }
  console.log(`  one param edit       ${renders} node frame render${renders === 1 ? '' : 's'}  (target 1)`);
} finally {
  await close();
  cleanUp();
}
