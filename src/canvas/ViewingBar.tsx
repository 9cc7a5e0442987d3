import { Panel } from '@xyflow/react';
import { notify } from '../state/actions';
import { useGraphStore } from '../state/graph-store';
import { branchFrom, leaveViewed } from '../state/versions';

/** Said over a version shown read-only: which it is, and the ways on (restore it, branch from it, or go back). */
export function ViewingBar() {
  const viewing = useGraphStore((state) => state.viewing);
  const name = useGraphStore((state) => state.graphs.find((graph) => graph.id === viewing?.graphId)?.name);
  if (!viewing) return null;
  const failed = (what: string) => (error: unknown) => notify('error', `${what}: ${String(error)}`);
  return (
    <Panel position="top-center" className="inside-bar viewing-bar" aria-label="A version, read-only">
      <span>
        Viewing <strong>{viewing.label}</strong> of “{name ?? 'the graph'}” (
        {new Date(viewing.entry.at).toLocaleString()}): read-only, with what it made.
      </span>
      <button type="button" onClick={() => void leaveViewed(true).catch(failed('The version was not restored'))}>
        Restore this version
      </button>
      <button type="button" onClick={() => void branchFrom(viewing.entry).catch(failed('No graph was branched'))}>
        Branch from it
      </button>
      <button type="button" onClick={() => void leaveViewed().catch(failed('The graph was not opened'))}>
        Back to the graph
      </button>
    </Panel>
  );
}
