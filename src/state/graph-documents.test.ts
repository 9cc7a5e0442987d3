import { describe, expect, it } from 'vitest';
import { distinctName } from './graph-documents';

describe('a graph opened as new gets a name no other graph has', () => {
  it('keeps a free name, and numbers one taken', () => {
    expect(distinctName('Trailer', ['Other'])).toBe('Trailer');
    expect(distinctName('Trailer', ['Trailer'])).toBe('Trailer (2)');
    expect(distinctName('Trailer', ['Trailer', 'Trailer (2)'])).toBe('Trailer (3)');
    expect(distinctName('Trailer (2)', ['Trailer', 'Trailer (2)'])).toBe('Trailer (3)');
  });

  it('stays within 200 characters however long the name', () => {
    const long = 'x'.repeat(200);
    const named = distinctName(long, [long, `${'x'.repeat(190)} (2)`]);
    expect(named).toBe(`${'x'.repeat(190)} (3)`);
    expect(named.length).toBeLessThanOrEqual(200);
  });
});
