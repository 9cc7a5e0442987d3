import { describe, expect, it } from 'vitest';
import { inspectorShows } from './inspector-fields';

describe('inspectorShows', () => {
  it('leaves to the node what its view chooses better than a raw field', () => {
    expect(inspectorShows('pick', {}, 'picks')).toBe(false);
    expect(inspectorShows('pick', {}, 'keep')).toBe(true);
    expect(inspectorShows('animate', {}, 'models')).toBe(false);
    expect(inspectorShows('assemble', {}, 'order')).toBe(false);
  });

  it('hides what the current mode does not use', () => {
    expect(inspectorShows('still', { mode: 'upload' }, 'seed')).toBe(false);
    expect(inspectorShows('still', { mode: 'upload' }, 'file')).toBe(true);
    // A Still with no mode written is a local draft: it has a seed and no file.
    expect(inspectorShows('still', {}, 'seed')).toBe(true);
    expect(inspectorShows('still', {}, 'file')).toBe(false);
    expect(inspectorShows('audio', { mode: 'file' }, 'tempo')).toBe(false);
    expect(inspectorShows('audio', { mode: 'file' }, 'trimIn')).toBe(true);
    expect(inspectorShows('audio', {}, 'file')).toBe(false);
    // A kind from a newer app shows everything it has.
    expect(inspectorShows('color-grade', {}, 'lut')).toBe(true);
  });
});
