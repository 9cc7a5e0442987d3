import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, MemoryResultStore, runGraph, type GraphDocument } from '../../graph-engine';
import { edge, graphDoc, node, testRegistry } from '../../graph-engine/test-kit';
import { modelsOf, RunLog } from './run-record';

/** Runs a document with the engine's test kinds, logging its events against a clock that moves 5 ms a reading. */
async function logged(doc: GraphDocument, results = new MemoryResultStore()) {
  let clock = 0;
  const log = new RunLog(() => (clock += 5));
  const summary = await runGraph({
    doc,
    registry: testRegistry,
    results,
    artifacts: new MemoryArtifactStore(),
    providers: undefined,
    onEvent: (event) => log.push(event),
  });
  return log.record(doc, summary, 1_000);
}

const chain = (fail: boolean) =>
  graphDoc(
    [
      node('a', 'text', { value: 'fox', models: ['kling-v3-std', 'veo-3.1-fast'] }),
      node('b', 'upper', { fail }),
      node('c', 'upper'),
    ],
    [edge('a.text', 'b.text'), edge('b.text', 'c.text')],
  );

describe('the record of a run', () => {
  it('keeps how each node ended, what it cost and which models it asked', async () => {
    const record = await logged(chain(true));
    expect(record).toMatchObject({ graphId: chain(true).id, startedAt: 1_000, status: 'failed', executed: 1 });
    expect(record.models).toEqual(['kling-v3-std', 'veo-3.1-fast']);
    expect(record.nodes).toEqual([
      expect.objectContaining({
        id: 'a',
        kind: 'text',
        outcome: 'executed',
        cost: 0,
        models: ['kling-v3-std', 'veo-3.1-fast'],
      }),
      // A failed node has no duration in the events: the log's own clock measured it.
      { id: 'b', kind: 'upper', outcome: 'failed', message: 'asked to fail', durationMs: 5 },
      { id: 'c', kind: 'upper', outcome: 'blocked', message: 'b failed' },
    ]);
    expect(record.nodes![0].key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says what came from the cache on a second run', async () => {
    const results = new MemoryResultStore();
    await logged(chain(false), results);
    const again = await logged(chain(false), results);
    expect(again).toMatchObject({ status: 'done', executed: 0, reused: 3 });
    expect(again.nodes!.map((entry) => entry.outcome)).toEqual(['cached', 'cached', 'cached']);
  });
});

describe('the models a node asks', () => {
  it('reads a list of models or a single one, and nothing else', () => {
    expect(modelsOf({ models: ['a', 3, 'b'] })).toEqual(['a', 'b']);
    expect(modelsOf({ model: 'x' })).toEqual(['x']);
    expect(modelsOf({ model: 4, text: 'y' })).toEqual([]);
  });
});
