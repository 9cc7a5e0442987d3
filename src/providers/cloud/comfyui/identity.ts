import type { ProviderIdentity } from '../provider.ts';

/** Its own module, so this provider's adapters can name it in their errors without importing its descriptor. */
export const COMFYUI = { name: 'comfyui', label: 'ComfyUI' } as const satisfies ProviderIdentity;
