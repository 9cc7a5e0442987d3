import { useState } from 'react';

/**
 * The servers a person runs for one provider (ComfyUI on their GPUs), one per line. Kept as typed
 * until it leaves the field, so a half-written line is not thrown away; Save says which is not a URL.
 */
export function ServersField(props: {
  label: string;
  env: string;
  servers: readonly string[];
  fromServer: readonly string[];
  placeholder: string;
  onChange(servers: string[] | undefined): void;
}) {
  const [text, setText] = useState(props.servers.join('\n'));
  const commit = (value: string) => {
    const servers = value
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((server) => server.replace(/\/+$/, ''));
    props.onChange(servers.length > 0 ? servers : undefined);
  };
  return (
    <label className="row">
      <span>
        Servers, one per line <small className="hint">({props.env})</small>
      </span>
      <textarea
        aria-label={`${props.label} servers`}
        rows={Math.min(6, Math.max(2, text.split('\n').length))}
        placeholder={(props.fromServer.length > 0 ? props.fromServer : [props.placeholder]).join('\n')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          commit(event.target.value);
        }}
      />
    </label>
  );
}
