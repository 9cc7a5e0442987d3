import { describe, expect, it } from 'vitest';
import { zCameraParams } from '../../../nodes/camera/schema';
import { mapCamera } from '../../../nodes/models/camera-mapping';
import { fitVideo, imageSizeFor, videoCost } from '../../../nodes/models/fit';
import { isRetired } from '../../../nodes/models/model';
import { CATALOG, resolveCatalog, type ProviderVideoModel } from './catalog';
import type { ApiAdapters } from './provider';
import { CLOUD_PROVIDERS } from './providers';

const video = (id: string) => CATALOG.find((model) => model.id === id) as ProviderVideoModel;

describe('the provider list', () => {
  it('names each provider once, and every model of a provider is one its API can make or says why not', () => {
    expect(new Set(CLOUD_PROVIDERS.map((provider) => provider.name)).size).toBe(CLOUD_PROVIDERS.length);
    for (const provider of CLOUD_PROVIDERS) {
      const apis = provider.apis as Record<string, ApiAdapters>;
      for (const model of provider.models) {
        const adapters = apis[model.api];
        const makes = model.kind === 'video' ? adapters.video : (adapters.image ?? adapters.imageNow);
        expect(makes !== undefined || model.unavailable !== undefined, `${provider.name}: ${model.id}`).toBe(true);
      }
    }
  });

  it('keeps key fields and their environment variables unique across providers', () => {
    const keys = CLOUD_PROVIDERS.flatMap((provider) => Object.entries(provider.keys));
    expect(new Set(keys.map(([name]) => name)).size).toBe(keys.length);
    expect(new Set(keys.map(([, key]) => key.env)).size).toBe(keys.length);
  });
});

describe('the model catalog', () => {
  it('has unique ids and a price for every resolution it offers (nothing, on the person’s own GPU)', () => {
    expect(new Set(CATALOG.map((model) => model.id)).size).toBe(CATALOG.length);
    for (const model of CATALOG) {
      if (model.kind !== 'video') continue;
      for (const resolution of model.capabilities.resolutions) {
        const cost = videoCost(model, { duration: 5, resolution, audio: false, notes: [] });
        if (model.provider === 'comfyui') expect(cost, `${model.id} ${resolution}`).toBe(0);
        else expect(cost, `${model.id} ${resolution}`).toBeGreaterThan(0);
      }
    }
  });

  it('fits a request to what a model makes, and says so', () => {
    expect(fitVideo(video('veo-3.1'), { duration: 5, resolution: '1080p', audio: false })).toEqual({
      duration: 8,
      resolution: '1080p',
      audio: true,
      notes: ['8 s (the nearest length it makes)', 'always makes sound'],
    });
    expect(fitVideo(video('kling-v3-std'), { duration: 8, resolution: '4k', audio: true })).toMatchObject({
      duration: 10,
      resolution: '720p',
      audio: true,
    });
    expect(fitVideo(video('veo-3.1-lite'), { duration: 4, resolution: '4k', audio: false }).resolution).toBe('1080p');
  });

  it('prices per second, per clip and per token', () => {
    expect(videoCost(video('kling-v3-pro'), { duration: 10, resolution: '1080p', audio: true, notes: [] })).toBeCloseTo(
      1.68,
    );
    expect(
      videoCost(video('kling-v2-6-pro'), { duration: 10, resolution: '1080p', audio: false, notes: [] }),
    ).toBeCloseTo(0.7);
    // BytePlus's worked example: 720p 16:9 5 s = 108,900 tokens.
    expect(videoCost(video('seedance-2.0'), { duration: 5, resolution: '720p', audio: false, notes: [] })).toBeCloseTo(
      0.1089 * 4.3,
      4,
    );
  });

  it('applies renamed vendor ids and adds custom models with their family’s capabilities', () => {
    const models = resolveCatalog({ 'veo-3.1': 'veo-3.1-generate-001' }, [
      { id: 'my-veo', label: 'My Veo', kind: 'video', api: 'veo', upstream: 'veo-next', price: 0.3 },
    ]);
    expect(models.find((model) => model.id === 'veo-3.1')!.upstream).toBe('veo-3.1-generate-001');
    const custom = models.find((model) => model.id === 'my-veo') as ProviderVideoModel;
    expect(custom).toMatchObject({ provider: 'gemini', label: 'My Veo (custom)' });
    expect(custom.capabilities.durations).toEqual([4, 6, 8]);
    expect(videoCost(custom, fitVideo(custom, { duration: 6, resolution: '720p', audio: false }))).toBeCloseTo(1.8);
  });

  it('knows retirement dates', () => {
    expect(isRetired(video('veo-3.1'), new Date('2026-11-24'))).toBe(true);
    expect(isRetired(video('kling-v3-std'), new Date('2026-11-24'))).toBe(false);
  });

  it('picks image sizes from the long edge', () => {
    const banana = CATALOG.find((model) => model.id === 'nano-banana-2');
    if (banana?.kind !== 'image') throw new Error('catalog lost Nano Banana 2');
    expect([imageSizeFor(banana, 500), imageSizeFor(banana, 1280), imageSizeFor(banana, 4096)]).toEqual([
      '512',
      '2K',
      '4K',
    ]);
  });
});

describe('camera mapping', () => {
  it('is exact locally, native for one axis on Kling 1.5 Pro, and words elsewhere', () => {
    const push = zCameraParams.parse({ zoom: 4 });
    expect(mapCamera('local', push)).toEqual({ kind: 'exact' });
    expect(mapCamera(video('kling-v1-5-pro'), push)).toMatchObject({ kind: 'native', config: { zoom: -4, pan: 0 } });
    // Kling's pan is our tilt (up and down) and its tilt our pan (left and right), signs alike.
    expect(mapCamera(video('kling-v1-5-pro'), zCameraParams.parse({ pan: 4 }))).toMatchObject({
      kind: 'native',
      config: { pan: 0, tilt: 4 },
    });
    expect(mapCamera(video('kling-v1-5-pro'), zCameraParams.parse({ tilt: -3 }))).toMatchObject({
      kind: 'native',
      config: { pan: -3, tilt: 0 },
    });
    expect(
      mapCamera(video('kling-v1-5-pro'), zCameraParams.parse({ zoom: 4, keyframes: [{ at: 0.5, axes: { zoom: 1 } }] })),
    ).toMatchObject({ kind: 'prompt', reason: 'native camera control has no keyframes' });
    expect(mapCamera(video('veo-3.1'), push)).toEqual({
      kind: 'prompt',
      text: 'Camera: the camera pushes in steadily, over 5 s, ease-in-out.',
      reason: 'Veo 3.1 has no camera control',
    });
    expect(mapCamera(video('veo-3.1'), undefined)).toEqual({ kind: 'none' });
  });
});
