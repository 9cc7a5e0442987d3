import type { GraphDocument } from '../../graph-engine';
import type { ReelgraphDB, SavedGraph } from './db';
import { isQuotaError, StorageFullError } from './storage-errors';

/** Saved graphs: autosave, the graph list, open, rename, delete. */
export class GraphRepo {
  constructor(
    private readonly db: ReelgraphDB,
    /** Frees cached results when a save hits the quota: a graph matters more than a cache. */
    private readonly makeRoom: () => Promise<void> = async () => {},
  ) {}

  /** A write that hits the quota makes room and is tried once more; any failure says what was not saved. */
  private async write<T>(doc: GraphDocument, attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      if (!isQuotaError(error)) throw saveError(doc, error);
      await this.makeRoom();
      try {
        return await attempt();
      } catch (retryError) {
        throw isQuotaError(retryError) ? new StorageFullError(`the graph “${doc.name}”`) : saveError(doc, retryError);
      }
    }
  }

  /** Saves in one transaction: a failed write leaves the previous save intact. */
  async save(doc: GraphDocument): Promise<void> {
    await this.write(doc, () => this.db.transaction('rw', this.db.graphs, this.db.graphDocs, () => this.put(doc)));
  }

  /** The document and its line in the list; inside a transaction holding both tables. */
  private async put(doc: GraphDocument): Promise<void> {
    await this.db.graphDocs.put({ id: doc.id, doc });
    await this.db.graphs.put(listed(doc));
  }

  /**
   * Saves a graph with the media it came with (a bundle's), in one transaction: either all of it
   * is stored or none. Each blob's hash is computed and checked before this is called.
   */
  async saveWithMedia(doc: GraphDocument, media: readonly { hash: string; blob: Blob }[]): Promise<void> {
    if (media.length === 0) return this.save(doc);
    await this.write(doc, () =>
      this.db.transaction('rw', [this.db.graphs, this.db.graphDocs, this.db.artifacts, this.db.blobs], async () => {
        const now = Date.now();
        for (const { hash, blob } of media) {
          if (await this.db.artifacts.get(hash)) continue;
          await this.db.blobs.put({ hash, blob });
          await this.db.artifacts.put({
            hash,
            mime: blob.type || 'application/octet-stream',
            size: blob.size,
            createdAt: now,
            lastUsed: now,
          });
        }
        await this.put(doc);
      }),
    );
  }

  /**
   * Saves only if the stored graph is still the version this tab last read or wrote (its
   * `updatedAt`); otherwise another tab changed it, and nothing is overwritten.
   */
  async saveIfUnchanged(
    doc: GraphDocument,
    expectedUpdatedAt: string | undefined,
  ): Promise<'saved' | 'conflict' | 'deleted'> {
    return this.write(doc, () =>
      this.db.transaction('rw', this.db.graphs, this.db.graphDocs, async () => {
        const stored = await this.db.graphs.get(doc.id);
        // This tab read it, and it is gone: another tab deleted it, and a save must not bring it back.
        if (!stored && expectedUpdatedAt !== undefined) return 'deleted' as const;
        if (stored && expectedUpdatedAt !== undefined && stored.version !== expectedUpdatedAt)
          return 'conflict' as const;
        await this.put(doc);
        return 'saved' as const;
      }),
    );
  }

  async load(id: string): Promise<GraphDocument | undefined> {
    return (await this.db.graphDocs.get(id))?.doc;
  }

  /** Newest first, without the documents (they are never read for the list). */
  async list(): Promise<{ id: string; name: string; updatedAt: number }[]> {
    const rows = await this.db.graphs.orderBy('updatedAt').reverse().toArray();
    return rows.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }));
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.graphs, this.db.graphDocs, this.db.versions, async () => {
      await this.db.graphs.delete(id);
      await this.db.graphDocs.delete(id);
      // Its saved versions go with it: nothing else can open them.
      await this.db.versions.where('graphId').equals(id).delete();
    });
  }
}

function listed(doc: GraphDocument): SavedGraph {
  return { id: doc.id, name: doc.name, updatedAt: Date.parse(doc.metadata.updatedAt), version: doc.metadata.updatedAt };
}

/** A save that failed for another reason than space: what was not saved, and why, in words. */
function saveError(doc: GraphDocument, error: unknown): Error {
  const cause = error instanceof Error ? error : new Error(String(error));
  const why =
    cause.name === 'DataCloneError' || cause instanceof RangeError
      ? 'its data is nested too deeply to store'
      : `${cause.name}: ${cause.message}`;
  return new Error(`The graph “${doc.name}” could not be saved (${why}). The previous save is intact.`, { cause });
}
