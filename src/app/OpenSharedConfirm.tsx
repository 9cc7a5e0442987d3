import { useGraphStore } from '../state/graph-store';
import { Sheet } from '../ui/Sheet';

/** Asks before a graph from a share link opens: a link can come from any website. */
export function OpenSharedConfirm() {
  const request = useGraphStore((state) => state.openRequest);
  if (!request) return null;
  const { name, nodes, kinds, models, files, answer } = request;
  return (
    <Sheet label="Open a shared graph" role="alertdialog" onClose={() => answer(false)}>
      <h2>Open “{name}”?</h2>
      <p>
        A link opened a graph of {nodes} node{nodes === 1 ? '' : 's'} ({kinds.join(', ') || 'none'}). It opens as a new
        graph; nothing runs until you press Run.
      </p>
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
