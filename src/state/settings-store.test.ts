import { describe, expect, it } from 'vitest';
import type { ReelgraphDB } from '../storage/db';
import { currentBudgets, loadSettings, saveSettings, useSettingsStore } from './settings-store';

/** The one table settings use, in memory. */
function fakeDb(rows: Record<string, unknown> = {}) {
  const table = new Map(Object.entries(rows).map(([key, value]) => [key, { key, value }]));
  return {
    rows: table,
    db: {
      settings: {
        get: async (key: string) => table.get(key),
        put: async (row: { key: string; value: unknown }) => void table.set(row.key, structuredClone(row)),
      },
    } as unknown as ReelgraphDB,
  };
}

describe('settings in storage', () => {
  it('keep their caps and keys through a row naming a provider this build does not know, and save it back whole', async () => {
    const { db, rows } = fakeDb({
      providers: {
        keys: { geminiApiKey: 'gemini-key-0123456789', comfyuiKey: 'c-0123456789' },
        baseUrls: { comfyui: 'http://gpu-box:8188' },
        dailyCapUsd: 5,
        graphCapUsd: 2,
      },
    });
    await loadSettings(db);
    expect(currentBudgets()).toEqual({ dailyCapUsd: 5, graphCapUsd: 2, unreadable: [] });
    const { settings } = useSettingsStore.getState();
    expect(settings.keys.geminiApiKey).toBe('gemini-key-0123456789');
    await saveSettings(db, { ...settings, confirmAboveUsd: 3 });
    expect(rows.get('providers')?.value).toMatchObject({
      keys: { geminiApiKey: 'gemini-key-0123456789', comfyuiKey: 'c-0123456789' },
      baseUrls: { comfyui: 'http://gpu-box:8188' },
      dailyCapUsd: 5,
      graphCapUsd: 2,
      confirmAboveUsd: 3,
    });
  });

  it('hold a cap that cannot be read as unreadable until it is set again', async () => {
    const { db } = fakeDb({ providers: { dailyCapUsd: { amount: 5 } } });
    await loadSettings(db);
    expect(currentBudgets().unreadable).toEqual(['dailyCapUsd']);
    await saveSettings(db, { ...useSettingsStore.getState().settings, confirmAboveUsd: 2 });
    expect(currentBudgets().unreadable).toEqual(['dailyCapUsd']);
    await saveSettings(db, { ...useSettingsStore.getState().settings, dailyCapUsd: 6 });
    expect(currentBudgets()).toEqual({ dailyCapUsd: 6, graphCapUsd: undefined, unreadable: [] });
    await loadSettings(db);
    expect(currentBudgets()).toEqual({ dailyCapUsd: 6, graphCapUsd: undefined, unreadable: [] });
  });
});
