import { ark } from './ark/index.ts';
import { comfyui } from './comfyui/index.ts';
import { fal } from './fal/index.ts';
import { gemini } from './gemini/index.ts';
import { kling } from './kling/index.ts';
import { vertex } from './vertex/index.ts';
import type { ProviderDescriptor } from './provider.ts';

/** Every cloud provider Reelgraph speaks to, in the order Settings shows them. Add a provider here. */
export const CLOUD_PROVIDERS = [kling, gemini, vertex, ark, fal, comfyui] as const;

type Listed = (typeof CLOUD_PROVIDERS)[number];
type KeysOf<D> = D extends ProviderDescriptor<string, infer Key, string> ? Key : never;
type ApisOf<D> = D extends ProviderDescriptor<string, string, infer Api> ? Api : never;

export type ProviderName = Listed['name'];
/** A wire format some provider speaks. */
export type ModelApi = ApisOf<Listed>;
/** A key field in Settings (each provider's own). */
export type KeyName = KeysOf<Listed>;
export type ProviderKeys = Partial<Record<KeyName, string>>;

export const PROVIDER_NAMES = CLOUD_PROVIDERS.map((provider) => provider.name) as [ProviderName, ...ProviderName[]];

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

export function providerNamed(name: ProviderName): ProviderDescriptor<ProviderName> {
  return CLOUD_PROVIDERS.find((provider) => provider.name === name)!;
}

/** Where a base URL can be set for `npm start` and the CLI. */
export const baseUrlEnv = (name: ProviderName) => `REELGRAPH_${name.toUpperCase()}_BASE_URL`;

/** The keys set in an environment (`npm start`, the CLI), by Settings field. */
export function keysFromEnv(env: NodeJS.ProcessEnv): ProviderKeys {
  return Object.fromEntries(
    CLOUD_PROVIDERS.flatMap((provider) =>
      Object.entries(provider.keys).flatMap(([name, { env: variable }]) =>
        env[variable] ? [[name, env[variable]]] : [],
      ),
    ),
  );
}
