import { useEffect } from 'react';
import { useGraphStore } from '../state/graph-store';

/** Asks before a graph from a share link opens: a link can come from any website. */
export function OpenSharedConfirm() {
  const request = useGraphStore((state) => state.openRequest);
  useEffect(() => {
    if (!request) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && request.answer(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [request]);
  if (!request) return null;
  const { name, nodes, kinds, models, files, answer } = request;
  return (
    <div className="sheet-backdrop">
      <div className="sheet" role="alertdialog" aria-label="Open a shared graph">
        <h2>Open “{name}”?</h2>
        <p>
          A link opened a graph of {nodes} node{nodes === 1 ? '' : 's'} ({kinds.join(', ') || 'none'}). It opens as a
          new graph; nothing runs until you press Run.
        </p>
        {models.length > 0 && (
          <p className="hint">
            Running it would use these cloud models, billed by their providers: {models.join(', ')}.
          </p>
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
      </div>
    </div>
  );
}
