import type { NodeKind } from './registry';

type Params = Record<string, unknown>;

/**
 * The params the inspector leaves out, per kind, for the params as they are: what the node's own
 * view chooses better than a raw field can (a Pick's picks as thumbnails, models as a checklist
 * with prices, a timeline's order by dragging), and what the current mode does not use.
 */
const HIDDEN: Partial<Record<NodeKind, (params: Params) => readonly string[]>> = {
  pick: () => ['picks', 'ratings'],
  animate: () => ['models'],
  assemble: () => ['order', 'clips'],
  still: (params) =>
    params.mode === 'upload'
      ? ['models', 'count', 'seed', 'aspect', 'size']
      : params.mode === 'generate'
        ? ['models', 'file']
        : ['models', 'file'],
  audio: (params) =>
    params.mode === 'file'
      ? ['style', 'tempo', 'root', 'seed']
      : params.mode === 'from-clip'
        ? ['file', 'style', 'tempo', 'root', 'seed']
        : ['file', 'trimIn', 'trimOut'],
};

/** Whether the inspector lists param `name` of a `kind` node with these params. */
export function inspectorShows(kind: string, params: Params, name: string): boolean {
  return !(HIDDEN[kind as NodeKind]?.(params) ?? []).includes(name);
}
