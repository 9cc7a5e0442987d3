import {
  createRegistry,
  intakeAccepts,
  nodePortsOf,
  type ComponentDef,
  type NodeDoc,
  type NodePorts,
} from '../graph-engine';
import { animateNode } from './animate';
import { assembleNode } from './assemble';
import { audioNode } from './audio';
import { cameraNode } from './camera';
import { clipNode } from './clip';
import { pickNode } from './pick';
import { promptNode } from './prompt';
import type { NodeProviders } from './providers';
import { stillNode } from './still';

/** Every node kind, in palette order. The one list: nothing registers itself on import. */
export const nodeDefs = [
  promptNode,
  stillNode,
  pickNode,
  cameraNode,
  animateNode,
  clipNode,
  audioNode,
  assembleNode,
] as const;

/** The name of every node kind: a view, a template or a test naming another kind does not type-check. */
export type NodeKind = (typeof nodeDefs)[number]['kind'];

export const nodeRegistry = createRegistry<NodeProviders>(nodeDefs);

/**
 * A node's ports as the canvas draws and wires them, from its params as saved, and for a
 * component's instance from its definition among the graph's `components`. A node of an unknown
 * kind has none.
 */
export function portsOfNode(
  node: Pick<NodeDoc, 'kind' | 'params'>,
  components: readonly ComponentDef[] | undefined,
): NodePorts {
  return nodePortsOf(node, nodeRegistry, components ?? []);
}

/**
 * The kind that takes a file of this MIME type (a photo: Still; a sound: Audio; a video: Clip), if any does; a
 * file the system gave no type (a .heic on many systems) goes by its name's extension.
 */
export function kindForFile(mime: string, name = ''): (typeof nodeDefs)[number] | undefined {
  const extension = /\.[^.]+$/.exec(name.toLowerCase())?.[0];
  return nodeDefs.find(
    (def) =>
      def.files &&
      (mime ? intakeAccepts(def.files, mime) : extension !== undefined && extension in def.files.extensions),
  );
}
