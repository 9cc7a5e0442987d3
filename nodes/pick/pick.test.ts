import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, MemoryResultStore, runGraph, WaitingForInput } from '../../graph-engine';
import { graphDoc, node, edge } from '../../graph-engine/test-kit';
import { nodeRegistry } from '..';
import { pickNode } from '.';
import type { NodeProviders } from '../providers';
import { resolveChoice } from './schema';

const ref = (hash: string) => ({ $artifact: hash.repeat(64), mime: 'image/png', size: 1 });

describe('pick', () => {
  it('resolves a stored choice only while it still names the same candidate', () => {
    const candidates = [ref('a'), ref('b')];
    expect(resolveChoice({ choice: { index: 1, artifact: 'b'.repeat(64) }, autoPick: false }, candidates)).toBe(1);
    expect(
      resolveChoice({ choice: { index: 1, artifact: 'c'.repeat(64) }, autoPick: false }, candidates),
    ).toBeUndefined();
    expect(resolveChoice({ choice: { index: 5 }, autoPick: false }, candidates)).toBeUndefined();
    expect(resolveChoice({ autoPick: true }, candidates)).toBe(0);
  });

  it('waits for a person when nothing valid is chosen', async () => {
    const run = pickNode.run({ params: { autoPick: false }, inputs: { candidates: [ref('a')] } } as never);
    await expect(run).rejects.toBeInstanceOf(WaitingForInput);
  });

  it('in a graph: waits, then resumes from the cache when the person picks', async () => {
    let drafts = 0;
    // Only the draft renderer is reached by this graph.
    const providers = {
      images: {
        renderDraft: async (request: { prompt: string; seed: number }) => (
          drafts++,
          new Blob([`${request.prompt}/${request.seed}`], { type: 'image/png' })
        ),
      },
    } as unknown as NodeProviders;
    const results = new MemoryResultStore();
    const artifacts = new MemoryArtifactStore();
    const doc = (params: Record<string, unknown>) =>
      graphDoc(
        [
          node('p', 'prompt', { text: 'a {x}', variables: { x: 'fox' } }),
          node('s', 'still', { count: 3 }),
          node('k', 'pick', params),
        ],
        [edge('p.text', 's.prompt'), edge('s.images', 'k.candidates')],
      );
    const run = (params: Record<string, unknown>) =>
      runGraph({ doc: doc(params), registry: nodeRegistry, results, artifacts, providers });

    expect((await run({})).status).toBe('waiting');
    expect(drafts).toBe(3);
    const stillOutputs = [...results.entries.values()].find((result) => result.kind === 'still')!.outputs.images as {
      $artifact: string;
    }[];
    const picked = await run({ choice: { index: 2, artifact: stillOutputs[2].$artifact } });
    expect(picked.status).toBe('done');
    expect(picked.executed).toEqual(['k']);
    expect(drafts).toBe(3);
    expect(
      await (await artifacts.get((picked.outputs.get('k')!.chosen as { $artifact: string }).$artifact))!.text(),
    ).toBe('a fox/3');
  });
});
