import { nodeRegistry, type NodeProviders } from '../nodes';
import { probeClip } from './media/probe';
import { createCloudProviders } from './providers/cloud/cloud-providers';
import { PROXY_PREFIX } from './providers/cloud/proxy-rules';
import { createProviders } from './providers';
import { inspectImage } from './providers/local/inspect-image';
import { reencodeImage } from './providers/local/reencode-image';
import type { ProviderSettings } from './providers/cloud/config';
import type { ProviderName } from './providers/cloud/providers';
import { DexieArtifactStore } from './storage/artifact-store';
import { AssetLibrary } from './storage/asset-library';
import { TemplateLibrary } from './storage/template-library';
import { ComponentLibrary } from './storage/component-library';
import { GraphVersions } from './storage/graph-versions';
import { ReelgraphDB } from './storage/db';
import { evictIfNeeded, evictLeastRecentlyUsed, type EvictionReport, type Protected } from './storage/eviction';
import { InUse } from './storage/in-use';
import { announceRun, evictingAlone } from './storage/run-locks';
import { GraphRepo } from './storage/graph-repo';
import { DexieJobStore } from './storage/job-store';
import { DexieResultStore } from './storage/result-store';
import { QueueStore } from './storage/queue-store';
import { RunHistory } from './storage/run-history';
import { DexieSpendLedger } from './storage/spend-store';
import { SpendLineage } from './storage/spend-lineage';
import { storeUserFile } from './storage/user-file';
import type { ArtifactRef, FileIntake } from '../graph-engine';

/** When a write hits the quota, free about this much before retrying. */
const ROOM_ON_QUOTA_BYTES = 256 * 1024 * 1024;

/** The app's storage and providers, created once per page. */
export interface Services {
  db: ReelgraphDB;
  graphs: GraphRepo;
  results: DexieResultStore;
  artifacts: DexieArtifactStore;
  jobs: DexieJobStore;
  /** Every paid request: the Spend panel and the budgets read it. */
  spend: DexieSpendLedger;
  /** Which graph each copy was made from: a copy's per-graph spend counts its original's. */
  lineage: SpendLineage;
  /** Every run, with the graph as it ran: the History panel reads it. */
  history: RunHistory;
  /** Runs waiting their turn, shared by every tab. */
  queue: QueueStore;
  /** What the history's runs made that the cache still holds: the Library panel reads it. */
  library: AssetLibrary;
  /** Components kept to use again, every version of each. */
  components: ComponentLibrary;
  /** Versions of graphs saved with a note. */
  versions: GraphVersions;
  /** Whole graphs kept as templates, every version of each. */
  templates: TemplateLibrary;
  providers: NodeProviders;
  registry: typeof nodeRegistry;
  /** Why a cloud model cannot be called now (which key is missing), or undefined. */
  missingKey(modelId: string): Promise<string | undefined>;
  /** Stores a file the person gave (a photo, a sound), the one way every way in does. */
  storeUserFile(file: Blob, media: FileIntake<unknown>['media']): Promise<ArtifactRef>;
  /** Evicts old cached results if the browser says storage is nearly full. */
  tidyStorage(): Promise<void>;
  /** Starts a run's hold on what it reads and writes, so no eviction in any tab takes it; returns its end. */
  holdForRun(): Promise<() => void>;
  /** Settings → Storage: what the browser says is used and allowed. */
  storageEstimate(): Promise<{ usage?: number; quota?: number }>;
  /** Settings → Storage: every cached result not pinned, and media nothing keeps (never a run's, a paid clip or an upload). */
  clearCachedResults(): Promise<EvictionReport>;
  /** Settings → Storage: what clearing would remove now, deleting nothing. */
  clearableNow(): Promise<EvictionReport>;
  /** Library → Delete: a piece of media's cached results, and its bytes where nothing keeps them, under eviction's lock and rules. */
  deleteFromLibrary(hash: string): Promise<{ removed: number; spared: number }>;
}

/** What the services read from the app's settings, handed in so they never import app state. */
export interface ServiceSettings {
  /** The provider settings in force: the user's, over base URLs from the server's environment. */
  providers(): ProviderSettings;
  /** Providers whose keys the server holds (never the keys). */
  serverKeys(): ReadonlySet<ProviderName>;
  /** Whether provider calls go through the same-origin proxy. */
  proxied(): boolean;
  /** The token the proxy gave this page, sent with every proxied call. */
  proxyToken?(): string | undefined;
  /** The open graph, which paid requests are recorded against. */
  origin?(): { graphId: string; graphName: string } | undefined;
}

/** The app's storage and providers. `main.tsx` builds them once and hands them down. */
export function createServices(settings: ServiceSettings): Services {
  const db = new ReelgraphDB();
  const inUse = new InUse();
  // What this tab's runs use exactly, and from when on every tab's runs may be using anything.
  const evicting = <T>(evict: (protect: Protected) => Promise<T>) =>
    evictingAlone((since) => evict({ hashes: inUse.hashes, keys: inUse.keys, since }));
  const makeRoom = async () =>
    void (await evicting((protect) => evictLeastRecentlyUsed(db, ROOM_ON_QUOTA_BYTES, protect)));
  const jobs = new DexieJobStore(db);
  const library = new AssetLibrary(db);
  const spend = new DexieSpendLedger(db);
  const artifacts = new DexieArtifactStore(db, makeRoom, inUse);
  const cloud = createCloudProviders({
    settings: settings.providers,
    serverKeys: settings.serverKeys,
    get proxy() {
      return settings.proxied() ? { prefix: PROXY_PREFIX, token: settings.proxyToken?.() } : undefined;
    },
    jobs,
    ledger: spend,
    origin: () => settings.origin?.(),
    inspectClip: (clip) => probeClip(clip, 'The downloaded clip'),
    inspectImage,
    reencodeImage,
    kept: artifacts,
  });
  return {
    db,
    graphs: new GraphRepo(db, makeRoom),
    results: new DexieResultStore(db, makeRoom, inUse),
    artifacts,
    storeUserFile: (file, media) => storeUserFile(artifacts, file, media),
    jobs,
    spend,
    lineage: new SpendLineage(db),
    history: new RunHistory(db),
    queue: new QueueStore(db),
    library,
    components: new ComponentLibrary(db),
    versions: new GraphVersions(db),
    templates: new TemplateLibrary(db),
    providers: createProviders(cloud),
    registry: nodeRegistry,
    missingKey: cloud.missingKey,
    async tidyStorage() {
      const estimate = (await navigator.storage?.estimate?.()) ?? {};
      await evicting((protect) => evictIfNeeded(db, estimate, undefined, protect));
      await jobs.prune();
    },
    holdForRun: async () => {
      const here = inUse.begin();
      const everywhere = await announceRun(Date.now());
      return () => {
        here();
        everywhere();
      };
    },
    storageEstimate: async () => (await navigator.storage?.estimate?.()) ?? {},
    clearCachedResults: () => evicting((protect) => evictLeastRecentlyUsed(db, Infinity, protect)),
    clearableNow: () => evicting((protect) => evictLeastRecentlyUsed(db, Infinity, protect, true)),
    deleteFromLibrary: (hash) => evicting((protect) => library.remove(hash, protect)),
  };
}
