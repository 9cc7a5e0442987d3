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

/**
 * The inputs a kind does not use in its current mode (a photo has no prompt): the node hides them
 * unless a wire is connected there.
 */
const UNUSED_INPUTS: Partial<Record<NodeKind, (params: Params) => readonly string[]>> = {
  still: (params) => (params.mode === 'upload' ? ['prompt', 'reference'] : []),
};

/** Whether a `kind` node with these params uses its input `port`. */
export function inputUsed(kind: string, params: Params, port: string): boolean {
  return !(UNUSED_INPUTS[kind as NodeKind]?.(params) ?? []).includes(port);
}
