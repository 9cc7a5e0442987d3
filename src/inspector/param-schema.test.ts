import { describe, expect, it } from 'vitest';
import { assembleNode } from '../../nodes/assemble';
import { labelFor, paramSchemas } from './param-schema';

describe('what the inspector calls a setting', () => {
  it('is its name in words, or the title its kind gives it, as the node shows it', () => {
    expect(labelFor('soundtrackFadeOut')).toBe('Soundtrack fade out');
    const title = paramSchemas(assembleNode).titles.items!;
    expect(labelFor('start', title.properties!.start)).toBe('In (s)');
    expect(labelFor('color', title.properties!.color)).toBe('Colour');
    expect(labelFor('text', title.properties!.text)).toBe('Text');
  });
});
