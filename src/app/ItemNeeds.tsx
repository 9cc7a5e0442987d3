import { useEffect, useState } from 'react';
import { keysNeededBy, type KeyNeed } from '../state/component-needs';
import { useSettingsStore } from '../state/settings-store';
import { useServices } from '../ui/services-context';
import { modelName } from '../../nodes/models/media-label';

/** What a library item (a component, a template) calls and the keys that needs: said before it is used. */
export function ItemNeeds({ models }: { models: readonly string[] }) {
  const catalog = useSettingsStore((state) => state.models);
  if (models.length === 0) return null;
  return (
    <>
      <span className="hint">Calls {models.map((id) => modelName(id, catalog)).join(', ')}</span>
      <KeysNeeded models={models} />
    </>
  );
}

/** The keys a library item's models need, and which of them this browser lacks. */
function KeysNeeded({ models }: { models: readonly string[] }) {
  const { missingKey } = useServices();
  const catalog = useSettingsStore((state) => state.models);
  // Keys change in Settings and on the server: asked again whenever either does.
  const ownKeys = useSettingsStore((state) => state.settings.keys);
  const serverKeys = useSettingsStore((state) => state.server.keys);
  const [needs, setNeeds] = useState<readonly KeyNeed[]>([]);
  const wanted = models.join(' ');
  useEffect(() => {
    let current = true;
    // Unknown is said as nothing: the palette never fails for want of an answer about keys.
    void keysNeededBy(wanted.split(' '), catalog, missingKey)
      .then((found) => current && setNeeds(found))
      .catch(() => current && setNeeds([]));
    return () => {
      current = false;
    };
  }, [wanted, catalog, missingKey, ownKeys, serverKeys]);
  if (needs.length === 0) return null;
  return (
    <span className="hint">
      Needs {needs.length === 1 ? 'a key' : 'keys'} for{' '}
      {needs.map((need, index) => (
        <span key={need.provider}>
          {index > 0 && ', '}
          {need.provider}
          {need.missing && <em> (not added here)</em>}
        </span>
      ))}
    </span>
  );
}
