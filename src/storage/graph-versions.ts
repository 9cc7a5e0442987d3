import { canonicalJSON, type GraphDocument } from '../../graph-engine';
import type { ReelgraphDB } from './db';

/** A version of a graph: one a person saved with a note (kept until they delete it), or a checkpoint taken while they edited. */
export interface GraphVersion {
  id?: number;
  graphId: string;
  /** When it was saved (ms since epoch). */
  at: number;
  note: string;
  doc: GraphDocument;
  /** Taken on its own while editing: the oldest go first, within the checkpoint budget. */
  auto?: boolean;
  /** Its size as JSON, for the budget. */
  bytes?: number;
}

/** A checkpoint at most this often while a graph is edited. */
export const CHECKPOINT_EVERY_MS = 10 * 60 * 1000;
/** Checkpoints kept per graph, and in all: beyond either, the oldest go (saved versions always stay). */
export const CHECKPOINTS_PER_GRAPH = 20;
export const CHECKPOINT_BYTES = 20 * 1024 * 1024;

/** What a version holds that a person would call a change: not when it was saved, nor where its view was. */
const contentOf = (doc: GraphDocument) => canonicalJSON({ ...doc, metadata: null, viewport: null });

/** The versions people save of their graphs ("Save version"), newest first per graph. */
export class GraphVersions {
  constructor(private readonly db: ReelgraphDB) {}

  /** Keeps the graph as it is now, with a note; returns the version's id. */
  async save(doc: GraphDocument, note: string, at = Date.now()): Promise<number> {
    return (await this.db.versions.add({ graphId: doc.id, at, note: note.trim().slice(0, 500), doc })) as number;
  }

  /**
   * Takes a checkpoint of a graph just saved, unless one was taken in the last ten minutes or it is
   * as its newest version already; then keeps the checkpoints within their budget. Returns whether one was taken.
   */
  async checkpoint(doc: GraphDocument, at = Date.now()): Promise<boolean> {
    return this.db.transaction('rw', this.db.versions, async () => {
      const kept = await this.of(doc.id);
      const lastCheckpoint = kept.find((row) => row.auto);
      if (lastCheckpoint && at - lastCheckpoint.at < CHECKPOINT_EVERY_MS) return false;
      if (kept[0] && contentOf(kept[0].doc) === contentOf(doc)) return false;
      const bytes = JSON.stringify(doc).length;
      await this.db.versions.add({ graphId: doc.id, at, note: 'Checkpoint while editing', doc, auto: true, bytes });
      const mine = kept.filter((row) => row.auto);
      const over = mine.length + 1 - CHECKPOINTS_PER_GRAPH;
      if (over > 0) await this.db.versions.bulkDelete(mine.slice(-over).map((row) => row.id!));
      // The whole budget, every graph's checkpoints together: the oldest go first.
      const all = (await this.db.versions.filter((row) => row.auto === true).toArray()).sort((a, b) => a.at - b.at);
      let total = all.reduce((sum, row) => sum + (row.bytes ?? 0), 0);
      for (const row of all) {
        if (total <= CHECKPOINT_BYTES || row.at === at) break;
        await this.db.versions.delete(row.id!);
        total -= row.bytes ?? 0;
      }
      return true;
    });
  }

  /** A graph's saved versions, newest first. */
  async of(graphId: string): Promise<GraphVersion[]> {
    return (await this.db.versions.where('graphId').equals(graphId).sortBy('at')).reverse();
  }

  async remove(id: number): Promise<void> {
    await this.db.versions.delete(id);
  }
}
