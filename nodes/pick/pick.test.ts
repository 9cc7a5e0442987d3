import { describe, expect, it } from 'vitest';
import { MemoryArtifactStore, MemoryResultStore, runGraph, WaitingForInput } from '../../graph-engine';
import { graphDoc, node, edge } from '../../graph-engine/test-kit';
import { nodeRegistry } from '..';
import { pickNode } from '.';
import type { NodeProviders } from '../providers';
import { PICK_MIGRATIONS, resolveKept, togglePick, zPickParams } from './schema';
import { runMigrations } from '../../graph-engine';

const ref = (hash: string) => ({ $artifact: hash.repeat(64), mime: 'image/png', size: 1 });

describe('pick', () => {
  const params = (given: Record<string, unknown>) => zPickParams.parse(given);

  it('resolves stored picks only while they still name the same candidates', () => {
    const candidates = [ref('a'), ref('b')];
    expect(resolveKept(params({ picks: [{ index: 1, artifact: 'b'.repeat(64) }] }), candidates)).toEqual([1]);
    expect(resolveKept(params({ picks: [{ index: 1, artifact: 'c'.repeat(64) }] }), candidates)).toBeUndefined();
    expect(resolveKept(params({ picks: [{ index: 5 }] }), candidates)).toBeUndefined();
    // A picked candidate that moved is found by its content.
    expect(resolveKept(params({ picks: [{ index: 0, artifact: 'b'.repeat(64) }] }), candidates)).toEqual([1]);
    expect(resolveKept(params({ autoPick: true }), candidates)).toEqual([0]);
  });

  it('keeps several: waits for as many picks as it keeps, or auto-picks the best-rated', () => {
    const candidates = [ref('a'), ref('b'), ref('c'), ref('d')];
    const picks = [{ index: 2, artifact: 'c'.repeat(64) }];
    expect(resolveKept(params({ keep: 2, picks }), candidates)).toBeUndefined();
    expect(resolveKept(params({ keep: 2, picks: [...picks, { index: 0 }] }), candidates)).toEqual([2, 0]);
    expect(resolveKept(params({ keep: 'any', picks }), candidates)).toEqual([2]);
    expect(
      resolveKept(
        params({ keep: 3, picks, autoPick: true, ratings: { ['d'.repeat(64)]: 5, ['b'.repeat(64)]: 2 } }),
        candidates,
      ),
    ).toEqual([2, 3, 1]);
    // Never more than arrived.
    expect(resolveKept(params({ keep: 9, autoPick: true }), candidates)).toEqual([0, 1, 2, 3]);
  });

  it('a click replaces the pick when keeping one, and toggles one of several (the oldest making room)', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const c = 'c'.repeat(64);
    expect(togglePick(params({ picks: [{ index: 0, artifact: a }] }), 1, b, 1)).toEqual([{ index: 1, artifact: b }]);
    const two = params({
      keep: 2,
      picks: [
        { index: 0, artifact: a },
        { index: 1, artifact: b },
      ],
    });
    expect(togglePick(two, 1, b, 2)).toEqual([{ index: 0, artifact: a }]);
    expect(togglePick(two, 2, c, 2)).toEqual([
      { index: 1, artifact: b },
      { index: 2, artifact: c },
    ]);
    // A pick that names no candidate any more is let go before a standing one.
    const stale = params({
      keep: 2,
      picks: [
        { index: 1, artifact: b },
        { index: 0, artifact: 'f'.repeat(64) },
      ],
    });
    expect(togglePick(stale, 2, c, 2, [ref('a'), ref('b'), ref('c')])).toEqual([
      { index: 1, artifact: b },
      { index: 2, artifact: c },
    ]);
  });

  it('upgrades a saved single choice to a list of picks', () => {
    const result = runMigrations(
      { choice: { index: 1, artifact: 'b'.repeat(64) }, autoPick: false },
      1,
      2,
      PICK_MIGRATIONS,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { picks: [{ index: 1, artifact: 'b'.repeat(64) }], autoPick: false },
    });
    expect(result.ok && 'choice' in result.value).toBe(false);
  });

  it('waits for a person when nothing valid is chosen', async () => {
    const run = pickNode.run({ params: params({}), inputs: { candidates: [ref('a')] } } as never);
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
    const picked = await run({ picks: [{ index: 2, artifact: stillOutputs[2].$artifact }] });
    expect(picked.status).toBe('done');
    expect(picked.executed).toEqual(['k']);
    expect(drafts).toBe(3);
    expect(
      await (await artifacts.get((picked.outputs.get('k')!.chosen as { $artifact: string }).$artifact))!.text(),
    ).toBe('a fox/3');
  });
});
