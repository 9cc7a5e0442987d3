import { describe, expect, it } from 'vitest';
import type { EdgeDoc } from './document/schema';
import { gatherInputs } from './gather-inputs';
import type { ValueType } from './ports';

const edge = (from: string, port: string): EdgeDoc => ({
  id: `${from}-${port}`,
  from: { node: from, port: 'out' },
  to: { node: 'n', port },
});

describe('gatherInputs', () => {
  const specs = {
    candidates: { accepts: ['images' as const] },
    clips: { accepts: ['video' as const], multiple: true },
    text: { accepts: ['text' as const] },
  };
  const values: Record<string, unknown> = { one: 'img', many: ['c1', 'c2'], clip: 'c0', words: 'hi' };
  const types: Record<string, ValueType> = { one: 'image', many: 'videos', clip: 'video', words: 'text' };
  const gather = (incoming: EdgeDoc[]) =>
    gatherInputs(
      specs,
      incoming,
      (e) => values[e.from.node],
      (e) => types[e.from.node],
    );

  it('promotes a single item to a list of one where a list is wanted', () => {
    expect(gather([edge('one', 'candidates')])).toEqual({ candidates: ['img'] });
  });

  it('spreads a list into a multiple input of its items, in edge order', () => {
    expect(gather([edge('clip', 'clips'), edge('many', 'clips')])).toEqual({ clips: ['c0', 'c1', 'c2'] });
  });

  it('passes a plain value as it is, and a missing one as undefined without wrapping it', () => {
    expect(gather([edge('words', 'text')])).toEqual({ text: 'hi' });
    expect(
      gatherInputs(
        specs,
        [edge('absent', 'candidates')],
        () => undefined,
        () => 'image',
      ),
    ).toEqual({ candidates: undefined });
  });
});
