/**
 * What a host (the MCP server, the HTTP API) does to the graph open in the app's page: open one,
 * read it with each node's state, and give its nodes files from disk, streamed to the page.
 */
import { resolve } from 'node:path';
import { validateGraph, type GraphDocument, type NodeDoc } from '../graph-engine';
import { nodeRegistry } from '../nodes';
import type { AppSession } from './app-session';
import { CliError } from './cli-error';
import { readBinding } from './render-plan';

/** Opens a graph in the page (replacing the open one under its own id), or says why the app refused it. */
export async function openGraph(app: AppSession, doc: GraphDocument): Promise<void> {
  const loaded = await app.page.evaluate((json) => window.reelgraph!.loadGraph(json), JSON.stringify(doc));
  if (!loaded.ok)
    throw new CliError(`the app refused the graph: ${loaded.errors[0].path}: ${loaded.errors[0].message}`);
}

/** The open graph as the page holds it, with each node's state, the estimate and what each node made. */
export async function openState(app: AppSession, whenNone = 'no graph is open') {
  const state = await app.page.evaluate(async () => {
    // As the graph is now, not as it was before the last edit.
    await window.reelgraph!.refresh();
    const { doc, runState, estimate, outputs } = window.reelgraph!.state();
    return { doc, runState, estimate, outputs };
  });
  if (!state.doc) throw new CliError(whenNone);
  return state as typeof state & { doc: GraphDocument };
}

/**
 * Files from disk for nodes of `doc`, each judged as its node's kind takes files (its type, and a
 * photo's size from its first bytes), all before any is sent: a refused one changes nothing.
 */
export function judgeFiles(
  doc: GraphDocument,
  /** Each with what a refusal calls it (its flag on the command line, by default). */
  files: readonly { nodeId: string; path: string; named?: string }[],
): FileBinding[] {
  // Nodes inside components too, by their path ids.
  const kinds = new Map(validateGraph(doc, nodeRegistry).flat.nodes.map((node) => [node.id, node.kind]));
  return files.map(({ nodeId, path, named }) => readBinding(nodeId, resolve(path), kinds, named));
}

export type FileBinding = ReturnType<typeof readBinding>;

/** Binds judged files to their nodes in the open graph, each streamed to the page and kept as a person's drop is. */
export async function bindFiles(app: AppSession, bindings: readonly FileBinding[]): Promise<void> {
  for (const binding of bindings)
    await app.page.evaluate(({ node, url, mime }) => window.reelgraph!.bindFileFrom(node, url, mime), {
      node: binding.nodeId,
      mime: binding.mime,
      url: app.host.offer(binding.path, binding.mime),
    });
}

/** The graph with every Pick (those inside its components too) keeping its first candidate instead of waiting for a person. */
export function withAutoPick(doc: GraphDocument): GraphDocument {
  const picking = (nodes: NodeDoc[]) =>
    nodes.map((node) => (node.kind === 'pick' ? { ...node, params: { ...node.params, autoPick: true } } : node));
  return {
    ...doc,
    nodes: picking(doc.nodes),
    ...(doc.components
      ? { components: doc.components.map((component) => ({ ...component, nodes: picking(component.nodes) })) }
      : {}),
  };
}
