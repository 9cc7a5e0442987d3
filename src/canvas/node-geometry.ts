import { Position, type NodeHandle } from '@xyflow/react';
import { portsOfNode } from '../../nodes';
import type { ComponentDef, NodeDoc } from '../../graph-engine';

/**
 * A node's size and handle positions before it is drawn, so React Flow draws only what is in
 * view. Otherwise it renders every node it has not measured once, however far out of view, and
 * opening a graph costs time in proportion to all of its nodes.
 *
 * The handles follow NodeFrame's layout exactly (a header, then one 18 px row per port); the
 * height is the tallest node of the kind measured so far (a generous guess before any), so a
 * node whose bottom reaches into view is drawn.
 */
const WIDTH = 300;
const FIRST_PORT_TOP = 37;
const PORT_ROW = 18;
const HANDLE = 10;
const UNMEASURED_HEIGHT = 640;

const tallest = new Map<string, number>();

/** Notes the size a node of `kind` was drawn at: the next unmeasured ones of its kind are guessed from it. */
export function noteMeasured(kind: string, height: number): void {
  if (height > (tallest.get(kind) ?? 0)) tallest.set(kind, height);
}

export function estimatedGeometry(
  node: Pick<NodeDoc, 'kind' | 'params'>,
  components: readonly ComponentDef[] | undefined,
): {
  measured: { width: number; height: number };
  handles: NodeHandle[];
} {
  const { inputs, outputs } = portsOfNode(node, components);
  const row = (index: number) => FIRST_PORT_TOP + index * PORT_ROW;
  const handles: NodeHandle[] = [
    ...Object.keys(inputs).map((id, index) => ({
      id,
      type: 'target' as const,
      position: Position.Left,
      x: -HANDLE / 2 + 1,
      y: row(index),
      width: HANDLE,
      height: HANDLE,
    })),
    ...Object.keys(outputs).map((id, index) => ({
      id,
      type: 'source' as const,
      position: Position.Right,
      x: WIDTH - HANDLE / 2 - 1,
      y: row(index),
      width: HANDLE,
      height: HANDLE,
    })),
  ];
  return { measured: { width: WIDTH, height: tallest.get(node.kind) ?? UNMEASURED_HEIGHT }, handles };
}
