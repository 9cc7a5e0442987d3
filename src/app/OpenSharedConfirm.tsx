import { useState } from 'react';
import { useGraphStore, type OpenRequest } from '../state/graph-store';
import type { MissingKey } from '../state/open-preflight';
import { saveSettings, useSettingsStore } from '../state/settings-store';
import type { ProviderSettings } from '../providers/cloud/config';
import { useServices } from '../ui/services-context';
import { ProviderKeyFields } from './ProviderKeyFields';
import { Sheet } from '../ui/Sheet';

/**
 * Asks before a graph from outside opens: every share link (a link can come from any website), and
 * a file or paste that cannot run as it is, saying what is wrong and where.
 */
export function OpenSharedConfirm() {
  const request = useGraphStore((state) => state.openRequest);
  // A new question starts with its own choices.
  return request ? <Ask key={request.id} request={request} /> : null;
}

function Ask({ request }: { request: OpenRequest }) {
  const { from, name, problems, nodes, kinds, models, missingMedia, unknownModels, retired, keys, components, answer } =
    request;
  // A reference to media this browser lacks is useless here: taken off its node (which then asks for a file) unless kept.
  const [clear, setClear] = useState(true);
  // Retired models with a successor are swapped unless the person says not to (they cannot run as they are).
  const [swap, setSwap] = useState(() => new Set(retired.flatMap((model) => (model.successor ? [model.id] : []))));
  // A definition the graph lacks is taken from the library unless the person says not to; an update waits to be asked for.
  const [take, setTake] = useState(() => new Set(components.flatMap((fix) => (fix.missing ? [fix] : []))));
  const swaps = new Map(
    retired.flatMap((model) => (model.successor && swap.has(model.id) ? [[model.id, model.successor.id]] : [])),
  );
  return (
    <Sheet
      label={
        from === 'link'
          ? 'Open a shared graph'
          : problems.length > 0
            ? 'Open a graph with problems'
            : 'Open a graph from a file'
      }
      role="alertdialog"
      className="preflight"
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
      {retired.length > 0 && (
        <div className="preflight-retired">
          <p>Its vendors have shut down {retired.length === 1 ? 'a model it names' : 'models it names'}:</p>
          <ul>
            {retired.map((model) => (
              <li key={model.id}>
                {model.successor ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={swap.has(model.id)}
                      onChange={(event) =>
                        setSwap((was) => {
                          const next = new Set(was);
                          if (event.target.checked) next.add(model.id);
                          else next.delete(model.id);
                          return next;
                        })
                      }
                    />{' '}
                    Swap {model.label} (shut down {model.retired}) for {model.successor.label}
                  </label>
                ) : (
                  `${model.label} was shut down on ${model.retired}; choose another model on its node`
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {components.length > 0 && (
        <div className="preflight-components">
          <p>Your library has components it uses:</p>
          <ul>
            {components.map((fix) => (
              <li key={`${fix.id}@${fix.version}`}>
                <label>
                  <input
                    type="checkbox"
                    checked={take.has(fix)}
                    onChange={(event) =>
                      setTake((was) => {
                        const next = new Set(was);
                        if (event.target.checked) next.add(fix);
                        else next.delete(fix);
                        return next;
                      })
                    }
                  />{' '}
                  {fix.missing
                    ? `Take “${fix.library.name}” (version ${fix.library.version}) from your library: the graph does not carry it, so its nodes cannot run without it`
                    : `Update “${fix.library.name}” from version ${fix.version} to ${fix.library.version}, as your library has it`}
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}
      {keys.length > 0 && (
        <div className="preflight-keys">
          <p className="hint">
            This browser has no key for {keys.map((key) => key.label).join(' or ')}: enter{' '}
            {keys.length === 1 ? 'it' : 'them'} here (kept in this browser, as in Settings) or later in Settings.
            Everything else (local drafts, the local camera move) runs without a key.
          </p>
          {keys.map((key) => (
            <KeyEntry key={key.name} need={key} />
          ))}
        </div>
      )}
      {unknownModels.length > 0 && (
        <p className="hint preflight-unknown">
          It names {unknownModels.length === 1 ? 'a model' : 'models'} this app does not know:{' '}
          {unknownModels.join(', ')}. Their nodes say so; choose another model there before running them.
        </p>
      )}
      {missingMedia.length > 0 && (
        <div className="preflight-media">
          <p className="hint">
            It refers to {missingMedia.length === 1 ? 'a photo or sound' : `${missingMedia.length} photos or sounds`}{' '}
            this browser does not have{from === 'link' ? ' (a link never carries them)' : ''}: ask for its bundle, or
          </p>
          <label>
            <input type="checkbox" checked={clear} onChange={(event) => setClear(event.target.checked)} /> Clear{' '}
            {missingMedia.length === 1 ? 'it from its node, which then asks' : 'them from their nodes, which then ask'}{' '}
            for a file of yours
          </label>
        </div>
      )}
      <div className="sheet-actions">
        <button
          type="button"
          className="primary"
          onClick={() =>
            answer(true, {
              swaps,
              components: components.filter((fix) => take.has(fix)),
              cleared: clear ? missingMedia : [],
            })
          }
        >
          Open it
        </button>
        <button type="button" onClick={() => answer(false)} autoFocus>
          Don’t open
        </button>
      </div>
    </Sheet>
  );
}

/** A missing key entered where it is found missing, saved to this browser's settings as Settings saves it. */
function KeyEntry({ need }: { need: MissingKey }) {
  const { db } = useServices();
  const [keys, setKeys] = useState<ProviderSettings['keys']>({});
  const [said, setSaid] = useState<{ saved: boolean; message: string }>();
  if (said?.saved) return <p className="hint key-saved">{said.message}</p>;
  return (
    <form
      className="preflight-key"
      onSubmit={(event) => {
        event.preventDefault();
        const { settings } = useSettingsStore.getState();
        saveSettings(db, {
          ...settings,
          // Only the fields filled in: one typed and cleared again never erases a key already saved.
          keys: { ...settings.keys, ...Object.fromEntries(Object.entries(keys).filter(([, value]) => value)) },
        })
          .then(() => setSaid({ saved: true, message: `Key saved for ${need.label}: its models can run here.` }))
          .catch((error: unknown) =>
            setSaid({
              saved: false,
              message: `The key was not saved: ${error instanceof Error ? error.message : String(error)}`,
            }),
          );
      }}
    >
      <ProviderKeyFields provider={need.name} keys={keys} onChange={setKeys} />
      <button type="submit" disabled={Object.values(keys).every((value) => !value)}>
        Save {need.label} key
      </button>
      {said && <p className="field-error">{said.message}</p>}
    </form>
  );
}
