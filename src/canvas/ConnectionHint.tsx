import { Panel, useConnection } from '@xyflow/react';
import { connectionProblem } from './connection-rules';

/** While a wire is dragged over a port that refuses it, says why. */
export function ConnectionHint() {
  const connection = useConnection();
  if (!connection.inProgress || !connection.toHandle || connection.isValid !== false) return null;
  const forward = connection.fromHandle.type === 'source';
  const [from, to] = forward
    ? [connection.fromHandle, connection.toHandle]
    : [connection.toHandle, connection.fromHandle];
  const reason = connectionProblem({
    source: from.nodeId,
    sourceHandle: from.id ?? null,
    target: to.nodeId,
    targetHandle: to.id ?? null,
  });
  return reason ? (
    <Panel position="top-center" className="connection-hint" role="status">
      {reason}
    </Panel>
  ) : null;
}
