import { enablePatches, produce, produceWithPatches, type Patch } from 'immer';
import {
  COMPONENT_KIND,
  makeComponent,
  PATH_SEPARATOR,
  withDefinitions,
  type InstanceParams,
  type TakeSettings,
  type ComponentDef,
  type EdgeDoc,
  type GraphDocument,
  type NodeDoc,
} from '../../graph-engine';
import { nodeRegistry } from '../../nodes';

enablePatches();

/**
 * A named change to a document. The canvas and panels change the graph only through these;
 * each becomes one undo step (recorded as immer patches, not snapshots).
 */
export interface Edit {
  label: string;
  /** Consecutive edits with the same key merge into one undo step (typing in a field). */
  coalesce?: string;
  /** False for changes that are not undo steps (the viewport). */
  undoable?: boolean;
  apply(draft: GraphDocument): void;
}

export interface AppliedEdit {
  doc: GraphDocument;
  patches: Patch[];
  inverse: Patch[];
}

/** Applies an edit and moves `updatedAt` on (outside the patches: undo never rewinds the clock). */
export function applyEdit(doc: GraphDocument, edit: Edit): AppliedEdit {
  const [edited, patches, inverse] = produceWithPatches(doc, (draft) => void edit.apply(draft));
  return { doc: patches.length === 0 ? doc : touch(edited), patches, inverse };
}

export function touch(doc: GraphDocument): GraphDocument {
  return produce(doc, (draft) => void (draft.metadata.updatedAt = new Date().toISOString()));
}

/** What a node's params and takes are set on: the node, or for a node inside a component (`instance/inner`), its instance's settings for it. */
function settingsOf(
  draft: GraphDocument,
  nodeId: string,
): { params: Record<string, unknown>; takes?: TakeSettings } | undefined {
  const node = draft.nodes.find((candidate) => candidate.id === nodeId);
  if (node) return node;
  const instance = draft.nodes.find(
    (candidate) => candidate.kind === COMPONENT_KIND && nodeId.startsWith(candidate.id + PATH_SEPARATOR),
  );
  if (!instance) return undefined;
  const inner = ((instance.params as Partial<InstanceParams>).inner ??= {});
  const settings = (inner[nodeId.slice(instance.id.length + 1)] ??= {});
  settings.params ??= {};
  return settings as { params: Record<string, unknown>; takes?: TakeSettings };
}

export const renameGraph = (name: string): Edit => ({
  label: 'Rename graph',
  coalesce: 'rename',
  apply: (draft) => void (draft.name = name),
});

/** Re-rolls one take of a node (a new seed for that take alone) or drops it, or brings a dropped one back. */
export const editTake = (nodeId: string, takeId: string, change: 'reroll' | 'drop' | 'restore'): Edit => ({
  label: change === 'reroll' ? 'Re-roll take' : change === 'drop' ? 'Drop take' : 'Bring take back',
  apply: (draft) => {
    const node = settingsOf(draft, nodeId);
    if (!node) return;
    const takes = (node.takes ??= {});
    if (change === 'reroll') takes.rerolls = { ...takes.rerolls, [takeId]: (takes.rerolls?.[takeId] ?? 0) + 1 };
    else if (change === 'drop') takes.dropped = [...new Set([...(takes.dropped ?? []), takeId])];
    else takes.dropped = (takes.dropped ?? []).filter((id) => id !== takeId);
    if (takes.dropped?.length === 0) delete takes.dropped;
  },
});

/** How several lists into one node combine: pairwise, every combination, or (undefined) pairwise where their lengths match. */
export const setCombine = (nodeId: string, combine: 'pairwise' | 'product' | undefined): Edit => ({
  label: 'Change how takes combine',
  apply: (draft) => {
    const node = settingsOf(draft, nodeId);
    if (!node) return;
    if (combine) (node.takes ??= {}).combine = combine;
    else if (node.takes) delete node.takes.combine;
  },
});

export const setParams = (nodeId: string, patch: Record<string, unknown>): Edit => ({
  label: 'Edit settings',
  coalesce: `params:${nodeId}:${Object.keys(patch).sort().join(',')}`,
  apply: (draft) => {
    const node = settingsOf(draft, nodeId);
    if (!node) return;
    for (const [name, value] of Object.entries(patch)) {
      if (value === undefined) delete node.params[name];
      else node.params[name] = value;
    }
  },
});

