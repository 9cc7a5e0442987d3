import { z } from 'zod';
import { CATALOG, type CloudModel, type ImageModel, type VideoModel } from './catalog.ts';

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
  api: z.enum(['kling-v1', 'kling-3', 'kling-image', 'veo', 'nano-banana', 'seedance', 'fal']),
  upstream: z.string().trim().min(1).max(200),
  /** Video: dollars per second. Image: dollars per image. */
  price: z.number().min(0).max(100),
  falInputs: z.enum(['kling', 'veo', 'seedance', 'nano-banana']).optional(),
});
export type CustomModel = z.infer<typeof zCustomModel>;

const PROVIDER_OF = {
  'kling-v1': 'kling',
  'kling-3': 'kling',
  'kling-image': 'kling',
  veo: 'gemini',
  'nano-banana': 'gemini',
  seedance: 'ark',
  fal: 'fal',
} as const satisfies Partial<Record<CloudModel['api'], string>>;

/** The catalog entry of the same API family, whose capabilities a custom model borrows. */
function familyOf(custom: CustomModel): CloudModel | undefined {
  return CATALOG.find(
    (model) =>
      !model.unavailable &&
      model.api === custom.api &&
      model.kind === custom.kind &&
      (custom.api !== 'fal' || model.falInputs === custom.falInputs),
  );
}

export function toCloudModel(custom: CustomModel): CloudModel {
  const family = familyOf(custom);
  const base = {
    id: custom.id,
    label: `${custom.label} (custom)`,
    provider: PROVIDER_OF[custom.api],
    api: custom.api,
    upstream: custom.upstream,
    falInputs: custom.falInputs,
    mode: family?.mode,
    route: family?.route,
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
    } satisfies ImageModel;
  }
  const capabilities: VideoModel['capabilities'] =
    family?.kind === 'video'
      ? family.capabilities
      : { endFrame: false, cameraControl: false, audio: 'optional', resolutions: ['720p'], durations: [5] };
  const rates = Object.fromEntries(capabilities.resolutions.map((resolution) => [resolution, custom.price]));
  return { ...base, kind: 'video', capabilities, price: { kind: 'per-second', rates } } satisfies VideoModel;
}

/** The catalog as this user has it: vendor ids overridden where renamed, custom models added. */
export function resolveCatalog(
  overrides: Readonly<Record<string, string>>,
  custom: readonly CustomModel[],
): CloudModel[] {
  const builtIn = CATALOG.map((model) => (overrides[model.id] ? { ...model, upstream: overrides[model.id] } : model));
  const ids = new Set(builtIn.map((model) => model.id));
  return [...builtIn, ...custom.filter((model) => !ids.has(model.id)).map(toCloudModel)];
}
