import { z } from 'zod';
import { zCustomModel } from './catalog.ts';
import { CLOUD_PROVIDERS, PROVIDER_NAMES, type KeyName } from './providers.ts';

const zUrl = z.url({ protocol: /^https?$/ }).refine((url) => !url.endsWith('/'), 'leave out the trailing slash');
const zProviderName = z.enum(PROVIDER_NAMES);
const KEY_NAMES = CLOUD_PROVIDERS.flatMap((provider) => Object.keys(provider.keys) as KeyName[]);

/** What Settings holds about cloud providers. Kept in this browser only; never exported. */
export const zProviderSettings = z.object({
  keys: z
    .object(
      Object.fromEntries(KEY_NAMES.map((name) => [name, z.string().trim().max(4096).optional()])) as Record<
        KeyName,
        z.ZodOptional<z.ZodString>
      >,
    )
    .default({}),
  baseUrls: z.partialRecord(zProviderName, zUrl).default({}),
  /** For servers the person runs (ComfyUI): every one, the first also the default; a take goes to the least loaded. */
  servers: z.partialRecord(zProviderName, z.array(zUrl).max(16)).default({}),
  /** Our model id → the vendor's current id, for renamed models. */
  modelIds: z.record(z.string(), z.string().trim().min(1).max(200)).default({}),
  customModels: z.array(zCustomModel).max(50).default([]),
  /** Ask before a run whose estimate is above this many dollars. */
  confirmAboveUsd: z.number().min(0).max(10_000).default(1),
  /** Refuse a run that would take today's spend (from local midnight) above this many dollars. */
  dailyCapUsd: z.number().min(0).max(100_000).optional(),
  /** Refuse a run that would take one graph's spend above this many dollars. */
  graphCapUsd: z.number().min(0).max(100_000).optional(),
  /** Jobs in flight per provider. */
  concurrency: z.partialRecord(zProviderName, z.number().int().min(1).max(20)).default({}),
});
export type ProviderSettings = z.infer<typeof zProviderSettings>;

export function defaultProviderSettings(): ProviderSettings {
  return zProviderSettings.parse({});
}
