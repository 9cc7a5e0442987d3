import { describe, expect, it } from 'vitest';
import type { GraphDocument, NodeDoc, TakeSettings } from './document/schema';
import { estimateCost } from './estimate';
import { MemoryArtifactStore, MemoryResultStore } from './memory-stores';
import type { RunEvent } from './run-events';
import { prepareRun, runGraph } from './run-graph';
import { reduceRunState, type RunState } from './run-state';
import { reduceTakes } from './take-record';
import { edge, graphDoc, node, testRegistry, type ShotProviders } from './test-kit';

/** Runs documents against one cache, as a person re-running an edited graph would. */
function setup() {
  const results = new MemoryResultStore();
  const artifacts = new MemoryArtifactStore();
  const run = (doc: GraphDocument, providers: ShotProviders = {}, limits: Record<string, number> = {}) => {
    const ran: string[] = [];
    const events: RunEvent[] = [];
    return runGraph({
      doc,
      registry: testRegistry,
      results,
      artifacts,
      providers: { ran, ...providers },
      limits,
      onEvent: (event) => events.push(event),
    }).then((summary) => ({ summary, ran, events, state: events.reduce<RunState>(reduceRunState, {}) }));
  };
  return { results, run };
}

/** stills → shot (models), with optional take settings on the shot. */
function shots(stills: string[], models: string[], takes?: TakeSettings, extra: Partial<NodeDoc> = {}) {
  return graphDoc(
    [node('l', 'list', { items: stills }), { ...node('a', 'shot', { models }), ...(takes ? { takes } : {}), ...extra }],
    [edge('l.images', 'a.image')],
  );
}

