import { describe, expect, it } from 'vitest';
import { fillVariables, zPromptParams } from './schema';

describe('prompt', () => {
  it('fills {variables} and leaves unknown ones visible', () => {
    expect(fillVariables('a {animal} at {time}, {missing}', { animal: 'fox', time: 'dusk' })).toBe(
      'a fox at dusk, {missing}',
    );
  });

  it('does not treat inherited names as variables', () => {
    expect(fillVariables('{constructor}', {})).toBe('{constructor}');
  });

  it('rejects variable names that could not appear in {braces}', () => {
    expect(zPromptParams.safeParse({ text: '', variables: { 'two words': 'x' } }).success).toBe(false);
  });
});
