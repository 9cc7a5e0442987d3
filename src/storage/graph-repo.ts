import type { GraphDocument } from '../../graph-engine';
import type { ReelgraphDB, SavedGraph } from './db';
import { isQuotaError, StorageFullError } from './storage-errors';

/** Saved graphs: autosave, the graph list, open, rename, delete. */
export class GraphRepo {
  constructor(private readonly db: ReelgraphDB) {}

  /** Saves in one transaction: a failed write leaves the previous save intact. */
  async save(doc: GraphDocument): Promise<void> {
    const row: SavedGraph = { id: doc.id, name: doc.name, updatedAt: Date.parse(doc.metadata.updatedAt), doc };
    try {
      await this.db.graphs.put(row);
    } catch (error) {
      throw isQuotaError(error) ? new StorageFullError(`the graph “${doc.name}”`) : error;
    }
  }

  /**
   * Saves only if the stored graph is still the version this tab last read or wrote (its
   * `updatedAt`); otherwise another tab changed it, and nothing is overwritten.
   */
  async saveIfUnchanged(doc: GraphDocument, expectedUpdatedAt: string | undefined): Promise<'saved' | 'conflict'> {
    try {
      return await this.db.transaction('rw', this.db.graphs, async () => {
        const stored = await this.db.graphs.get(doc.id);
        if (stored && expectedUpdatedAt !== undefined && stored.doc.metadata.updatedAt !== expectedUpdatedAt)
          return 'conflict';
        await this.db.graphs.put({ id: doc.id, name: doc.name, updatedAt: Date.parse(doc.metadata.updatedAt), doc });
        return 'saved';
      });
    } catch (error) {
      throw isQuotaError(error) ? new StorageFullError(`the graph “${doc.name}”`) : error;
    }
  }

  async load(id: string): Promise<GraphDocument | undefined> {
    return (await this.db.graphs.get(id))?.doc;
  }

  /** Newest first, without the documents. */
  async list(): Promise<{ id: string; name: string; updatedAt: number }[]> {
    const rows = await this.db.graphs.orderBy('updatedAt').reverse().toArray();
    return rows.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }));
  }

  async remove(id: string): Promise<void> {
    await this.db.graphs.delete(id);
  }
}
