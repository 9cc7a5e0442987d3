import { z } from 'zod';
import type { ProviderName } from '../../../nodes/models/catalog';
import { zCustomModel } from '../../../nodes/models/custom.ts';

export const PROVIDERS: readonly ProviderName[] = ['kling', 'gemini', 'ark', 'fal'];

/** Official hosts (providers.md); each can be replaced in Settings or with REELGRAPH_<PROVIDER>_BASE_URL. */
export const DEFAULT_BASE_URLS: Record<ProviderName, string> = {
  kling: 'https://api-singapore.klingai.com',
  gemini: 'https://generativelanguage.googleapis.com',
  ark: 'https://ark.ap-southeast.bytepluses.com/api/v3',
  fal: 'https://queue.fal.run',
};

/** The environment variables `npm start` and the CLI read; the browser never sees their values. */
export const ENV_KEYS = {
  klingAccessKey: 'KLING_ACCESS_KEY',
  klingSecretKey: 'KLING_SECRET_KEY',
  klingApiKey: 'KLING_API_KEY',
  geminiApiKey: 'GEMINI_API_KEY',
  arkApiKey: 'ARK_API_KEY',
  falKey: 'FAL_KEY',
} as const;
export type KeyName = keyof typeof ENV_KEYS;
export type ProviderKeys = Partial<Record<KeyName, string>>;

export const KEYS_OF: Record<ProviderName, readonly KeyName[]> = {
  kling: ['klingAccessKey', 'klingSecretKey', 'klingApiKey'],
  gemini: ['geminiApiKey'],
  ark: ['arkApiKey'],
  fal: ['falKey'],
};

export const baseUrlEnv = (provider: ProviderName) =>
  `REELGRAPH_${{ kling: 'KLING', gemini: 'GEMINI', ark: 'ARK', fal: 'FAL' }[provider]}_BASE_URL`;

const zUrl = z.url({ protocol: /^https?$/ }).refine((url) => !url.endsWith('/'), 'leave out the trailing slash');

/** What Settings holds about cloud providers. Kept in this browser only; never exported. */
export const zProviderSettings = z.object({
  keys: z
    .object(
      Object.fromEntries(Object.keys(ENV_KEYS).map((name) => [name, z.string().trim().max(4096).optional()])) as Record<
        KeyName,
        z.ZodOptional<z.ZodString>
      >,
    )
    .default({}),
  baseUrls: z.partialRecord(z.enum(['kling', 'gemini', 'ark', 'fal']), zUrl).default({}),
  /** Our model id → the vendor's current id, for renamed models. */
  modelIds: z.record(z.string(), z.string().trim().min(1).max(200)).default({}),
  customModels: z.array(zCustomModel).max(50).default([]),
  /** Ask before a run whose estimate is above this many dollars. */
  confirmAboveUsd: z.number().min(0).max(10_000).default(1),
  /** Jobs in flight per provider. */
  concurrency: z.partialRecord(z.enum(['kling', 'gemini', 'ark', 'fal']), z.number().int().min(1).max(20)).default({}),
});
export type ProviderSettings = z.infer<typeof zProviderSettings>;

export const DEFAULT_CONCURRENCY: Record<ProviderName, number> = { kling: 3, gemini: 2, ark: 3, fal: 2 };

export function defaultProviderSettings(): ProviderSettings {
  return zProviderSettings.parse({});
}
