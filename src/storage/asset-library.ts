import { collectArtifactHashes, collectArtifactRefs, type ArtifactRef } from '../../graph-engine';
import { zPickParams } from '../../nodes/pick/schema';
import type { ReelgraphDB } from './db';
import type { Protected } from './eviction';
import type { RunRecord, SnapshotRow } from './run-history';

/** One piece of media the cache holds, with where it came from. */
export interface Asset {
  ref: ArtifactRef;
  /**
   * The newest run that made or found it, and the node of that run; none for a result no kept run
   * refers to (made before the history was kept, or by runs it has since let go).
   */
  run?: RunRecord;
  nodeId?: string;
  /** The kind of node that made it. */
  kind: string;
  /** The cached result holding it: pinning pins that. */
  resultKey: string;
  pinned: boolean;
  /** The most stars it was given on a take board (a Pick's ratings), in any saved graph. */
  stars?: number;
}

/** Which graphs a piece of media matters to, said before it is deleted. */
export interface AssetUses {
  /** Saved graphs that hold it as their own (a photo, sound or video given to a node): it is kept for them. */
  holding: string[];
  /** Graphs whose runs made it: running them again makes it again. */
  madeBy: string[];
  /** A clip a provider was paid for: its bytes stay with its job, so making it again costs nothing. */
  paid: boolean;
  /** US dollars: what the result holding it cost to make (0 for local work). */
  cost: number;
  /** Pinned results are never deleted: unpin first. */
  pinned: boolean;
}

/**
 * Every piece of media the cache holds, under the newest run that made it, newest first, then what
 * no kept run made (newest first): read only, so looking through it marks nothing as used.
 */
export class AssetLibrary {
  constructor(private readonly db: ReelgraphDB) {}

  async list(): Promise<Asset[]> {
    const runs = await this.db.runs.orderBy('startedAt').reverse().toArray();
    const wanted = runs.flatMap((run) =>
      (run.nodes ?? []).flatMap((entry) => (entry.key ? [{ run, entry, key: entry.key }] : [])),
    );
    const keys = [...new Set(wanted.map((item) => item.key))];
    const results = new Map(
      (await this.db.results.bulkGet(keys)).flatMap((result) => (result ? [[result.key, result]] : [])),
    );
    // Each piece of media goes under the newest run that made or found it, but not under a node that
    // was given it (a Clip holding a past take passes it on): that run did not make it.
    const found = new Map<string, Asset[]>();
    for (const { run, entry, key } of wanted) {
      const result = results.get(key);
      if (!result) continue;
      for (const [hash, ref] of collectArtifactRefs(result.outputs)) {
        const asset = { ref, run, nodeId: entry.id, kind: entry.kind, resultKey: key, pinned: result.pinned === true };
        found.set(hash, [...(found.get(hash) ?? []), asset]);
      }
    }
    const snapshots = new Map<string, Promise<SnapshotRow | undefined>>();
    const given = async (asset: Asset) => {
      const hash = asset.run?.snapshot;
      if (!hash) return false;
      if (!snapshots.has(hash)) snapshots.set(hash, this.db.snapshots.get(hash));
      const node = (await snapshots.get(hash))?.doc.nodes.find((candidate) => candidate.id === asset.nodeId);
      return node !== undefined && collectArtifactHashes(node.params).has(asset.ref.$artifact);
    };
    const assets = new Map<string, Asset>();
    for (const [hash, candidates] of found) {
      let chosen = candidates[0];
      if (candidates.length > 1)
        for (const candidate of candidates)
          if (!(await given(candidate))) {
            chosen = candidate;
            break;
          }
      assets.set(hash, chosen);
    }
    const unrecorded = (await this.db.results.toArray())
      .filter((result) => !results.has(result.key))
      .sort((a, b) => b.createdAt - a.createdAt);
    for (const result of unrecorded)
      for (const [hash, ref] of collectArtifactRefs(result.outputs))
        if (!assets.has(hash))
          assets.set(hash, { ref, kind: result.kind, resultKey: result.key, pinned: result.pinned === true });
    const stars = await this.stars();
    for (const [hash, asset] of assets) if (stars.has(hash)) asset.stars = stars.get(hash);
    // Only media whose bytes are still here.
    const present = await this.db.artifacts.bulkGet([...assets.keys()]);
    return [...assets.values()].filter((_, at) => present[at] !== undefined);
  }

