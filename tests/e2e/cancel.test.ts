/**
 * Cancel reaches every local renderer: the camera-move Worker, audio rendering and assembly stop
 * at once (within a couple of progress steps of the cancel, however busy the machine: counted in
 * the renderer's own steps, not in milliseconds), and leave nothing half-made in the cache. The
 * cancel is pressed on a run event (the renderer has started, or reported progress), never after a
 * guessed delay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { GraphDocument } from '../../graph-engine';
import { starterGraph } from '../../src/templates/starter';
import { openAppSession } from './helpers';

let page: Page;
let close: () => Promise<void>;
beforeAll(async () => void ({ page, close } = await openAppSession('cancel')));
afterAll(async () => close?.());

/** Progress a renderer may still report once cancelled: the step it was on, and one in flight. */
const STEPS_AFTER_CANCEL = 2;

function graph(patch: (doc: GraphDocument) => void): string {
  const doc = starterGraph('cancel');
  patch(doc);
  return JSON.stringify(doc);
}
const params = (doc: GraphDocument, id: string) => doc.nodes.find((node) => node.id === id)!.params;

/** Runs `target`, cancels when `node` first shows `on`, and reports how far the node went on after it. */
async function cancelWhile(target: string, node: string, on: 'nodeStarted' | 'nodeProgressed') {
  return page.evaluate(
    async ({ target, node, on }) => {
      const app = window.reelgraph!;
      const countResults = () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('reelgraph');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('results').objectStore('results').count();
            request.onsuccess = () => {
              open.result.close();
              resolve(request.result);
            };
          };
        });
      const before = await countResults();
      let cancelled = false;
      let stepsAfter = 0;
      let reached = 0;
      const summary = await app.run([target], Infinity, (event) => {
        if (!('nodeId' in event) || event.nodeId !== node) return;
        if (event.type === 'nodeProgressed') {
          reached = Math.max(reached, event.fraction);
          if (cancelled) stepsAfter++;
        }
        if (event.type === on && !cancelled && (event.type !== 'nodeProgressed' || event.fraction < 1)) {
          cancelled = true;
          app.cancel();
        }
      });
      if (summary.status === 'declined') throw new Error('a free run was declined');
      return {
        status: summary.status,
        node: summary.runState[node]?.status,
        stepsAfter,
        finished: reached >= 1,
        cancelled,
        added: (await countResults()) - before,
      };
    },
    { target, node, on },
  );
}

describe('cancel', () => {
  it('stops the camera-move Worker mid-render', async () => {
    const loaded = await page.evaluate(
      (json) => window.reelgraph!.loadGraph(json),
      graph((doc) => {
        params(doc, 'pick').autoPick = true;
        Object.assign(params(doc, 'animate'), { duration: 10, resolution: '1080p', fps: 30 });
      }),
    );
    expect(loaded.ok).toBe(true);
    // Prompt, still, pick and camera finish and are cached; the clip is not.
    const result = await cancelWhile('animate', 'animate', 'nodeProgressed');
    expect(result).toMatchObject({ status: 'cancelled', node: 'cancelled', cancelled: true, added: 4 });
    expect(result.stepsAfter).toBeLessThanOrEqual(STEPS_AFTER_CANCEL);
    expect(result.finished).toBe(false);
  });

  it('stops audio rendering', async () => {
    await page.evaluate(
      (json) => window.reelgraph!.loadGraph(json),
      graph((doc) => Object.assign(params(doc, 'audio'), { length: 600, style: 'pad' })),
    );
    const result = await cancelWhile('audio', 'audio', 'nodeStarted');
    expect(result).toMatchObject({ status: 'cancelled', node: 'cancelled', cancelled: true, added: 0 });
    expect(result.stepsAfter).toBeLessThanOrEqual(STEPS_AFTER_CANCEL);
    expect(result.finished).toBe(false);
  });

  it('stops assembly mid-encode (WebCodecs), then assembles in full when run again', async () => {
    const json = graph((doc) => {
      params(doc, 'pick').autoPick = true;
      params(doc, 'assemble').resolution = '1080p';
    });
    await page.evaluate((text) => window.reelgraph!.loadGraph(text), json);
    // Everything but the assembly first, so only the assembly runs when it is cancelled.
    const upstream = await page.evaluate(() => window.reelgraph!.run(['animate', 'audio']));
    expect(upstream.status).toBe('done');
    const result = await cancelWhile('assemble', 'assemble', 'nodeProgressed');
    expect(result).toMatchObject({ status: 'cancelled', node: 'cancelled', cancelled: true, added: 0 });
    expect(result.stepsAfter).toBeLessThanOrEqual(STEPS_AFTER_CANCEL);
    expect(result.finished).toBe(false);
    const again = await page.evaluate(() => window.reelgraph!.run(['assemble']));
    expect([again.status, again.executed]).toEqual(['done', ['assemble']]);
  });
});
