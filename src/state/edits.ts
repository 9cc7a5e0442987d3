import { produce } from 'immer';
import type { EdgeDoc, GraphDocument, NodeDoc } from '../../graph-engine';

/**
 * Named, pure edits of a document. Each returns a new document with `updatedAt` moved on;
 * the canvas and panels change the graph only through these.
 */
function edit(doc: GraphDocument, recipe: (draft: GraphDocument) => void): GraphDocument {
  return produce(doc, (draft) => {
    recipe(draft);
    draft.metadata.updatedAt = new Date().toISOString();
  });
}

export const renameGraph = (doc: GraphDocument, name: string) => edit(doc, (draft) => void (draft.name = name));

export const setParams = (doc: GraphDocument, nodeId: string, patch: Record<string, unknown>) =>
  edit(doc, (draft) => {
    const node = draft.nodes.find((candidate) => candidate.id === nodeId);
    if (!node) return;
    for (const [name, value] of Object.entries(patch)) {
      if (value === undefined) delete node.params[name];
      else node.params[name] = value;
    }
  });

export const moveNodes = (doc: GraphDocument, moves: ReadonlyMap<string, { x: number; y: number }>) =>
  edit(doc, (draft) => {
    for (const node of draft.nodes) {
      const to = moves.get(node.id);
      if (to) node.position = to;
    }
  });

export const addNode = (doc: GraphDocument, node: NodeDoc) => edit(doc, (draft) => void draft.nodes.push(node));

export const removeNodes = (doc: GraphDocument, ids: ReadonlySet<string>) =>
  edit(doc, (draft) => {
    draft.nodes = draft.nodes.filter((node) => !ids.has(node.id));
    draft.edges = draft.edges.filter((candidate) => !ids.has(candidate.from.node) && !ids.has(candidate.to.node));
  });

export const connect = (doc: GraphDocument, connection: EdgeDoc) => edit(doc, (draft) => void draft.edges.push(connection));

export const removeEdges = (doc: GraphDocument, ids: ReadonlySet<string>) =>
  edit(doc, (draft) => void (draft.edges = draft.edges.filter((candidate) => !ids.has(candidate.id))));

export const setViewport = (doc: GraphDocument, viewport: GraphDocument['viewport']) =>
  produce(doc, (draft) => void (draft.viewport = viewport));
