import { useGraphStore } from '../state/graph-store';
import { Sheet } from '../ui/Sheet';

/**
 * Asks before a graph from outside opens: every share link (a link can come from any website), and
 * a file or paste that cannot run as it is, saying what is wrong and where.
 */
export function OpenSharedConfirm() {
  const request = useGraphStore((state) => state.openRequest);
  if (!request) return null;
  const { from, name, problems, nodes, kinds, models, files, answer } = request;
  return (
    <Sheet
      label={from === 'link' ? 'Open a shared graph' : 'Open a graph with problems'}
      role="alertdialog"
      onClose={() => answer(false)}
    >
      <h2>Open “{name}”?</h2>
      <p>
        {from === 'link' ? 'A link opened' : 'This is'} a graph of {nodes} node{nodes === 1 ? '' : 's'} (
        {kinds.join(', ') || 'none'}). It opens as a new graph; nothing runs until you press Run.
      </p>
      {problems.length > 0 && (
        <div className="problems-before-open">
          <p>
            It cannot run as it is: the node{problems.length === 1 ? '' : 's'} below stay
            {problems.length === 1 ? 's' : ''} marked on the canvas, with their settings kept, until you fix or remove
            them.
          </p>
          <ul>
            {problems.slice(0, 12).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
            {problems.length > 12 && <li>and {problems.length - 12} more</li>}
          </ul>
        </div>
      )}
      {models.length > 0 && (
        <p className="hint">Running it would use these cloud models, billed by their providers: {models.join(', ')}.</p>
      )}
      {files > 0 && (
        <p className="hint">
          It refers to {files} photo{files === 1 ? '' : 's'} or sound{files === 1 ? '' : 's'} a link cannot carry: add
          your own, or ask for the bundle.
        </p>
      )}
      <div className="sheet-actions">
        <button type="button" className="primary" onClick={() => answer(true)}>
          Open it
        </button>
        <button type="button" onClick={() => answer(false)} autoFocus>
          Don’t open
        </button>
      </div>
    </Sheet>
  );
}
