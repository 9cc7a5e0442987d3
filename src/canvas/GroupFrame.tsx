import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { updateDoc } from '../state/actions';
import { renameGroup, ungroup } from '../state/edits';

export type FrameData = { label: string; members: string[]; select: (ids: readonly string[]) => void };

/** Padding between a frame and the nodes in it, and room for its label. */
const PAD = 24;
const LABEL = 32;

/** Frames as React Flow nodes sized around their members' measured boxes, drawn behind everything. */
export function frameNodes(
  groups: readonly { id: string; label: string; nodes: string[] }[],
  nodes: readonly Node[],
  select: FrameData['select'],
): Node<FrameData>[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return groups.flatMap((group) => {
    const members = group.nodes.map((id) => byId.get(id)).filter((node): node is Node => node !== undefined);
    if (members.length === 0) return [];
    const left = Math.min(...members.map((node) => node.position.x)) - PAD;
    const top = Math.min(...members.map((node) => node.position.y)) - PAD - LABEL;
    const right = Math.max(...members.map((node) => node.position.x + (node.measured?.width ?? 300))) + PAD;
    const bottom = Math.max(...members.map((node) => node.position.y + (node.measured?.height ?? 120))) + PAD;
    return [
      {
        id: `frame:${group.id}`,
        type: 'frame',
        position: { x: left, y: top },
        width: right - left,
        height: bottom - top,
        style: { width: right - left, height: bottom - top },
        zIndex: -1,
        draggable: false,
        selectable: false,
        connectable: false,
        data: { label: group.label, members: group.nodes, select },
      },
    ];
  });
}

/** A labelled frame: click its bar to select what it holds; rename it in place or ungroup it. */
export const GroupFrame = memo(function GroupFrame({ id, data }: NodeProps<Node<FrameData>>) {
  const groupId = id.slice('frame:'.length);
  return (
    <div className="group-frame" data-group-id={groupId}>
      <div className="group-bar" onClick={() => data.select(data.members)}>
        <input
          className="nodrag"
          aria-label="Group label"
          value={data.label}
          onClick={(event) => event.stopPropagation()}
          onChange={(event) => updateDoc(renameGroup(groupId, event.target.value))}
        />
        <button
          type="button"
          className="node-button nodrag"
          onClick={(event) => (event.stopPropagation(), updateDoc(ungroup(groupId)))}
        >
          ungroup
        </button>
      </div>
    </div>
  );
});
