import { settingsAt } from './settings-at';
import type { AppInput, AppOutput, GraphDocument } from './schema';

/** The app's inputs that name a node the graph holds, in the form's order (one naming a node deleted since is left out). */
export function appInputsOf(doc: Pick<GraphDocument, 'nodes' | 'app'>): AppInput[] {
  const ids = new Set(doc.nodes.map((node) => node.id));
  return (doc.app?.inputs ?? []).filter((input) => ids.has(input.node));
}

/** The app's outputs that name a node the graph holds (one deleted since is left out). */
export function appOutputsOf(doc: Pick<GraphDocument, 'nodes' | 'app'>): AppOutput[] {
  const ids = new Set(doc.nodes.map((node) => node.id));
  return (doc.app?.outputs ?? []).filter((output) => ids.has(output.from.node));
}

/** An input's value now: its param, or its entry of a record param (a Prompt's variable). */
export function appInputValue(doc: Pick<GraphDocument, 'nodes'>, input: AppInput): unknown {
  const params = doc.nodes.find((node) => node.id === input.node)?.params;
  const value = params && Object.hasOwn(params, input.param) ? params[input.param] : undefined;
  if (input.key === undefined) return value;
  return value !== null && typeof value === 'object' && Object.hasOwn(value, input.key)
    ? (value as Record<string, unknown>)[input.key]
    : undefined;
}

/** Sets an input's value in a graph being changed (a draft, or a copy): the node's param, or its record entry. */
export function setAppInputValue(graph: Pick<GraphDocument, 'nodes'>, input: AppInput, value: unknown): void {
  const settings = settingsAt(graph, input.node);
  if (!settings) return;
  if (input.key === undefined) {
    settings.params[input.param] = value;
    return;
  }
  const record = settings.params[input.param];
  settings.params[input.param] = {
    ...(record !== null && typeof record === 'object' ? record : {}),
    [input.key]: value,
  };
}
