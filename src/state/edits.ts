import { enablePatches, produce, produceWithPatches, type Patch } from 'immer';
import {
  COMPONENT_KIND,
  definitionsUsedBy,
  openedAt,
  setAppInputValue,
  appInputsOf,
  settingsAt,
  findDefinition,
  makeComponent,
  renamedNodes,
  PATH_SEPARATOR,
  withDefinitions,
  retargeted,
  type InstanceParams,
  type AppInput,
  type AppOutput,
  type PortRef,
  type ComponentDef,
  type ComponentRef,
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
  /** A change to the graph itself, never to the inside of a component opened on the canvas. */
  outside?: boolean;
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

export const renameGraph = (name: string): Edit => ({
  label: 'Rename graph',
  coalesce: 'rename',
  apply: (draft) => void (draft.name = name),
});

/** Re-rolls one take of a node (a new seed for that take alone) or drops it, or brings a dropped one back. */
export const editTake = (nodeId: string, takeId: string, change: 'reroll' | 'drop' | 'restore'): Edit => ({
  label: change === 'reroll' ? 'Re-roll take' : change === 'drop' ? 'Drop take' : 'Bring take back',
  // A take is of one use of a component: made on the graph by path id, even while the component is opened.
  outside: true,
  apply: (draft) => {
    const node = settingsAt(draft, nodeId);
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
    const node = settingsAt(draft, nodeId);
    if (!node) return;
    if (combine) (node.takes ??= {}).combine = combine;
    else if (node.takes) delete node.takes.combine;
  },
});

export const setParams = (nodeId: string, patch: Record<string, unknown>): Edit => ({
  label: 'Edit settings',
  coalesce: `params:${nodeId}:${Object.keys(patch).sort().join(',')}`,
  apply: (draft) => {
    const node = settingsAt(draft, nodeId);
    if (!node) return;
    for (const [name, value] of Object.entries(patch)) {
      if (value === undefined) delete node.params[name];
      else node.params[name] = value;
    }
  },
});

/**
 * A person's choice among what a node was given (a Pick's picks): set for this use of a component
 * alone, so made on the graph (by path id) even while the component is opened.
 */
export const choose = (nodeId: string, patch: Record<string, unknown>): Edit => ({
  ...setParams(nodeId, patch),
  outside: true,
});

/** An edit of a node's params from its own view: a person's choices (its kind's `choices`) go to the use, the rest to the node. */
export function paramsEdit(nodeId: string, kind: string, patch: Record<string, unknown>): Edit {
  const choices: readonly string[] = nodeRegistry.get(kind)?.choices ?? [];
  const names = Object.keys(patch);
  return names.length > 0 && names.every((name) => choices.includes(name))
    ? choose(nodeId, patch)
    : setParams(nodeId, patch);
}

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
    outside: true,
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

/** A component's definition in the draft, by the id and version an instance names. */
function definitionIn(draft: GraphDocument, ref: ComponentRef): ComponentDef | undefined {
  return findDefinition(draft.components ?? [], ref);
}

/** Sets params of a node inside a component's definition: every instance of it changes, in one step. */
export const setDefinitionParams = (ref: ComponentRef, innerId: string, patch: Record<string, unknown>): Edit => ({
  label: 'Edit component',
  coalesce: `definition:${ref.id}@${ref.version}:${innerId}:${Object.keys(patch).sort().join(',')}`,
  apply: (draft) => {
    const inner = definitionIn(draft, ref)?.nodes.find((node) => node.id === innerId);
    if (!inner) return;
    for (const [name, value] of Object.entries(patch)) {
      if (value === undefined) delete inner.params[name];
      else inner.params[name] = value;
    }
  },
});

/** Names or describes a component: every instance shows it, and the library keeps it with its next save. */
export const describeComponent = (ref: ComponentRef, change: { name?: string; description?: string }): Edit => ({
  label: 'Describe component',
  coalesce: `describe:${ref.id}@${ref.version}:${Object.keys(change).sort().join(',')}`,
  apply: (draft) => {
    const def = definitionIn(draft, ref);
    if (!def) return;
    if (change.name !== undefined) def.name = change.name.slice(0, 200);
    if (change.description !== undefined) {
      if (change.description.trim() === '') delete def.description;
      else def.description = change.description.slice(0, 2_000);
    }
  },
});

/** `base`, or `base2`, `base3`…: the first that none of `named` has, for a new border port or shown param. */
function unusedName(named: readonly { name: string }[], base: string): string {
  const taken = new Set(named.map((each) => each.name));
  // Within the schema's 100 characters, number included.
  const stem = base.slice(0, 90);
  let name = stem;
  for (let n = 2; taken.has(name); n++) name = `${stem}${n}`;
  return name;
}

/**
 * Shows an inner param on the component's node (each instance then sets it for itself), or stops
 * showing it; what instances had set for it is kept.
 */
export const showOnComponent = (
  ref: ComponentRef,
  innerId: string,
  param: string,
  shown: boolean,
  label: string,
): Edit => ({
  label: shown ? 'Show on component' : 'Stop showing on component',
  apply: (draft) => {
    const def = definitionIn(draft, ref);
    if (!def) return;
    const showing = def.params.some((each) => each.node === innerId && each.param === param);
    if (!shown) def.params = def.params.filter((each) => each.node !== innerId || each.param !== param);
    else if (!showing)
      def.params.push({ name: unusedName(def.params, param), label: label.slice(0, 200), node: innerId, param });
  },
});

/**
 * Makes an inner port one of the component's border ports (an input taken from outside, an output
 * handed out), or stops it being one: each instance then has that port to wire on the graph. An
 * input port already fed by a wire inside is left as it is; a wire to a port that goes stays, and
 * says so (a wire to a port the component no longer has blocks what it feeds).
 */
export const borderPort = (
  ref: ComponentRef,
  side: 'input' | 'output',
  at: PortRef,
  on: boolean,
  label: string,
): Edit => ({
  label: on ? (side === 'input' ? 'Take from outside' : 'Hand out of the component') : 'Remove border port',
  apply: (draft) => {
    const def = definitionIn(draft, ref);
    if (!def) return;
    const same = (ref: PortRef) => ref.node === at.node && ref.port === at.port;
    if (!on) {
      if (side === 'input') {
        for (const port of def.inputs) port.to = port.to.filter((to) => !same(to));
        def.inputs = def.inputs.filter((port) => port.to.length > 0);
      } else def.outputs = def.outputs.filter((port) => !same(port.from));
      return;
    }
    const name = unusedName(side === 'input' ? def.inputs : def.outputs, at.port);
    if (side === 'input') {
      if (def.inputs.some((port) => port.to.some(same)) || def.edges.some((edge) => same(edge.to))) return;
      def.inputs.push({ name, label: label.slice(0, 200), to: [at] });
    } else if (!def.outputs.some((port) => same(port.from)))
      def.outputs.push({ name, label: label.slice(0, 200), from: at });
  },
});

/**
 * Shows a setting in the graph's app form (a node's param, or a record param's entry: a Prompt's
 * variable), at the end, or stops showing it. The graph keeps its value either way.
 */
export const showInApp = (setting: Omit<AppInput, 'name'>, shown: boolean): Edit => ({
  label: shown ? 'Show in app' : 'Stop showing in app',
  outside: true,
  apply: (draft) => {
    const app = (draft.app ??= { inputs: [], outputs: [] });
    const same = (input: AppInput) =>
      input.node === setting.node && input.param === setting.param && input.key === setting.key;
    if (!shown) app.inputs = app.inputs.filter((input) => !same(input));
    else if (!app.inputs.some(same))
      app.inputs.push({
        ...setting,
        name: unusedName(app.inputs, setting.key ?? setting.param),
        label: setting.label?.slice(0, 200),
      });
  },
});

/** The author naming an input or an output of the app; an empty label gives back its own name. */
export const labelInApp = (list: 'inputs' | 'outputs', name: string, label: string): Edit => ({
  label: 'Rename in the app',
  coalesce: `app-label:${list}:${name}`,
  outside: true,
  apply: (draft) => {
    const named = (draft.app?.[list] as { name: string; label?: string }[] | undefined)?.find(
      (candidate) => candidate.name === name,
    );
    if (!named) return;
    if (label.trim()) named.label = label.slice(0, 200);
    else delete named.label;
  },
});

/** Moves an input one place up (-1) or down (+1) the form as it shows (past inputs of deleted nodes). */
export const moveAppInput = (name: string, by: -1 | 1): Edit => ({
  label: 'Reorder the app',
  outside: true,
  apply: (draft) => {
    const inputs = draft.app?.inputs;
    if (!inputs) return;
    const shown = appInputsOf(draft).map((input) => input.name);
    const neighbour = shown[shown.indexOf(name) + by];
    if (!shown.includes(name) || neighbour === undefined) return;
    const [at, to] = [name, neighbour].map((each) => inputs.findIndex((input) => input.name === each));
    [inputs[at], inputs[to]] = [inputs[to], inputs[at]];
  },
});

/** What the app is for, said at the top of its form (empty: nothing said). */
export const describeApp = (description: string): Edit => ({
  label: 'Describe the app',
  coalesce: 'app-description',
  outside: true,
  apply: (draft) => {
    const app = (draft.app ??= { inputs: [], outputs: [] });
    if (description.trim()) app.description = description.slice(0, 2_000);
    else delete app.description;
  },
});

/** How many outputs an app may hand back (as the document schema holds it). */
export const MAX_APP_OUTPUTS = 20;

/** Hands a node's output back in the app (under `label`), or stops; refused past MAX_APP_OUTPUTS. */
export const showOutputInApp = (from: PortRef, label: string, shown: boolean): Edit => ({
  label: shown ? 'Show in app' : 'Stop showing in app',
  outside: true,
  apply: (draft) => {
    const app = (draft.app ??= { inputs: [], outputs: [] });
    const same = (output: AppOutput) => output.from.node === from.node && output.from.port === from.port;
    if (!shown) app.outputs = app.outputs.filter((output) => !same(output));
    // The schema's limit: a graph holding more would not open again.
    else if (!app.outputs.some(same) && app.outputs.length < MAX_APP_OUTPUTS)
      app.outputs.push({ name: unusedName(app.outputs, from.port), label: label.slice(0, 200), from: { ...from } });
  },
});

/** A value set in the app form: the setting it shows, changed in the graph (one undoable edit, as on the node). */
export const setAppValue = (input: AppInput, value: unknown): Edit => ({
  label: 'Edit settings',
  coalesce: `app:${input.name}`,
  outside: true,
  apply: (draft) => setAppInputValue(draft, input, value),
});

/** Puts a version's content back (nodes, wires, groups, components, app, name), keeping the graph's id and view. */
export const restoreFrom = (version: GraphDocument, when: string): Edit => ({
  label: `Restore the version of ${when}`,
  outside: true,
  apply: (draft) => {
    draft.name = version.name;
    draft.nodes = structuredClone(version.nodes);
    draft.edges = structuredClone(version.edges);
    draft.groups = version.groups && structuredClone(version.groups);
    draft.components = version.components && structuredClone(version.components);
    draft.app = version.app && structuredClone(version.app);
    if (draft.groups === undefined) delete draft.groups;
    if (draft.components === undefined) delete draft.components;
    if (draft.app === undefined) delete draft.app;
  },
});

/** An instance's own value of a param its component shows (undefined: the component's). */
export const setInstanceValue = (instanceId: string, name: string, value: unknown): Edit => ({
  label: 'Edit settings',
  coalesce: `value:${instanceId}:${name}`,
  apply: (draft) => {
    const node = draft.nodes.find((candidate) => candidate.id === instanceId);
    if (!node) return;
    const values = ((node.params as Partial<InstanceParams>).values ??= {});
    if (value === undefined) delete values[name];
    else values[name] = value;
  },
});

/** Points every instance of `ref` (in the graph and inside other components) at `version` instead. */
function retarget(draft: GraphDocument, ref: ComponentRef, version: number): void {
  const nodes = [...draft.nodes, ...(draft.components ?? []).flatMap((def) => def.nodes)];
  for (const node of nodes) {
    const uses = (node.params as Partial<InstanceParams>).component;
    if (node.kind === COMPONENT_KIND && uses?.id === ref.id && uses.version === ref.version) uses.version = version;
  }
}

/**
 * After a save to the library: the graph's copy of the component is that version now (its
 * instances with it), so the library and the graph agree on what the number means.
 */
export const savedAsVersion = (ref: ComponentRef, version: number): Edit => ({
  label: 'Save component to library',
  outside: true,
  apply: (draft) => {
    const def = definitionIn(draft, ref);
    if (!def || ref.version === version) return;
    draft.components = draft.components!.filter(
      (each) => each === def || each.id !== ref.id || each.version !== version,
    );
    def.version = version;
    retarget(draft, ref, version);
  },
});

/** Adds an instance of a library component (with the definitions it needs that the graph lacks). */
export const placeComponent = (instance: NodeDoc, definitions: readonly ComponentDef[], name: string): Edit => ({
  label: `Add ${name}`,
  apply: (draft) => {
    const { components, renamed } = withDefinitions(draft.components, definitions);
    draft.components = components;
    draft.nodes.push(...retargeted([instance], renamed));
  },
});

/**
 * Moves one instance to another version of its component (the library's newest), keeping what
 * it set for itself; a version no instance uses any more leaves the graph.
 */
export const updateInstance = (instanceId: string, definitions: readonly ComponentDef[], version: number): Edit => ({
  label: 'Update component',
  outside: true,
  apply: (draft) => {
    const node = draft.nodes.find((candidate) => candidate.id === instanceId);
    const uses = node && (node.params as Partial<InstanceParams>).component;
    if (!uses) return;
    const { components, renamed } = withDefinitions(draft.components, definitions);
    draft.components = components;
    uses.id = renamed.get(`${uses.id}@${version}`) ?? uses.id;
    uses.version = version;
    const used = new Set(definitionsUsedBy(draft.nodes, draft.components ?? []));
    draft.components = (draft.components ?? []).filter((def) => used.has(def));
  },
});

/**
 * An edit made on the canvas while a component is opened (at `inside`, a path id such as `a/b`):
 * applied to the inside drawn, through each component on the way in. An edit marked `outside`
 * acts on the graph itself, as does any edit when the path no longer leads anywhere.
 */
export function throughOpened(doc: GraphDocument, inside: string | null, edit: Edit): Edit {
  const chain = inside !== null && !edit.outside ? (openedAt(doc, inside) ?? []) : [];
  return chain.reduceRight((inner, step) => insideComponent(step.id, inner), edit);
}

/**
 * An edit made on the inside of an opened instance, where its nodes are drawn under their path ids
 * (`instance/inner`): applied to the component's definition, so every use of it changes, as one
 * step. What the definition's border and shown params name and no longer exists inside is let go.
 */
export function insideComponent(instanceId: string, edit: Edit): Edit {
  return {
    ...edit,
    coalesce: edit.coalesce && `${instanceId}:${edit.coalesce}`,
    apply: (draft) => {
      const instance = draft.nodes.find((node) => node.id === instanceId && node.kind === COMPONENT_KIND);
      const def = instance && definitionIn(draft, (instance.params as InstanceParams).component);
      if (!def) return;
      const prefix = instanceId + PATH_SEPARATOR;
      const strip = (id: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
      // The inside as a graph of its own: edits find its nodes by the ids the canvas shows.
      const inside: GraphDocument = { ...draft, ...renamedNodes(def, (id) => prefix + id), groups: [] };
      const { name, viewport } = inside;
      edit.apply(inside);
      ({ nodes: def.nodes, edges: def.edges } = renamedNodes(inside, strip));
      // A component made inside this one joins the graph's components (this one among them, as it was).
      if (inside.components !== draft.components) draft.components = inside.components;
      if (inside.name !== name) draft.name = inside.name;
      if (inside.viewport !== viewport) draft.viewport = inside.viewport;
      const kept = new Set(def.nodes.map((node) => node.id));
      for (const port of def.inputs) port.to = port.to.filter((to) => kept.has(to.node));
      def.inputs = def.inputs.filter((port) => port.to.length > 0);
      def.outputs = def.outputs.filter((port) => kept.has(port.from.node));
      def.params = def.params.filter((param) => kept.has(param.node));
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
    const { components: joined, renamed } = withDefinitions(draft.components, components);
    if (components.length > 0) draft.components = joined;
    draft.nodes.push(...retargeted(nodes, renamed));
    draft.edges.push(...edges);
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
