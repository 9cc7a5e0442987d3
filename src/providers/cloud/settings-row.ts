import { zProviderSettings, type ProviderSettings } from './config.ts';

/** The spending caps: never dropped, whatever else in a stored row cannot be read. */
export const CAPS = ['dailyCapUsd', 'graphCapUsd'] as const;
export type Cap = (typeof CAPS)[number];

/** Fields that are records or lists: read entry by entry, so one this build does not know costs only itself. */
const RECORDS = ['keys', 'baseUrls', 'servers', 'modelIds', 'concurrency'] as const;

/** A stored settings row, as this build reads it. */
export interface SettingsRow {
  settings: ProviderSettings;
  /**
   * What this build cannot read, as it was stored (a provider it does not list, written by a newer
   * or older build): saving writes it back, so nothing is lost for the build that knows it.
   */
  kept: Record<string, unknown>;
  /** Caps stored but unreadable: paid runs are refused until they are set again (never silently no cap). */
  unreadableCaps: Cap[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one field of the settings alone, against its own schema; undefined when it does not fit. */
function field<K extends keyof ProviderSettings>(name: K, value: unknown): ProviderSettings[K] | undefined {
  const parsed = zProviderSettings.shape[name].safeParse(value);
  return parsed.success ? (parsed.data as ProviderSettings[K]) : undefined;
}

/**
 * Reads a stored settings row field by field, and records and lists entry by entry: an entry this
 * build cannot read is kept aside as it is, and never takes the caps, the keys or anything else
 * with it. A cap that is stored but cannot be read is reported, so paid runs are refused.
 */
export function readSettingsRow(raw: unknown): SettingsRow {
  const stored = isObject(raw) ? raw : {};
  const settings = zProviderSettings.parse({});
  const kept: Record<string, unknown> = {};
  const unreadableCaps: Cap[] = [];
  for (const name of RECORDS) {
    const entries = stored[name];
    if (entries === undefined) continue;
    if (!isObject(entries)) {
      kept[name] = entries;
      continue;
    }
    const readable: Record<string, unknown> = {};
    const unknown: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) continue;
      // A key name the schema does not list is stripped, not refused: it is unknown all the same.
      const alone = field(name, { [key]: value }) as Record<string, unknown> | undefined;
      if (alone !== undefined && key in alone) readable[key] = value;
      else unknown[key] = value;
    }
    Object.assign(settings, { [name]: field(name, readable) ?? {} });
    if (Object.keys(unknown).length > 0) kept[name] = unknown;
  }
  if (stored.customModels !== undefined) {
    const list = Array.isArray(stored.customModels) ? stored.customModels : [];
    const readable = list.filter((entry) => field('customModels', [entry]) !== undefined);
    settings.customModels = field('customModels', readable) ?? [];
    const unknown = Array.isArray(stored.customModels)
      ? list.filter((entry) => !readable.includes(entry))
      : stored.customModels;
    if (!Array.isArray(unknown) || unknown.length > 0) kept.customModels = unknown;
  }
  if (stored.confirmAboveUsd !== undefined) {
    // Unreadable, it asks before any paid run: the safe side of the threshold.
    settings.confirmAboveUsd = field('confirmAboveUsd', stored.confirmAboveUsd) ?? 0;
  }
  for (const cap of CAPS) {
    if (stored[cap] === undefined || stored[cap] === null) continue;
    const value = field(cap, stored[cap]);
    if (value !== undefined) settings[cap] = value;
    else {
      kept[cap] = stored[cap];
      unreadableCaps.push(cap);
    }
  }
  for (const [name, value] of Object.entries(stored)) {
    if (!(name in zProviderSettings.shape)) kept[name] = value;
  }
  return { settings, kept, unreadableCaps };
}

/**
 * The row to store: the settings as this build has them, over what it kept aside. A cap set again
 * replaces the unreadable one; one still unset keeps it, so the refusal holds.
 */
export function settingsRow(settings: ProviderSettings, kept: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...kept, ...settings };
  for (const name of RECORDS) if (isObject(kept[name])) row[name] = { ...kept[name], ...settings[name] };
  if (Array.isArray(kept.customModels)) row.customModels = [...settings.customModels, ...kept.customModels];
  for (const cap of CAPS) if (settings[cap] === undefined && kept[cap] !== undefined) row[cap] = kept[cap];
  return row;
}
