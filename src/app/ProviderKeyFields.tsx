import type { ProviderSettings } from '../providers/cloud/config';
import { providerNamed, type KeyName, type ProviderName } from '../providers/cloud/providers';

/** A provider's key fields as a person fills them in, wherever keys are asked for: Settings, and the check before a graph opens. */
export function ProviderKeyFields({
  provider,
  keys,
  onChange,
}: {
  provider: ProviderName;
  keys: ProviderSettings['keys'];
  onChange(keys: ProviderSettings['keys']): void;
}) {
  const { label, keys: named } = providerNamed(provider);
  return (
    <>
      {(Object.entries(named) as [KeyName, { env: string; label: string }][]).map(([name, key]) => (
        <label key={name} className="row">
          <span>
            {key.label} <small className="hint">({key.env})</small>
          </span>
          <input
            type="password"
            autoComplete="off"
            aria-label={`${label} ${key.label}`}
            value={keys[name] ?? ''}
            onChange={(event) => onChange({ ...keys, [name]: event.target.value || undefined })}
          />
        </label>
      ))}
    </>
  );
}
