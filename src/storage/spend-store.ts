import type { SpendLedger, SpendRow } from '../providers/cloud/spend-ledger';
import type { ReelgraphDB } from './db';

/** The spend history in IndexedDB: every paid request, kept until the person clears it. */
export class DexieSpendLedger implements SpendLedger {
  constructor(private readonly db: ReelgraphDB) {}

  async put(row: SpendRow) {
    await this.db.spend.put(row);
  }

  async update(id: string, patch: Partial<Omit<SpendRow, 'id'>>) {
    await this.db.spend.update(id, patch);
  }

  async remove(id: string) {
    await this.db.spend.delete(id);
  }

  async since(from: number) {
    return (await this.db.spend.where('at').aboveOrEqual(from).toArray()).sort((a, b) => b.at - a.at);
  }
}
