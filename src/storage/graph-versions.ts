import type { GraphDocument } from '../../graph-engine';
import type { ReelgraphDB } from './db';

/** A version of a graph a person saved, with a note: kept until they delete it. */
export interface GraphVersion {
  id?: number;
  graphId: string;
  /** When it was saved (ms since epoch). */
  at: number;
  note: string;
  doc: GraphDocument;
}

/** The versions people save of their graphs ("Save version"), newest first per graph. */
export class GraphVersions {
  constructor(private readonly db: ReelgraphDB) {}

  /** Keeps the graph as it is now, with a note; returns the version's id. */
  async save(doc: GraphDocument, note: string, at = Date.now()): Promise<number> {
    return (await this.db.versions.add({ graphId: doc.id, at, note: note.trim().slice(0, 500), doc })) as number;
  }

  /** A graph's saved versions, newest first. */
  async of(graphId: string): Promise<GraphVersion[]> {
    return (await this.db.versions.where('graphId').equals(graphId).sortBy('at')).reverse();
  }

  async remove(id: number): Promise<void> {
    await this.db.versions.delete(id);
  }
}
