import type { ComponentDef } from '../../graph-engine';
import type { ProviderModel } from '../providers/cloud/catalog';
import { providerNamed, type ProviderName } from '../providers/cloud/providers';

/**
 * The models named by these parts (a component and those it uses; a graph and its components),
 * once each: what running them may spend on.
 */
export function modelsCalledBy(parts: readonly Pick<ComponentDef, 'nodes'>[]): string[] {
  const ids = parts
    .flatMap((definition) => definition.nodes)
    .flatMap((node) => (Array.isArray(node.params.models) ? node.params.models : []))
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

/** A provider whose key running a component needs, and whether this browser (or its server) has it. */
export interface KeyNeed {
  /** Its name in the settings (where its key fields are). */
  name: ProviderName;
  /** Its name as a person knows it. */
  provider: string;
  missing: boolean;
}

/**
 * The keys a component's cloud models need, a provider each, in the catalog's order; local models need none.
 * `missingKey` says why a model cannot be called (its key is absent), as the runner asks it.
 */
export async function keysNeededBy(
  models: readonly string[],
  catalog: readonly ProviderModel[],
  missingKey: (model: string) => Promise<string | undefined>,
): Promise<KeyNeed[]> {
  const needs = new Map<string, KeyNeed>();
  for (const model of catalog.filter((entry) => models.includes(entry.id))) {
    const provider = providerNamed(model.provider);
    // A provider that can sign a call with no key at all (a ComfyUI server of your own) needs none.
    if ((await provider.auth({}, model.api)) !== undefined) continue;
    const missing = (await missingKey(model.id)) !== undefined;
    const need = needs.get(provider.label) ?? { name: model.provider, provider: provider.label, missing: false };
    needs.set(provider.label, { ...need, missing: need.missing || missing });
  }
  return [...needs.values()];
}