describe('takes: a node maps over a list arriving at a single input', () => {
  it('runs once per element, outputs in element order, the fanned-out models innermost', async () => {
    const { run } = setup();
    const { summary, ran } = await run(shots(['s1', 's2'], ['kling', 'veo', 'local']));
    expect(summary.status).toBe('done');
    expect(ran.sort()).toEqual(['kling(s1)', 'veo(s1)', 'local(s1)', 'kling(s2)', 'veo(s2)', 'local(s2)'].sort());
    expect(summary.outputs.get('a')).toEqual({
      video: ['kling(s1)#0', 'veo(s1)#0', 'local(s1)#0', 'kling(s2)#0', 'veo(s2)#0', 'local(s2)#0'],
    });
    // The list's one execution, and six takes.
    expect(summary.executedTakes).toBe(7);
    expect(summary.takes.get('a')!.map((take) => [take.at, take.fan])).toEqual([
      [{ image: 0 }, 'kling'],
      [{ image: 0 }, 'veo'],
      [{ image: 0 }, 'local'],
      [{ image: 1 }, 'kling'],
      [{ image: 1 }, 'veo'],
      [{ image: 1 }, 'local'],
    ]);
  });

  it('a re-run executes nothing; a changed still re-runs only its own takes', async () => {
    const { run } = setup();
    await run(shots(['s1', 's2'], ['kling', 'veo']));
    const again = await run(shots(['s1', 's2'], ['kling', 'veo']));
    expect(again.summary.executed).toEqual([]);
    expect(again.ran).toEqual([]);

    const changed = await run(shots(['s1', 's3'], ['kling', 'veo']));
    expect(changed.ran.sort()).toEqual(['kling(s3)', 'veo(s3)']);
    expect(changed.summary.executedTakes).toBe(3);
    expect(changed.summary.reusedTakes).toBe(2);
    expect(changed.summary.outputs.get('a')).toEqual({
      video: ['kling(s1)#0', 'veo(s1)#0', 'kling(s3)#0', 'veo(s3)#0'],
    });
  });

  it('adding a model runs only that model', async () => {
    const { run } = setup();
    const alone = await run(shots(['s1'], ['kling']));
    expect(alone.summary.outputs.get('a')).toEqual({ video: ['kling(s1)#0'] });
    const more = await run(shots(['s1'], ['kling', 'veo']));
    expect(more.ran).toEqual(['veo(s1)']);
  });

  it('pairs lists of one length element by element, otherwise takes every combination', async () => {
    const { run } = setup();
    const twoInputs = (starts: string[], ends: string[], takes?: TakeSettings) =>
      graphDoc(
        [
          node('l', 'list', { items: starts }),
          node('e', 'list', { items: ends }),
          { ...node('a', 'shot'), ...(takes ? { takes } : {}) },
        ],
        [edge('l.images', 'a.image'), edge('e.images', 'a.end')],
      );
    expect((await run(twoInputs(['a', 'b'], ['x', 'y']))).summary.outputs.get('a')).toEqual({
      video: ['m(a→x)#0', 'm(b→y)#0'],
    });
    expect((await run(twoInputs(['a', 'b'], ['x', 'y'], { combine: 'product' }))).summary.outputs.get('a')).toEqual({
      video: ['m(a→x)#0', 'm(a→y)#0', 'm(b→x)#0', 'm(b→y)#0'],
    });
    expect((await run(twoInputs(['a', 'b'], ['x', 'y', 'z']))).summary.outputs.get('a')!.video).toHaveLength(6);
    const mismatch = await run(twoInputs(['a', 'b'], ['x', 'y', 'z'], { combine: 'pairwise' }));
    expect(mismatch.summary.status).toBe('failed');
    expect(mismatch.state.a).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('"image" has 2 and "end" has 3') as string,
    });
  });

  it('a failed take leaves the others made and cached; running again retries only it', async () => {
    const { run } = setup();
    const doc = shots(['s1', 's2'], ['kling', 'veo', 'local']);
    const first = await run(doc, { refuse: new Set(['veo(s2)']) });
    expect(first.summary.status).toBe('failed');
    expect(first.state.a).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(
        /^5 of 6 takes made, 1 failed \(take 5 \(still 2, veo\): veo\(s2\) was refused\)/,
      ) as string,
      takes: { total: 6, made: 5, failed: 1 },
    });
    expect(first.summary.partial.get('a')!.video).toHaveLength(5);
    expect(first.summary.takes.get('a')!.map((take) => take.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'failed',
      'done',
    ]);

    const retry = await run(doc);
    expect(retry.ran).toEqual(['veo(s2)']);
    expect(retry.summary.status).toBe('done');
    expect(retry.summary.outputs.get('a')!.video).toHaveLength(6);
    expect((await run(doc)).ran).toEqual([]);
  });

  it('re-rolling one take runs exactly that take again, with its re-roll count', async () => {
    const { run } = setup();
    const first = await run(shots(['s1', 's2'], ['kling', 'veo']));
    const target = first.summary.takes.get('a')![2];
    const rerolled = await run(shots(['s1', 's2'], ['kling', 'veo'], { rerolls: { [target.id]: 1 } }));
    expect(rerolled.ran).toEqual(['kling(s2)']);
    expect(rerolled.summary.outputs.get('a')!.video).toEqual(['kling(s1)#0', 'veo(s1)#0', 'kling(s2)#1', 'veo(s2)#0']);
    expect(rerolled.summary.takes.get('a')![2]).toMatchObject({ id: target.id, reroll: 1 });
  });

  it('a dropped take is neither run nor passed on, so the node can finish without it', async () => {
    const { run } = setup();
    const doc = shots(['s1', 's2'], ['kling']);
    const failed = await run(doc, { refuse: new Set(['kling(s2)']) });
    const bad = failed.summary.takes.get('a')![1];
    const dropped = await run(shots(['s1', 's2'], ['kling'], { dropped: [bad.id] }), {
      refuse: new Set(['kling(s2)']),
    });
    expect(dropped.summary.status).toBe('done');
    expect(dropped.ran).toEqual([]);
    expect(dropped.summary.outputs.get('a')).toEqual({ video: ['kling(s1)#0'] });
  });

  it('maps again below a map: a changed still re-runs only its takes all the way down', async () => {
    const { run } = setup();
    const chain = (stills: string[]) =>
      graphDoc(
        [node('l', 'list', { items: stills }), node('a', 'shot', { models: ['kling', 'veo'] }), node('g', 'grade')],
        [edge('l.images', 'a.image'), edge('a.video', 'g.video')],
      );
    const first = await run(chain(['s1', 's2']));
    expect(first.summary.outputs.get('g')!.video).toEqual([
      'graded kling(s1)#0',
      'graded veo(s1)#0',
      'graded kling(s2)#0',
      'graded veo(s2)#0',
    ]);
    const changed = await run(chain(['s1', 's3']));
    expect(changed.ran.sort()).toEqual(['grade(kling(s3)#0)', 'grade(veo(s3)#0)', 'kling(s3)', 'veo(s3)']);
  });

  it('reports each take as it runs and ends, so a board fills in while the node is still running', async () => {
    const { run } = setup();
    const { events } = await run(shots(['s1', 's2'], ['kling']));
    const takes = events.reduce(reduceTakes, {});
    expect(takes.a.map((take) => [take.status, take.outputs?.video])).toEqual([
      ['done', 'kling(s1)#0'],
      ['done', 'kling(s2)#0'],
    ]);
    expect(events.filter((event) => event.type === 'takeProgressed').map((event) => event.take.status)).toEqual([
      'running',
      'running',
    ]);
  });

  it('makes takes that are one take (the same still kept twice) once', async () => {
    const { run } = setup();
    const { summary, ran } = await run(shots(['s1', 's1'], ['kling']));
    expect(ran).toEqual(['kling(s1)']);
    expect(summary.outputs.get('a')).toEqual({ video: ['kling(s1)#0', 'kling(s1)#0'] });
  });

  it('keeps a re-roll and a drop through an edit to the node’s params', async () => {
    const { run } = setup();
    const first = await run(shots(['s1', 's2'], ['kling']));
    const [one, two] = first.summary.takes.get('a')!;
    const edited = (price: number) =>
      graphDoc(
        [
          node('l', 'list', { items: ['s1', 's2'] }),
          {
            ...node('a', 'shot', { models: ['kling'], price }),
            takes: { dropped: [two.id], rerolls: { [one.id]: 1 } },
          },
        ],
        [edge('l.images', 'a.image')],
      );
    const after = await run(edited(0.5));
    expect(after.ran).toEqual(['kling(s1)']);
    expect(after.summary.outputs.get('a')).toEqual({ video: ['kling(s1)#1'] });
  });

  it('each take holds its own slot in its pool', async () => {
    const { run } = setup();
    const inFlight = { now: 0, most: 0 };
    const doc = graphDoc(
      [node('l', 'list', { items: ['s1', 's2', 's3'] }), node('a', 'shot', { models: ['x', 'y'], resource: 'p' })],
      [edge('l.images', 'a.image')],
    );
    await run(doc, { inFlight, delayMs: 1 }, { p: 2 });
    expect(inFlight.most).toBe(2);
  });

  it('prices every take that will run, before anything runs, and nothing cached', async () => {
    const { run, results } = setup();
    const priced = (stills: string[]) =>
      graphDoc(
        [node('l', 'list', { items: stills }), node('a', 'shot', { models: ['kling', 'veo'], price: 0.5 })],
        [edge('l.images', 'a.image')],
      );
    const estimate = async (doc: GraphDocument) =>
      estimateCost(await prepareRun({ doc, registry: testRegistry, results }), testRegistry, {});
    expect((await estimate(priced(['s1', 's2']))).total).toBe(2);
    const first = await run(priced(['s1', 's2']));
    expect(first.summary.cost).toBe(2);
    expect((await estimate(priced(['s1', 's2']))).total).toBe(0);
    // One new still: its two takes, not the two already made.
    expect(await estimate(priced(['s1', 's3']))).toEqual({ total: 1, nodes: [{ nodeId: 'a', cost: 1, takes: 2 }] });
  });

  it('knows the takes a run would find made, to show them before it runs', async () => {
    const { run, results } = setup();
    const doc = shots(['s1', 's2'], ['kling', 'veo']);
    await run(doc, { refuse: new Set(['veo(s2)']) });
    const prepared = await prepareRun({ doc, registry: testRegistry, results });
    expect(prepared.takes.get('a')!.map((take) => take.status)).toEqual(['cached', 'cached', 'cached', 'pending']);
    expect(prepared.partial.get('a')).toEqual({ video: ['kling(s1)#0', 'veo(s1)#0', 'kling(s2)#0'] });
  });
});
