import { describe, expect, it } from 'vitest';
import type { TakeRecord } from '../../graph-engine';
import { boardOf } from './compare-items';

const ref = (name: string) => ({ $artifact: name.repeat(64).slice(0, 64), mime: 'video/mp4', size: 1 });
const take = (index: number, still: number, model: string, status: TakeRecord['status'] = 'done'): TakeRecord => ({
  id: `t${index}`,
  key: `k${index}`,
  index,
  at: { still },
  fan: model,
  reroll: 0,
  status,
  ...(status === 'done' ? { outputs: { clip: ref(String(index)), clips: [ref(String(index))] } } : {}),
});

describe('the take board layout', () => {
  it('puts takes in rows by still and columns by model, failed and dropped ones in their place', () => {
    const board = boardOf(undefined, [
      take(0, 0, 'kling'),
      take(1, 0, 'local'),
      take(2, 1, 'kling', 'failed'),
      take(3, 1, 'local', 'dropped'),
    ]);
    expect(board?.rows).toEqual(['still 1', 'still 2']);
    expect(board?.columns).toEqual(['kling', 'local']);
    expect(board?.tiles.map((tile) => [tile.row, tile.column, tile.item?.$artifact[0], tile.take?.status])).toEqual([
      [0, 0, '0', 'done'],
      [0, 1, '1', 'done'],
      [1, 0, undefined, 'failed'],
      [1, 1, undefined, 'dropped'],
    ]);
  });

  it('lays a Still’s candidates out as one grid, at most three across', () => {
    const board = boardOf({ images: [ref('a'), ref('b'), ref('c'), ref('d')] }, undefined);
    expect(board?.rows).toEqual([]);
    expect(board?.tiles.map((tile) => [tile.row, tile.column])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });
});
