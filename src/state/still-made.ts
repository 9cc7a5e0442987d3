import { isArtifactRef, validateGraph, type ArtifactRef } from '../../graph-engine';
import { useGraphStore } from './graph-store';
import { services } from './services';

/**
 * The first still the open graph made, in run order (only the nodes inside `instanceId`, when
 * given): the picture the library shows for a template or a component.
 */
export function firstStillMade(instanceId?: string): ArtifactRef | undefined {
  const state = useGraphStore.getState();
  const { doc } = state;
  if (!doc) return undefined;
  const validation = validateGraph(doc, services().registry);
  const inside = instanceId === undefined ? undefined : new Set(validation.flat.inside.get(instanceId));
  const made = validation.order
    .filter((id) => inside?.has(id) ?? true)
    .flatMap((id) => Object.values(state.outputs[id] ?? {}))
    .flatMap((value) => (Array.isArray(value) ? value : [value]));
  return made.find((value): value is ArtifactRef => isArtifactRef(value) && value.mime.startsWith('image/'));
}
