import { describe, expect, it } from 'vitest';
import { readSettingsRow, settingsRow } from './settings-row';

/** A row written by a build that knows a provider this one does not (Runway), with caps and keys. */
const fromAnotherBuild = {
  keys: { klingApiKey: 'kling-key-0123456789', runwayKey: 'runway-key-0123456789' },
  baseUrls: { kling: 'https://kling.example.com', runway: 'https://runway.example.com' },
  modelIds: { 'veo-3.1': 'veo-3.1-generate-002' },
  customModels: [
    { id: 'wan-2.2', label: 'Wan 2.2', kind: 'video', api: 'runway-wan', upstream: 'wan2.2', price: 0 },
    { id: 'my-kling', label: 'My Kling', kind: 'video', api: 'kling-v1', upstream: 'kling-v9', price: 0.1 },
  ],
  confirmAboveUsd: 2,
  dailyCapUsd: 5,
  graphCapUsd: 3,
  concurrency: { kling: 2, runway: 4 },
  servers: { runway: ['https://runway.example.com'] },
};

describe('a stored settings row', () => {
  it('keeps the caps, the keys and everything it can read when an entry names a provider this build does not know', () => {
    const { settings, kept, unreadableCaps } = readSettingsRow(fromAnotherBuild);
    expect([settings.dailyCapUsd, settings.graphCapUsd, settings.confirmAboveUsd]).toEqual([5, 3, 2]);
    expect(settings.keys).toEqual({ klingApiKey: 'kling-key-0123456789' });
    expect(settings.baseUrls).toEqual({ kling: 'https://kling.example.com' });
    expect(settings.modelIds).toEqual({ 'veo-3.1': 'veo-3.1-generate-002' });
    expect(settings.customModels.map((model) => model.id)).toEqual(['my-kling']);
    expect(settings.concurrency).toEqual({ kling: 2 });
    expect(unreadableCaps).toEqual([]);
    expect(kept).toEqual({
      keys: { runwayKey: 'runway-key-0123456789' },
      baseUrls: { runway: 'https://runway.example.com' },
      customModels: [fromAnotherBuild.customModels[0]],
      concurrency: { runway: 4 },
      servers: { runway: ['https://runway.example.com'] },
    });
  });

  it('writes back what it kept, under what this build changed, so the other build loses nothing', () => {
    const { settings, kept } = readSettingsRow(fromAnotherBuild);
    const row = settingsRow(
      { ...settings, dailyCapUsd: 7, keys: { ...settings.keys, falKey: 'fal-key-0123456789' } },
      kept,
    );
    expect(row).toMatchObject({
      dailyCapUsd: 7,
      graphCapUsd: 3,
      keys: { klingApiKey: 'kling-key-0123456789', runwayKey: 'runway-key-0123456789', falKey: 'fal-key-0123456789' },
      baseUrls: { kling: 'https://kling.example.com', runway: 'https://runway.example.com' },
      concurrency: { kling: 2, runway: 4 },
      servers: { runway: ['https://runway.example.com'] },
    });
    expect((row.customModels as { id: string }[]).map((model) => model.id)).toEqual(['my-kling', 'wan-2.2']);
    expect(readSettingsRow(row).settings.dailyCapUsd).toBe(7);
  });

  it('never turns an unreadable cap into no cap: it is reported, kept, and replaced only when set again', () => {
    const damaged = { ...fromAnotherBuild, dailyCapUsd: 'five', graphCapUsd: -1 };
    const { settings, kept, unreadableCaps } = readSettingsRow(damaged);
    expect(unreadableCaps).toEqual(['dailyCapUsd', 'graphCapUsd']);
    expect([settings.dailyCapUsd, settings.graphCapUsd]).toEqual([undefined, undefined]);
    // Saved without setting them: still there, still unreadable.
    expect(readSettingsRow(settingsRow(settings, kept)).unreadableCaps).toEqual(['dailyCapUsd', 'graphCapUsd']);
    const fixed = readSettingsRow(settingsRow({ ...settings, dailyCapUsd: 4 }, kept));
    expect([fixed.settings.dailyCapUsd, fixed.unreadableCaps]).toEqual([4, ['graphCapUsd']]);
  });

  it('asks before every paid run when the ask-first amount cannot be read, and reads anything else as defaults', () => {
    expect(readSettingsRow({ confirmAboveUsd: 'lots' }).settings.confirmAboveUsd).toBe(0);
    expect(readSettingsRow('garbage').settings).toEqual(readSettingsRow({}).settings);
    expect(readSettingsRow({ keys: 'nope' }).kept).toEqual({ keys: 'nope' });
  });
});
