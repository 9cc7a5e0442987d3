import type { SpendScope } from '../providers/cloud/spend-ledger';
import type { ReelgraphDB } from './db';

const PREFIX = 'copied-from:';
/** How many copies of copies are followed back: enough for any real history, bounded against a loop. */
const MAX_DEPTH = 32;

/**
 * Which graph each copy was made from, and when: a copy's per-graph spend counts what its original
 * (and that one's, back along the line) spent before the copy was made. Kept in this browser only,
 * beside the spend history it reads; never in the graph, so an export or a share link carries none.
 */
export class SpendLineage {
  constructor(private readonly db: ReelgraphDB) {}

  async record(copyId: string, fromId: string, at = Date.now()): Promise<void> {
    await this.db.settings.put({ key: `${PREFIX}${copyId}`, value: { from: fromId, at } });
  }

  async scope(graphId: string): Promise<SpendScope> {
    const carried: { graphId: string; before: number }[] = [];
    let id = graphId;
    let before = Infinity;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const row = (await this.db.settings.get(`${PREFIX}${id}`))?.value as { from?: unknown; at?: unknown } | undefined;
      if (typeof row?.from !== 'string' || typeof row.at !== 'number') break;
      // What the original spent before this copy (and before any later copy along the line) was made.
      before = Math.min(before, row.at);
      if (row.from === graphId || carried.some((entry) => entry.graphId === row.from)) break;
      carried.push({ graphId: row.from, before });
      id = row.from;
    }
    return { graphId, carried };
  }
}
