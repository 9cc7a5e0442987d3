import { useState } from 'react';
import { isRetired } from '../../nodes/models/model';
import { CATALOG, zCustomModel, type CustomModel } from '../providers/cloud/catalog';
import { zProviderSettings, type ProviderSettings } from '../providers/cloud/config';
import { baseUrlEnv, CLOUD_PROVIDERS } from '../providers/cloud/providers';
import { ProviderKeyFields } from './ProviderKeyFields';
import { useServices } from '../ui/services-context';
import { ServersField } from './ServersField';
import { StorageSection } from './StorageSection';
import { saveSettings, useSettingsStore } from '../state/settings-store';
import { UncertainSubmits } from './UncertainSubmits';
import { Sheet } from '../ui/Sheet';

const EMPTY_CUSTOM: CustomModel = { id: '', label: '', kind: 'video', api: 'fal', upstream: '', price: 0.1 };

/** Keys, base URLs, concurrency, submits that may have been billed, the cost threshold, and the model catalog. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const services = useServices();
  const saved = useSettingsStore((state) => state.settings);
  const server = useSettingsStore((state) => state.server);
  const unreadableCaps = useSettingsStore((state) => state.unreadableCaps);
  const [draft, setDraft] = useState<ProviderSettings>(saved);
  const [custom, setCustom] = useState<CustomModel>(EMPTY_CUSTOM);
  const [errors, setErrors] = useState<string[]>([]);
  const update = (patch: Partial<ProviderSettings>) => setDraft((current) => ({ ...current, ...patch }));

  const save = async () => {
    const parsed = zProviderSettings.safeParse(draft);
    if (!parsed.success) {
      setErrors(parsed.error.issues.map((issue) => `${issue.path.join(' › ')}: ${issue.message}`));
      return;
    }
    await saveSettings(services.db, parsed.data);
    onClose();
  };

  const addCustom = () => {
    const parsed = zCustomModel.safeParse(custom);
    if (!parsed.success) {
      setErrors(parsed.error.issues.map((issue) => `New model › ${issue.path.join('.')}: ${issue.message}`));
      return;
    }
    setErrors([]);
    update({ customModels: [...draft.customModels.filter((model) => model.id !== parsed.data.id), parsed.data] });
    setCustom(EMPTY_CUSTOM);
  };

  return (
    <Sheet label="Settings" className="settings" onClose={onClose}>
      <h2>Settings</h2>
      <p className="hint">
        Keys stay in this browser’s storage and go only to their provider, through this app’s own local proxy. They are
        never written into graph exports, share links, cache keys, run history or logs.
      </p>
      {CLOUD_PROVIDERS.map(({ name: provider, label, baseUrl, concurrency, userServers }) => (
        <fieldset key={provider}>
          <legend>{label}</legend>
          {server.keys.has(provider) && (
            <p className="from-env">
              Keys for {label} come from the server’s environment; a key entered here is used instead.
            </p>
          )}
          <ProviderKeyFields provider={provider} keys={draft.keys} onChange={(keys) => update({ keys })} />
          {userServers ? (
            <ServersField
              label={label}
              env={userServers.env}
              servers={draft.servers[provider] ?? []}
              fromServer={server.servers[provider] ?? []}
              placeholder={baseUrl}
              onChange={(servers) => update({ servers: { ...draft.servers, [provider]: servers } })}
            />
          ) : (
            <label className="row">
              <span>
                Base URL <small className="hint">({baseUrlEnv(provider)})</small>
              </span>
              <input
                aria-label={`${label} base URL`}
                placeholder={server.baseUrls[provider] ?? baseUrl}
                value={draft.baseUrls[provider] ?? ''}
                onChange={(event) =>
                  update({ baseUrls: { ...draft.baseUrls, [provider]: event.target.value.trim() || undefined } })
                }
              />
            </label>
          )}
          <label className="row">
            <span>Jobs at once</span>
            <input
              type="number"
              min={1}
              max={20}
              aria-label={`${label} jobs at once`}
              value={draft.concurrency[provider] ?? concurrency}
              onChange={(event) =>
                update({ concurrency: { ...draft.concurrency, [provider]: event.target.valueAsNumber } })
              }
            />
          </label>
        </fieldset>
      ))}
      <UncertainSubmits />
      <StorageSection />
      <fieldset>
        <legend>Cost</legend>
        <label className="row">
          <span>Ask before runs above ($)</span>
          <input
            type="number"
            min={0}
            step={0.5}
            aria-label="Ask before runs above (dollars)"
            value={draft.confirmAboveUsd}
            onChange={(event) => update({ confirmAboveUsd: event.target.valueAsNumber })}
          />
        </label>
        {(
          [
            ['dailyCapUsd', 'Daily cap ($)', 'Daily cap (dollars)'],
            ['graphCapUsd', 'Per-graph cap ($)', 'Per-graph cap (dollars)'],
          ] as const
        ).map(([field, text, label]) => (
          <label key={field} className="row">
            <span>
              {text}{' '}
              <small className="hint">
                {unreadableCaps.includes(field) && draft[field] === undefined
                  ? '(could not be read: paid runs wait until you set it)'
                  : '(empty: none)'}
              </small>
            </span>
            <input
              type="number"
              min={0}
              step={1}
              aria-label={label}
              value={draft[field] ?? ''}
              onChange={(event) =>
                update({ [field]: event.target.value === '' ? undefined : event.target.valueAsNumber })
              }
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Models</legend>
        <p className="hint">
          Vendors rename and retire models: put the vendor’s current id next to a model to keep using it.
        </p>
        {CATALOG.map((model) => (
          <label key={model.id} className="row">
            <span>
              {model.label}
              {isRetired(model) && (
                <small className="hint">
                  {' '}
                  · retired {model.retires}
                  {model.replacement ? `, replaced by ${model.replacement}` : ''}
                </small>
              )}
              {model.unavailable && <small className="hint"> · not yet supported</small>}
            </span>
            <input
              aria-label={`${model.label} vendor model id`}
              placeholder={model.upstream}
              value={draft.modelIds[model.id] ?? ''}
              onChange={(event) => {
                const modelIds = { ...draft.modelIds };
                if (event.target.value.trim()) modelIds[model.id] = event.target.value.trim();
                else delete modelIds[model.id];
                update({ modelIds });
              }}
            />
          </label>
        ))}
        {draft.customModels.map((model) => (
          <div key={model.id} className="row">
            <span>
              {model.label} (custom, {model.api} · {model.upstream})
            </span>
            <button
              type="button"
              onClick={() => update({ customModels: draft.customModels.filter((other) => other.id !== model.id) })}
            >
              Remove
            </button>
          </div>
        ))}
        <div className="row">
          <span>Add a model</span>
          <span className="field-row">
            <input
              aria-label="New model id"
              placeholder="id"
              value={custom.id}
              onChange={(event) => setCustom({ ...custom, id: event.target.value })}
            />
            <input
              aria-label="New model label"
              placeholder="label"
              value={custom.label}
              onChange={(event) => setCustom({ ...custom, label: event.target.value })}
            />
            <select
              aria-label="New model kind"
              value={custom.kind}
              onChange={(event) => setCustom({ ...custom, kind: event.target.value as CustomModel['kind'] })}
            >
              <option value="video">video</option>
              <option value="image">image</option>
            </select>
            <select
              aria-label="New model API"
              value={custom.api}
              onChange={(event) => setCustom({ ...custom, api: event.target.value as CustomModel['api'] })}
            >
              {zCustomModel.shape.api.options.map((api) => (
                <option key={api}>{api}</option>
              ))}
            </select>
            <input
              aria-label="New model vendor id"
              placeholder="vendor id / fal endpoint"
              value={custom.upstream}
              onChange={(event) => setCustom({ ...custom, upstream: event.target.value })}
            />
            <input
              aria-label="New model price"
              type="number"
              min={0}
              step={0.01}
              title={custom.kind === 'video' ? 'dollars per second' : 'dollars per image'}
              value={custom.price}
              onChange={(event) => setCustom({ ...custom, price: event.target.valueAsNumber })}
            />
            <button type="button" onClick={addCustom}>
              Add
            </button>
          </span>
        </div>
      </fieldset>
      {errors.length > 0 && (
        <ul className="node-error" role="alert">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <div className="sheet-actions">
        <button type="button" className="primary" onClick={() => void save()}>
          Save
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Sheet>
  );
}
