/**
 * What runs in progress have read or written: eviction never takes it. A node writes its media
 * before the result that references it, so without this a quota hit in the same run would see
 * the new media as unreferenced and delete it first.
 */
export class InUse {
  private open = 0;
  readonly hashes = new Set<string>();
  readonly keys = new Set<string>();

  /** Starts a run's lease; the returned function ends it. What was noted is let go when none is open. */
  begin(): () => void {
    this.open++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.open > 0) return;
      this.hashes.clear();
      this.keys.clear();
    };
  }

  noteArtifact(hash: string): void {
    if (this.open > 0) this.hashes.add(hash);
  }

  noteResult(key: string, artifacts: readonly string[]): void {
    if (this.open === 0) return;
    this.keys.add(key);
    for (const hash of artifacts) this.hashes.add(hash);
  }
}
