import { useEffect, useMemo, useState } from 'react';
import { graphChanges } from '../../graph-engine';
import { notify } from '../state/actions';
import { useGraphStore } from '../state/graph-store';
import {
  branchFrom,
  deleteVersion,
  restoreVersion,
  saveVersion,
  versionLabel,
  versionsOf,
  viewReadOnly,
  type VersionEntry,
} from '../state/versions';
import { useServices } from '../ui/services-context';
import { Sheet } from '../ui/Sheet';

/** How many changes a version lists before "and N more". */
const CHANGES_SHOWN = 5;

/**
 * The open graph's versions, newest first: saved ones with their notes, and the graph as each run
 * ran it; each says what changed since the one before, in words, and can be restored (one undoable
 * edit) or opened as a new graph.
 */
export function VersionsPanel({ onClose }: { onClose(): void }) {
  const { registry } = useServices();
  const doc = useGraphStore((state) => state.doc);
  // A run's graph joins the list once its record is written.
  const recorded = useGraphStore((state) => state.historyChanged);
  // Read for one graph: another graph's versions are never shown (nor restored) while this one's are read.
  const [read, setRead] = useState<{ graphId: string; entries: VersionEntry[] }>();
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(0);
  const graphId = doc?.id;
  const entries = read && read.graphId === graphId ? read.entries : undefined;
  // What changed after each version: to the next one, or for the newest, to the graph now. Worked out
  // when the list or the graph changes, not on every keystroke in the note.
  const changesAfter = useMemo(
    () =>
      doc && entries
        ? entries.map((entry, at) => graphChanges(entry.doc, at === 0 ? doc : entries[at - 1].doc, registry))
        : [],
    [doc, entries, registry],
  );
  useEffect(() => {
    if (!graphId) return;
    let current = true;
    void versionsOf(graphId)
      .then((found) => current && setRead({ graphId, entries: found }))
      .catch((error: unknown) => notify('error', `The versions could not be read: ${String(error)}`));
    return () => {
      current = false;
    };
  }, [graphId, recorded, saved]);
  if (!doc) return null;
  return (
    <Sheet label="Versions" className="versions" onClose={onClose}>
      <h2>Versions of “{doc.name}”</h2>
      <p className="hint">
        Versions you saved, and the graph as each of its runs ran it. Restore puts one back into this graph (Undo takes
        it back); Branch opens it as a new graph.
      </p>
      <form
        className="version-save"
        onSubmit={(event) => {
          event.preventDefault();
          void saveVersion(note)
            .then(() => (setNote(''), setSaved((count) => count + 1)))
            .catch((error: unknown) => notify('error', `The version was not saved: ${String(error)}`));
        }}
      >
        <input
          aria-label="Version note"
          placeholder="What this version is (optional)"
          value={note}
          maxLength={500}
          onChange={(event) => setNote(event.target.value)}
        />
        <button type="submit" className="primary">
          Save version
        </button>
      </form>
      {entries === undefined ? (
        <p className="hint">Reading the versions…</p>
      ) : entries.length === 0 ? (
        <p className="hint">No versions yet: save one, or run the graph.</p>
      ) : (
        <ol className="version-list">
          {entries.map((entry, at) => {
            const changes = changesAfter[at];
            return (
              <li key={entry.key} aria-label={`Version of ${new Date(entry.at).toLocaleString()}`}>
                <strong>{versionLabel(entry)}</strong>{' '}
                <span className="hint">{new Date(entry.at).toLocaleString()}</span>
                <p className="hint version-changes">
                  {changes.length === 0
                    ? `The same as ${at === 0 ? 'the graph now' : 'the next'}.`
                    : `Since then: ${changes.slice(0, CHANGES_SHOWN).join('; ')}${changes.length > CHANGES_SHOWN ? `; and ${changes.length - CHANGES_SHOWN} more` : ''}.`}
                </p>
                <button
                  type="button"
                  onClick={() => {
                    onClose();
                    viewReadOnly(entry).catch((error: unknown) =>
                      notify('error', `The version was not shown: ${String(error)}`),
                    );
                  }}
                  title="See it on the canvas, with what it made, changing nothing"
                >
                  View
                </button>{' '}
                <button type="button" onClick={() => (restoreVersion(entry), onClose())}>
                  Restore
                </button>{' '}
                <button
                  type="button"
                  onClick={() =>
                    void branchFrom(entry)
                      .then(onClose)
                      .catch((error: unknown) => notify('error', `No graph was branched: ${String(error)}`))
                  }
                >
                  Branch
                </button>
                {entry.kind !== 'run' && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="danger-text"
                      onClick={() =>
                        void deleteVersion(entry)
                          .then(() => setSaved((count) => count + 1))
                          .catch((error: unknown) => notify('error', `The version was not deleted: ${String(error)}`))
                      }
                    >
                      Delete
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Sheet>
  );
}
