import { describe, expect, it } from 'vitest';
import { kindForFile, newNode, nodeDefs, nodeRegistry } from '.';
import { nodeViews } from './views';

describe('the node kinds', () => {
  it('each has a view, a description and a default title, from its one folder', () => {
    expect(Object.keys(nodeViews).sort()).toEqual(nodeDefs.map((def) => def.kind).sort());
    for (const def of nodeDefs) expect([def.title.length > 0, def.description.length > 0]).toEqual([true, true]);
  });

  it('makes new nodes at the kind’s current version from the registry', () => {
    const made = newNode('animate', { position: { x: 1, y: 2 } });
    expect(made).toMatchObject({
      kind: 'animate',
      kindVersion: nodeRegistry.get('animate')!.version,
      position: { x: 1, y: 2 },
      params: {},
    });
    expect(made.id).toMatch(/^animate-/);
    // @ts-expect-error: a kind that does not exist is a type error, not a runtime surprise
    expect(() => newNode('hologram', { position: { x: 0, y: 0 } })).toThrow();
  });

  it('finds the kind that takes a file from what each kind declares', () => {
    expect(kindForFile('image/png')?.kind).toBe('still');
    expect(kindForFile('image/webp')?.kind).toBe('still');
    expect(kindForFile('audio/mpeg')?.kind).toBe('audio');
    // Every image is taken in, to be judged (and converted or refused with the reason) as it arrives.
    expect(kindForFile('image/gif')?.kind).toBe('still');
    expect(kindForFile('image/heic')?.kind).toBe('still');
    expect(kindForFile('', 'IMG_0042.HEIC')?.kind).toBe('still');
    expect(kindForFile('', 'take.flac')?.kind).toBe('audio');
    expect(kindForFile('video/mp4')?.kind).toBe('clip');
    expect(kindForFile('video/quicktime')?.kind).toBe('clip');
    expect(kindForFile('', 'shot 3.MOV')?.kind).toBe('clip');
    // Chromium types a dropped .mkv as video/matroska: the same type by another name.
    expect(kindForFile('video/matroska', 'take.mkv')?.kind).toBe('clip');
    expect(kindForFile('audio/x-wav')?.kind).toBe('audio');
    expect(kindForFile('video/x-msvideo')).toBeUndefined();
    expect(kindForFile('', 'notes')).toBeUndefined();
    expect(kindForFile('text/plain')).toBeUndefined();
    const ref = { $artifact: 'a'.repeat(64), mime: 'audio/wav', size: 1 };
    expect(kindForFile('audio/wav')!.files!.toParams(ref)).toEqual({ mode: 'file', file: ref });
  });
});
