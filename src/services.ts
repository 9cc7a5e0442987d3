import { nodeRegistry, type NodeProviders } from '../nodes';
import { createLocalProviders } from './providers/local';
import { DexieArtifactStore } from './storage/artifact-store';
import { ReelgraphDB } from './storage/db';
import { evictIfNeeded, evictLeastRecentlyUsed } from './storage/eviction';
import { GraphRepo } from './storage/graph-repo';
import { DexieResultStore } from './storage/result-store';

/** When a write hits the quota, free about this much before retrying. */
const ROOM_ON_QUOTA_BYTES = 256 * 1024 * 1024;

/** The app's storage and providers, created once per page. */
export interface Services {
  db: ReelgraphDB;
  graphs: GraphRepo;
  results: DexieResultStore;
  artifacts: DexieArtifactStore;
  providers: NodeProviders;
  registry: typeof nodeRegistry;
  /** Evicts old cached results if the browser says storage is nearly full. */
  tidyStorage(): Promise<void>;
}

export function createServices(): Services {
  const db = new ReelgraphDB();
  const makeRoom = async () => void (await evictLeastRecentlyUsed(db, ROOM_ON_QUOTA_BYTES));
  return {
    db,
    graphs: new GraphRepo(db),
    results: new DexieResultStore(db, makeRoom),
    artifacts: new DexieArtifactStore(db, makeRoom),
    providers: createLocalProviders(),
    registry: nodeRegistry,
    async tidyStorage() {
      const estimate = (await navigator.storage?.estimate?.()) ?? {};
      await evictIfNeeded(db, estimate);
    },
  };
}

export const services = createServices();
