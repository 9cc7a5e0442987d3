import type Dexie from 'dexie';

/** A row the library keeps at every version: one per id and version number. */
export interface Versioned {
  id: string;
  version: number;
}

/** The newest version the table holds of one id. */
export async function newestOf<T extends Versioned>(
  table: Dexie.Table<T, [string, number]>,
  id: string,
): Promise<T | undefined> {
  const versions = await table.where('id').equals(id).toArray();
  return versions.sort((a, b) => b.version - a.version)[0];
}

/** The newest version of every id the table holds. */
export async function newestOfEach<T extends Versioned>(table: Dexie.Table<T, [string, number]>): Promise<T[]> {
  const newest = new Map<string, T>();
  await table.each((row) => {
    if ((newest.get(row.id)?.version ?? 0) < row.version) newest.set(row.id, row);
  });
  return [...newest.values()];
}

/**
 * Keeps a row as the next version of its id, unless the newest already holds the same content
 * (then that one is the answer): saving an unchanged thing twice makes no version.
 * `first` is the version a first save takes.
 */
export async function saveAsNextVersion<T extends Versioned>(
  db: Dexie,
  table: Dexie.Table<T, [string, number]>,
  id: string,
  first: number,
  contentOf: (row: T) => string,
  rowAt: (version: number) => T,
): Promise<T> {
  return db.transaction('rw', table, async () => {
    const newest = await newestOf(table, id);
    const version = newest ? newest.version + 1 : first;
    const row = rowAt(version);
    if (newest && contentOf(newest) === contentOf(row)) return newest;
    await table.put(row);
    return row;
  });
}
