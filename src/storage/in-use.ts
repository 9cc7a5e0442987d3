/**
 * What runs in progress have read or written: eviction never takes it. A node writes its media
 * before the result that references it, so without this a quota hit in the same run would see
 * the new media as unreferenced and delete it first.
 *
 * Each run's lease keeps what was noted while it was open, and lets it go when it ends: runs that
 * overlap one another without a gap (a long cloud poll beside local renders) never pile up more
 * than their own leases hold.
 */
export class InUse {
  private readonly leases = new Set<{ hashes: Set<string>; keys: Set<string> }>();

  /** Starts a run's lease; the returned function ends it, letting go of what only it kept. */
  begin(): () => void {
    const lease = { hashes: new Set<string>(), keys: new Set<string>() };
    this.leases.add(lease);
    return () => void this.leases.delete(lease);
  }

  /** Every piece of media an open lease keeps. */
  get hashes(): ReadonlySet<string> {
    return new Set([...this.leases].flatMap((lease) => [...lease.hashes]));
  }

  /** Every cached result an open lease keeps. */
  get keys(): ReadonlySet<string> {
    return new Set([...this.leases].flatMap((lease) => [...lease.keys]));
  }

  noteArtifact(hash: string): void {
    for (const lease of this.leases) lease.hashes.add(hash);
  }

  noteResult(key: string, artifacts: readonly string[]): void {
    for (const lease of this.leases) {
      lease.keys.add(key);
      for (const hash of artifacts) lease.hashes.add(hash);
    }
  }
}
