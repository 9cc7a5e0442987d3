import { useState } from 'react';
import { formatUsd } from '../../nodes/models/format-usd';
import { openGraph } from '../state/actions';
import { useGraphStore } from '../state/graph-store';
import { acceptHeld, cancelQueued, moveQueued, pauseQueue } from '../state/queue';
import type { QueuedRun } from '../storage/queue-store';
import { Sheet } from '../ui/Sheet';

const RUN_DRAG_TYPE = 'application/x-reelgraph-queued-run';

/** The run queue every tab shares: pause and resume it, reorder it, cancel a run, open a waiting run's graph to edit it. */
export function QueuePanel({ onClose }: { onClose(): void }) {
  const runs = useGraphStore((state) => state.queue);
  const paused = useGraphStore((state) => state.queuePaused);
  const graphs = useGraphStore((state) => state.graphs);
  const [dropAt, setDropAt] = useState<number | undefined>();
  const editedSince = (run: QueuedRun) => {
    const saved = graphs.find((graph) => graph.id === run.graphId);
    return saved !== undefined && saved.updatedAt !== Date.parse(run.version);
  };
  const drop = (event: React.DragEvent, index: number) => {
    const id = event.dataTransfer.getData(RUN_DRAG_TYPE);
    setDropAt(undefined);
    if (!id) return;
    event.preventDefault();
    const from = runs.findIndex((run) => run.id === id);
    // Dropped below itself: the places after it move up by one once it leaves.
    void moveQueued(id, from >= 0 && from < index ? index - 1 : index);
  };
  return (
    <Sheet label="Queue" className="queue" onClose={onClose}>
      <h2>Queue</h2>
      <p className="hint">
        Runs wait here in order, from every graph and every tab of Reelgraph, and one runs at a time. The queue survives
        a reload: a run under way starts again from the cache, and its cloud tasks are picked up, not sent again. A
        waiting run runs its graph as it is when its turn comes.
      </p>
      <div className="sheet-actions queue-controls">
        <button type="button" onClick={() => void pauseQueue(!paused)} aria-pressed={paused}>
          {paused ? 'Resume the queue' : 'Pause the queue'}
        </button>
        <span className="hint" role="status">
          {paused
            ? 'Paused: a run under way finishes; nothing else starts.'
            : runs.length === 0
              ? 'Nothing is queued.'
              : `${runs.length} run${runs.length === 1 ? '' : 's'} · ${formatUsd(runs.reduce((sum, run) => sum + run.estimate, 0))} estimated`}
        </span>
      </div>
      <ol className="queue-runs" aria-label="Queued runs">
        {runs.map((run, index) => (
          <li
            key={run.id}
            className={`queued-run state-${run.state}${dropAt === index ? ' drop-before' : ''}`}
            draggable={run.state !== 'running'}
            onDragStart={(event) => {
              event.dataTransfer.setData(RUN_DRAG_TYPE, run.id);
              event.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(event) => {
              if (!event.dataTransfer.types.includes(RUN_DRAG_TYPE)) return;
              event.preventDefault();
              setDropAt(index);
            }}
            onDragLeave={() => setDropAt(undefined)}
            onDrop={(event) => drop(event, index)}
          >
            <span className="queued-place">{index + 1}</span>
            <span className="queued-what">
              <span className="queued-title">
                <strong>{run.graphName}</strong>
                {run.targets ? ` · ${run.targets.join(', ')}` : ' · whole graph'}
              </span>
              <small>
                {run.state === 'running'
                  ? `running since ${new Date(run.startedAt ?? run.addedAt).toLocaleTimeString()}${run.cancel ? ' · stopping' : ''}`
                  : run.state === 'held'
                    ? 'held'
                    : 'waiting'}
                {' · '}est. {formatUsd(run.estimate)}
                {run.state !== 'running' && editedSince(run) && ' · edited since it was queued'}
              </small>
              {run.message && <small className="queued-message">{run.message}</small>}
            </span>
            <span className="queued-actions">
              {run.state === 'held' && (
                <button type="button" onClick={() => void acceptHeld(run)}>
                  Accept {formatUsd(run.estimate)}
                </button>
              )}
              {run.state !== 'running' && (
                <>
                  <button type="button" disabled={index === 0} onClick={() => void moveQueued(run.id, 0)}>
                    Move to front
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${run.graphName} up`}
                    disabled={index === 0}
                    onClick={() => void moveQueued(run.id, index - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${run.graphName} down`}
                    disabled={index === runs.length - 1}
                    onClick={() => void moveQueued(run.id, index + 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    title="Open its graph to edit it before its turn"
                    onClick={() => {
                      onClose();
                      void openGraph(run.graphId);
                    }}
                  >
                    Edit graph
                  </button>
                </>
              )}
              <button type="button" className="danger" onClick={() => void cancelQueued(run.id)}>
                Cancel
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="sheet-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Sheet>
  );
}
