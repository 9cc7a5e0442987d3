import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { graphDoc, node } from '../../graph-engine/test-kit';
import { AssetLibrary } from './asset-library';
import { ReelgraphDB } from './db';
import { DexieArtifactStore } from './artifact-store';
import { evictLeastRecentlyUsed } from './eviction';
import { TemplateLibrary } from './template-library';

let db: ReelgraphDB;
let library: TemplateLibrary;
beforeEach(() => {
  db = new ReelgraphDB('test', { indexedDB: new IDBFactory(), IDBKeyRange });
  library = new TemplateLibrary(db);
});

const shot = (zoom: number, x = 0) => ({ ...graphDoc([node('camera', 'camera', { zoom }, x)]), id: 'shot' });

describe('the template library', () => {
  it('keeps a graph as version 1, and each changed save as the next version', async () => {
    expect((await library.save(shot(2), { name: 'My look' })).version).toBe(1);
    const second = await library.save(shot(4), { name: 'My look', description: 'Closer' });
    expect(second).toMatchObject({ version: 2, description: 'Closer' });
    expect((await library.newest(second.id))?.doc.nodes[0].params).toEqual({ zoom: 4 });
    expect((await library.list()).map((row) => [row.name, row.version])).toEqual([['My look', 2]]);
  });

  it('makes no version of a save that changed nothing but where nodes stand', async () => {
    await library.save(shot(2), { name: 'My look' });
    expect((await library.save(shot(2, 300), { name: 'My look' })).version).toBe(1);
    // Under a new name it is a template of its own; both are kept.
    expect((await library.save(shot(2, 300), { name: 'My best look' })).version).toBe(1);
    expect((await library.list()).map((row) => row.name)).toEqual(['My best look', 'My look']);
  });

  it('lists each template once, by name, and removes every version of one', async () => {
    await library.save(shot(2), { name: 'Zoom' });
    await library.save(shot(3), { name: 'Zoom' });
    await library.save({ ...shot(1), id: 'other' }, { name: 'Abstract' });
    expect((await library.list()).map((row) => row.name)).toEqual(['Abstract', 'Zoom']);
    expect(await library.remove((await library.list())[1].id)).toBe(2);
    expect((await library.list()).map((row) => row.name)).toEqual(['Abstract']);
  });

  it('keeps its photo and thumbnail from eviction and from a Delete in the media library', async () => {
    const artifacts = new DexieArtifactStore(db);
    const photo = await artifacts.put(new Blob(['photo'], { type: 'image/png' }));
    const still = await artifacts.put(new Blob(['still'], { type: 'image/png' }));
    const doc = { ...graphDoc([node('s', 'still', { mode: 'upload', file: photo })]), id: 'mine' };
    await library.save(doc, { name: 'My photo', thumbnail: still });
    await evictLeastRecentlyUsed(db, Infinity);
    expect(await db.blobs.get(photo.$artifact)).toBeDefined();
    expect(await db.blobs.get(still.$artifact)).toBeDefined();
    expect((await new AssetLibrary(db).uses(photo.$artifact)).holding).toEqual(['the template “My photo”']);
  });
});