export const setCollapsed = (nodeId: string, collapsed: boolean): Edit => ({
  label: collapsed ? 'Collapse node' : 'Expand node',
  apply: (draft) => {
    const node = draft.nodes.find((candidate) => candidate.id === nodeId);
    if (!node) return;
    if (collapsed) node.collapsed = true;
    else delete node.collapsed;
  },
});

export const renameNode = (nodeId: string, title: string): Edit => ({
  label: 'Rename node',
  coalesce: `title:${nodeId}`,
  apply: (draft) => {
    const node = draft.nodes.find((candidate) => candidate.id === nodeId);
    if (!node) return;
    if (title.trim() === '') delete node.title;
    else node.title = title.slice(0, 200);
  },
});

export const moveNodes = (moves: ReadonlyMap<string, { x: number; y: number }>, label?: string): Edit => ({
  label: label ?? (moves.size === 1 ? 'Move node' : `Move ${moves.size} nodes`),
  apply: (draft) => {
    for (const node of draft.nodes) {
      const to = moves.get(node.id);
      if (to) node.position = to;
    }
  },
});

export const addNode = (node: NodeDoc): Edit => ({ label: 'Add node', apply: (draft) => void draft.nodes.push(node) });

export const removeNodes = (ids: ReadonlySet<string>): Edit => ({
  label: ids.size === 1 ? 'Delete node' : `Delete ${ids.size} nodes`,
  apply: (draft) => {
    draft.nodes = draft.nodes.filter((node) => !ids.has(node.id));
    draft.edges = draft.edges.filter((candidate) => !ids.has(candidate.from.node) && !ids.has(candidate.to.node));
    if (!draft.groups) return;
    for (const group of draft.groups) group.nodes = group.nodes.filter((id) => !ids.has(id));
    draft.groups = draft.groups.filter((group) => group.nodes.length > 0);
  },
});

export const groupNodes = (id: string, nodeIds: readonly string[], label: string): Edit => ({
  label: 'Group',
  apply: (draft) => {
    const members = new Set(nodeIds);
    // A node sits in one frame: grouping takes it out of any other.
    for (const group of draft.groups ?? []) group.nodes = group.nodes.filter((node) => !members.has(node));
    draft.groups = [
      ...(draft.groups ?? []).filter((group) => group.nodes.length > 0),
      { id, label, nodes: [...members] },
    ];
  },
});

/** Makes the chosen nodes one component: its definition joins the graph, and one instance (`instance`, its new id) takes their place. */
export function makeComponentOf(nodeIds: ReadonlySet<string>): Edit & { instance: string } {
  const ids = {
    component: `component-${crypto.randomUUID()}`,
    instance: `component-${crypto.randomUUID().slice(0, 8)}`,
  };
  return {
    label: 'Make component',
    instance: ids.instance,
    apply: (draft) => {
      const made = makeComponent(draft, nodeIds, ids, nodeRegistry);
      if (!made) return;
      draft.nodes = made.nodes;
      draft.edges = made.edges;
      draft.components = made.components;
      if (made.groups) draft.groups = made.groups;
    },
  };
}

export const ungroup = (groupId: string): Edit => ({
  label: 'Ungroup',
  apply: (draft) => void (draft.groups = (draft.groups ?? []).filter((group) => group.id !== groupId)),
});

export const renameGroup = (groupId: string, label: string): Edit => ({
  label: 'Rename group',
  coalesce: `group:${groupId}`,
  apply: (draft) => {
    const group = draft.groups?.find((candidate) => candidate.id === groupId);
    if (group) group.label = label.slice(0, 200);
  },
});

/** Adds nodes and wires, with the component definitions they use that the graph does not hold yet. */
export const addNodes = (
  nodes: readonly NodeDoc[],
  edges: readonly EdgeDoc[],
  label: string,
  components: readonly ComponentDef[] = [],
): Edit => ({
  label,
  apply: (draft) => {
    draft.nodes.push(...nodes);
    draft.edges.push(...edges);
    if (components.length > 0) draft.components = withDefinitions(draft.components, components);
  },
});

export const connect = (connection: EdgeDoc): Edit => ({
  label: 'Connect',
  apply: (draft) => void draft.edges.push(connection),
});

export const removeEdges = (ids: ReadonlySet<string>): Edit => ({
  label: ids.size === 1 ? 'Disconnect' : `Remove ${ids.size} connections`,
  apply: (draft) => void (draft.edges = draft.edges.filter((candidate) => !ids.has(candidate.id))),
});

export const setViewport = (viewport: GraphDocument['viewport']): Edit => ({
  label: 'Pan and zoom',
  undoable: false,
  apply: (draft) => void (draft.viewport = viewport),
});
