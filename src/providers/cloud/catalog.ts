import { z } from 'zod';
import type { VideoModel } from '../../../nodes/models/model';
import type { ModelEntry } from './provider';
import { CLOUD_PROVIDERS, type ModelApi, type ProviderName } from './providers.ts';

/** A model as the app calls it: its entry in its provider's folder, and which provider that is. */
export type ProviderModel = ModelEntry<ModelApi> & { provider: ProviderName };
export type ProviderVideoModel = Extract<ProviderModel, { kind: 'video' }>;
export type ProviderImageModel = Extract<ProviderModel, { kind: 'image' }>;

/**
 * The built-in catalog: every provider's models, in the providers' order. One place to update
 * when vendors rename, reprice or retire models is each provider's `models.ts`.
 */
export const CATALOG: readonly ProviderModel[] = CLOUD_PROVIDERS.flatMap((provider) =>
  provider.models.map((model) => ({ ...model, provider: provider.name }) as ProviderModel),
);

/** The wire formats Reelgraph can call, with the provider that speaks each. */
const SPOKEN = CLOUD_PROVIDERS.flatMap((provider) =>
  Object.entries(provider.apis).flatMap(([api, adapters]) =>
    Object.keys(adapters).length > 0 ? [{ api: api as ModelApi, provider: provider.name }] : [],
  ),
);

/**
 * A model the catalog lacks, added by the user in Settings: which wire format it speaks, the
 * vendor's id, and a price so estimates stay honest. Capabilities are the API family's defaults.
 */
export const zCustomModel = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[\w.:-]+$/, 'letters, digits, dot, colon, dash or underscore'),
  label: z.string().trim().min(1).max(120),
  kind: z.enum(['video', 'image']),
  api: z.enum(SPOKEN.map((spoken) => spoken.api) as [ModelApi, ...ModelApi[]]),
  upstream: z.string().trim().min(1).max(200),
  /** Video: dollars per second. Image: dollars per image. */
  price: z.number().min(0).max(100),
  falInputs: z.enum(['kling', 'veo', 'seedance', 'nano-banana']).optional(),
});
export type CustomModel = z.infer<typeof zCustomModel>;

/** The catalog entry of the same API family, whose capabilities a custom model borrows. */
function familyOf(custom: CustomModel): ProviderModel | undefined {
  return CATALOG.find(
    (model) =>
      !model.unavailable &&
      model.api === custom.api &&
      model.kind === custom.kind &&
      (custom.api !== 'fal' || model.falInputs === custom.falInputs),
  );
}

export function toCloudModel(custom: CustomModel): ProviderModel {
  const family = familyOf(custom);
  const base = {
    id: custom.id,
    label: `${custom.label} (custom)`,
    provider: SPOKEN.find((spoken) => spoken.api === custom.api)!.provider,
    api: custom.api,
    upstream: custom.upstream,
    falInputs: custom.falInputs,
    mode: family?.mode,
    route: family?.route,
    stillLimits: family?.stillLimits,
  };
  if (custom.kind === 'image') {
    const sizes =
      family?.kind === 'image'
        ? Object.fromEntries(Object.keys(family.sizes).map((size) => [size, custom.price]))
        : { '1K': custom.price };
    return {
      ...base,
      kind: 'image',
      sizes,
      maxCount: family?.kind === 'image' ? family.maxCount : 4,
      reference: family?.kind === 'image' && family.reference,
    } satisfies ProviderModel;
  }
  const capabilities: VideoModel['capabilities'] =
    family?.kind === 'video'
      ? family.capabilities
      : { endFrame: false, cameraControl: false, audio: 'optional', resolutions: ['720p'], durations: [5] };
  const rates = Object.fromEntries(capabilities.resolutions.map((resolution) => [resolution, custom.price]));
  return { ...base, kind: 'video', capabilities, price: { kind: 'per-second', rates } } satisfies ProviderModel;
}

/** The catalog as this user has it: vendor ids overridden where renamed, custom models added. */
export function resolveCatalog(
  overrides: Readonly<Record<string, string>>,
  custom: readonly CustomModel[],
): ProviderModel[] {
  const builtIn = CATALOG.map((model) => (overrides[model.id] ? { ...model, upstream: overrides[model.id] } : model));
  const ids = new Set(builtIn.map((model) => model.id));
  return [...builtIn, ...custom.filter((model) => !ids.has(model.id)).map(toCloudModel)];
}
