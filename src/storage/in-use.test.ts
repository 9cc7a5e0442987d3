import { describe, expect, it } from 'vitest';
import { InUse } from './in-use';

describe('what runs in progress use', () => {
  it('keeps what a lease noted until it ends, and notes nothing with no lease open', () => {
    const inUse = new InUse();
    inUse.noteArtifact('before');
    const end = inUse.begin();
    inUse.noteArtifact('a');
    inUse.noteResult('k', ['b']);
    expect([[...inUse.hashes].sort(), [...inUse.keys]]).toEqual([['a', 'b'], ['k']]);
    end();
    end();
    expect([inUse.hashes.size, inUse.keys.size]).toEqual([0, 0]);
  });

  it('lets go of what only an ended lease kept, though other leases overlap it without a gap', () => {
    const inUse = new InUse();
    const long = inUse.begin();
    const first = inUse.begin();
    inUse.noteArtifact('shared');
    long();
    const second = inUse.begin();
    first();
    inUse.noteArtifact('later');
    // "shared" was kept by the leases open when it was noted; both have ended.
    expect([...inUse.hashes]).toEqual(['later']);
    second();
    expect(inUse.hashes.size).toBe(0);
  });
});
