import { create } from 'zustand';
import { resolveCatalog, type ProviderModel } from '../providers/cloud/catalog';
import { defaultProviderSettings, zProviderSettings, type ProviderSettings } from '../providers/cloud/config';
import { isProviderName, type ProviderName } from '../providers/cloud/providers';
import { PROXY_CONFIG_PATH } from '../providers/cloud/proxy-rules';
import type { ServiceSettings } from '../services';
import type { ReelgraphDB } from '../storage/db';

const SETTINGS_KEY = 'providers';

export interface SettingsState {
  settings: ProviderSettings;
  /** The catalog as this user has it, recomputed only when settings change. */
  models: readonly ProviderModel[];
  /** What the server the app came from offers: keys held in its environment (never their values) and base URLs. */
  server: {
    proxy: boolean;
    keys: ReadonlySet<ProviderName>;
    baseUrls: Partial<Record<ProviderName, string>>;
    /** This server start's proxy token: only this page is given it, and every proxied call carries it. */
    token?: string;
  };
}

const initial = defaultProviderSettings();

export const useSettingsStore = create<SettingsState>(() => ({
  settings: initial,
  models: resolveCatalog(initial.modelIds, initial.customModels),
  server: { proxy: false, keys: new Set(), baseUrls: {} },
}));

function apply(settings: ProviderSettings) {
  useSettingsStore.setState({ settings, models: resolveCatalog(settings.modelIds, settings.customModels) });
}

/** Reads saved settings; a damaged row falls back to defaults rather than blocking the app. */
export async function loadSettings(db: ReelgraphDB): Promise<void> {
  const row = await db.settings.get(SETTINGS_KEY).catch(() => undefined);
  const parsed = zProviderSettings.safeParse(row?.value ?? {});
  apply(parsed.success ? parsed.data : defaultProviderSettings());
}

export async function saveSettings(db: ReelgraphDB, next: ProviderSettings): Promise<void> {
  const settings = zProviderSettings.parse(next);
  await db.settings.put({ key: SETTINGS_KEY, value: settings });
  apply(settings);
}

/** Asks the app's server which providers it holds keys for; a static host has no proxy and answers nothing. */
export async function loadServerConfig(): Promise<void> {
  try {
    const response = await fetch(PROXY_CONFIG_PATH);
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return;
    const body = (await response.json()) as { keys?: unknown; baseUrls?: unknown; token?: unknown };
    const keys = new Set(Array.isArray(body.keys) ? body.keys.filter(isProviderName) : []);
    const baseUrls =
      typeof body.baseUrls === 'object' && body.baseUrls
        ? (body.baseUrls as Partial<Record<ProviderName, string>>)
        : {};
    const token = typeof body.token === 'string' ? body.token : undefined;
    useSettingsStore.setState({ server: { proxy: true, keys, baseUrls, token } });
  } catch {
    // No proxy: cloud calls go straight to the providers that allow it.
  }
}

/** What the services read from these settings (see `createServices`). */
export const serviceSettings: ServiceSettings = {
  providers: () => {
    const { settings, server } = useSettingsStore.getState();
    // Base URLs from the server's environment apply unless the user set one in Settings.
    return { ...settings, baseUrls: { ...server.baseUrls, ...settings.baseUrls } };
  },
  serverKeys: () => useSettingsStore.getState().server.keys,
  proxied: () => useSettingsStore.getState().server.proxy,
  proxyToken: () => useSettingsStore.getState().server.token,
};
