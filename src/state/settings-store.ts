import { create } from 'zustand';
import { resolveCatalog, type ProviderModel } from '../providers/cloud/catalog';
import { defaultProviderSettings, zProviderSettings, type ProviderSettings } from '../providers/cloud/config';
import { isProviderName, type ProviderName } from '../providers/cloud/providers';
import { PROXY_CONFIG_PATH } from '../providers/cloud/proxy-rules';
import type { ServiceSettings } from '../services';
import type { ReelgraphDB } from '../storage/db';
import { CAPS, readSettingsRow, settingsRow, type Cap } from '../providers/cloud/settings-row';
import type { Budgets } from './budget-check';

const SETTINGS_KEY = 'providers';

export interface SettingsState {
  settings: ProviderSettings;
  /** What the stored row holds that this build cannot read: written back on every save. */
  kept: Record<string, unknown>;
  /** Caps stored but unreadable: paid runs are refused until they are set again. */
  unreadableCaps: readonly Cap[];
  /** The catalog as this user has it, recomputed only when settings change. */
  models: readonly ProviderModel[];
  /** What the server the app came from offers: keys held in its environment (never their values) and base URLs. */
  server: {
    proxy: boolean;
    keys: ReadonlySet<ProviderName>;
    baseUrls: Partial<Record<ProviderName, string>>;
    /** Servers the person runs (REELGRAPH_COMFYUI_URLS), by provider. */
    servers: Partial<Record<ProviderName, string[]>>;
    /** This server start's proxy token: only this page is given it, and every proxied call carries it. */
    token?: string;
  };
}

const initial = defaultProviderSettings();

export const useSettingsStore = create<SettingsState>(() => ({
  settings: initial,
  kept: {},
  unreadableCaps: [],
  models: resolveCatalog(initial.modelIds, initial.customModels),
  server: { proxy: false, keys: new Set(), baseUrls: {}, servers: {} },
}));

function apply(settings: ProviderSettings, kept: Record<string, unknown>, unreadableCaps: readonly Cap[]) {
  useSettingsStore.setState({
    settings,
    kept,
    unreadableCaps,
    models: resolveCatalog(settings.modelIds, settings.customModels),
  });
}

/**
 * Reads saved settings field by field (`readSettingsRow`): an entry this build cannot read is kept
 * as it is and costs nothing else, never the caps or the keys. A row that cannot be read at all
 * (storage refused) leaves no cap unread: paid runs wait until Settings can be read.
 */
export async function loadSettings(db: ReelgraphDB): Promise<void> {
  let stored: unknown;
  try {
    stored = (await db.settings.get(SETTINGS_KEY))?.value;
  } catch {
    return apply(defaultProviderSettings(), {}, CAPS);
  }
  const { settings, kept, unreadableCaps } = readSettingsRow(stored ?? {});
  apply(settings, kept, unreadableCaps);
}

/** Saves settings over what the stored row keeps for other builds; a cap set again is readable again. */
export async function saveSettings(db: ReelgraphDB, next: ProviderSettings): Promise<void> {
  const settings = zProviderSettings.parse(next);
  const { kept, unreadableCaps } = useSettingsStore.getState();
  await db.settings.put({ key: SETTINGS_KEY, value: settingsRow(settings, kept) });
  const stillUnread = unreadableCaps.filter((cap) => settings[cap] === undefined);
  apply(
    settings,
    Object.fromEntries(
      Object.entries(kept).filter(([name]) => !CAPS.includes(name as Cap) || stillUnread.includes(name as Cap)),
    ),
    stillUnread,
  );
}

/** The caps as they stand, unreadable ones included (each refuses every paid run). */
export function currentBudgets(): Budgets {
  const { settings, unreadableCaps } = useSettingsStore.getState();
  return { dailyCapUsd: settings.dailyCapUsd, graphCapUsd: settings.graphCapUsd, unreadable: unreadableCaps };
}

/** Asks the app's server which providers it holds keys for; a static host has no proxy and answers nothing. */
export async function loadServerConfig(): Promise<void> {
  try {
    const response = await fetch(PROXY_CONFIG_PATH);
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return;
    const body = (await response.json()) as { keys?: unknown; baseUrls?: unknown; servers?: unknown; token?: unknown };
    const keys = new Set(Array.isArray(body.keys) ? body.keys.filter(isProviderName) : []);
    const baseUrls =
      typeof body.baseUrls === 'object' && body.baseUrls
        ? (body.baseUrls as Partial<Record<ProviderName, string>>)
        : {};
    const servers = zProviderSettings.shape.servers.catch({}).parse(body.servers);
    const token = typeof body.token === 'string' ? body.token : undefined;
    useSettingsStore.setState({ server: { proxy: true, keys, baseUrls, servers, token } });
  } catch {
    // No proxy: cloud calls go straight to the providers that allow it.
  }
}

/** What the services read from these settings (see `createServices`). */
export const serviceSettings: ServiceSettings = {
  providers: () => {
    const { settings, server } = useSettingsStore.getState();
    // Base URLs and servers from the server's environment apply unless the user set them in Settings.
    return {
      ...settings,
      baseUrls: { ...server.baseUrls, ...settings.baseUrls },
      servers: { ...server.servers, ...settings.servers },
    };
  },
  serverKeys: () => useSettingsStore.getState().server.keys,
  proxied: () => useSettingsStore.getState().server.proxy,
  proxyToken: () => useSettingsStore.getState().server.token,
};