  /** The take boards' stars, from the Picks of every saved graph: the most each piece of media was given. */
  private async stars(): Promise<Map<string, number>> {
    const stars = new Map<string, number>();
    await this.db.graphDocs.each(({ doc }) => {
      for (const node of doc.nodes) {
        if (node.kind !== 'pick') continue;
        const ratings = zPickParams.shape.ratings.safeParse(node.params.ratings).data ?? {};
        for (const [hash, given] of Object.entries(ratings)) stars.set(hash, Math.max(stars.get(hash) ?? 0, given));
      }
    });
    return stars;
  }

  /** Which graphs a piece of media matters to. */
  async uses(hash: string): Promise<AssetUses> {
    const holding: string[] = [];
    const names = new Map((await this.db.graphs.toArray()).map((graph) => [graph.id, graph.name]));
    await this.db.graphDocs.each(({ id, doc }) => {
      if (doc.nodes.some((node) => collectArtifactHashes(node.params).has(hash)))
        holding.push(names.get(id) ?? doc.name);
    });
    // A version a person saved (restoring it must find them), a library component: theirs, as a graph is.
    // A checkpoint taken on its own holds nothing against a person's Delete.
    await this.db.versions.each(({ graphId, note, doc, auto }) => {
      if (!auto && collectArtifactHashes(doc).has(hash))
        holding.push(`${names.get(graphId) ?? doc.name} (version “${note}”)`);
    });
    await this.db.components.each((row) => {
      if (collectArtifactHashes(row).has(hash)) holding.push(`the component “${row.name}”`);
    });
    await this.db.templates.each((row) => {
      if (collectArtifactHashes(row).has(hash)) holding.push(`the template “${row.name}”`);
    });
    const holders = await this.db.results.where('artifacts').equals(hash).toArray();
    const keys = new Set(holders.map((result) => result.key));
    const madeBy = new Set<string>();
    await this.db.runs.each((run) => {
      if (run.nodes?.some((entry) => entry.key && keys.has(entry.key))) madeBy.add(run.graphName ?? run.graphId);
    });
    let paid = false;
    await this.db.jobs.each((job) => void (paid ||= job.kept?.includes(hash) === true));
    return {
      holding,
      madeBy: [...madeBy],
      paid,
      cost: Math.max(0, ...holders.map((result) => result.cost)),
      pinned: holders.some((result) => result.pinned === true),
    };
  }

  /**
   * Deletes a piece of media from the cache: the cached results holding it, and its bytes unless
   * something keeps them, by eviction's own rules: a saved graph holding it as its own, a paid clip
   * kept with its job, a pin (a pinned result is never deleted here), or a run in progress in any
   * tab (`protect`). Everything is read and deleted in one transaction.
   */
  async remove(hash: string, protect?: Protected): Promise<{ removed: number; spared: number }> {
    const since = protect?.since ?? Infinity;
    return this.db.transaction(
      'rw',
      [
        this.db.results,
        this.db.artifacts,
        this.db.blobs,
        this.db.graphDocs,
        this.db.graphs,
        this.db.jobs,
        this.db.runs,
        this.db.versions,
        this.db.components,
        this.db.templates,
      ],
      async () => {
        const { holding, paid } = await this.uses(hash);
        const holders = await this.db.results.where('artifacts').equals(hash).toArray();
        const spare = (result: (typeof holders)[number]) =>
          result.pinned === true || protect?.keys?.has(result.key) === true || result.lastUsed >= since;
        const going = holders.filter((result) => !spare(result));
        await this.db.results.bulkDelete(going.map((result) => result.key));
        const spared = holders.length - going.length;
        const row = await this.db.artifacts.get(hash);
        const inUse = protect?.hashes?.has(hash) === true || (row !== undefined && row.lastUsed >= since);
        if (holding.length === 0 && !paid && spared === 0 && !inUse) {
          await this.db.artifacts.delete(hash);
          await this.db.blobs.delete(hash);
        }
        return { removed: going.length, spared };
      },
    );
  }
}
