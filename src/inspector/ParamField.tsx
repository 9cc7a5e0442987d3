import { useState } from 'react';
import { isArtifactRef, type ArtifactRef } from '../../graph-engine';
import { storeGivenFile } from '../../nodes/file-field';
import { choicesOf, isFileParam, labelFor, type ParamSchema } from './param-schema';

interface FieldProps {
  name: string;
  schema: ParamSchema;
  value: unknown;
  error?: string;
  onChange(value: unknown): void;
  storeFile(file: Blob): Promise<ArtifactRef>;
}

/** One param's field, chosen from its schema: choice, toggle, number (with a slider in range), text, file, or JSON. */
export function ParamField({ name, schema, value, error, onChange, storeFile }: FieldProps) {
  const label = labelFor(name);
  const current = value ?? schema.default;
  const choices = choicesOf(schema);
  const types = ([] as string[]).concat(schema.type ?? []);
  // A file refused as it arrived (not a photo, too large, undecodable): said here, until one is taken.
  const [fileProblem, setFileProblem] = useState<string>();
  let control;
  if (choices) {
    control = (
      <select
        aria-label={label}
        value={String(current ?? '')}
        onChange={(event) => onChange(choices.find((choice) => String(choice) === event.target.value))}
      >
        {choices.map((choice) => (
          <option key={String(choice)} value={String(choice)}>
            {String(choice)}
          </option>
        ))}
      </select>
    );
  } else if (types.includes('boolean')) {
    control = (
      <input
        type="checkbox"
        aria-label={label}
        checked={current === true}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  } else if (types.includes('number') || types.includes('integer')) {
    const step = types.includes('integer') ? 1 : 0.1;
    const slider =
      schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum - schema.minimum <= 10_000;
    const number = (event: { target: HTMLInputElement }) =>
      onChange(Number.isNaN(event.target.valueAsNumber) ? undefined : event.target.valueAsNumber);
    control = (
      <span className="number-field">
        {slider && (
          <input
            type="range"
            aria-label={`${label} slider`}
            min={schema.minimum}
            max={schema.maximum}
            step={step}
            value={Number(current ?? schema.minimum)}
            onChange={number}
          />
        )}
        <input
          type="number"
          aria-label={label}
          min={schema.minimum}
          max={schema.maximum}
          step={step}
          value={typeof current === 'number' ? current : ''}
          onChange={number}
        />
      </span>
    );
  } else if (isFileParam(schema)) {
    control = (
      <span className="file-field">
        <span className="hint">
          {isArtifactRef(current) ? `${current.mime}, ${(current.size / 1024).toFixed(0)} KB` : 'No file'}
        </span>
        <input
          type="file"
          aria-label={label}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            const result = await storeGivenFile(file, storeFile);
            if ('stored' in result) onChange(result.stored);
            setFileProblem('problem' in result ? result.problem : undefined);
          }}
        />
      </span>
    );
  } else if (types.includes('string')) {
    control =
      (schema.maxLength ?? 0) > 200 ? (
        <textarea
          aria-label={label}
          rows={4}
          value={String(current ?? '')}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input aria-label={label} value={String(current ?? '')} onChange={(event) => onChange(event.target.value)} />
      );
  } else {
    control = <JsonField label={label} value={current} onChange={onChange} />;
  }
  return (
    <label className={`field inspector-field${error ? ' has-error' : ''}`}>
      <span>{label}</span>
      {control}
      {error && <em className="field-error">{error}</em>}
      {fileProblem && (
        <em className="field-error" role="alert">
          {fileProblem}
        </em>
      )}
    </label>
  );
}

/** Lists and objects as JSON, applied when the text parses; a change made elsewhere (a pick on the node) is shown. */
function JsonField({ label, value, onChange }: { label: string; value: unknown; onChange(value: unknown): void }) {
  const format = (shown: unknown) => (shown === undefined ? '' : JSON.stringify(shown, null, 1));
  const [text, setText] = useState(() => format(value));
  // The value this text stands for: when the param moves away from it, the text follows.
  const [standsFor, setStandsFor] = useState(() => JSON.stringify(value));
  const [problem, setProblem] = useState<string>();
  if (JSON.stringify(value) !== standsFor) {
    setStandsFor(JSON.stringify(value));
    setText(format(value));
    setProblem(undefined);
  }
  return (
    <>
      <textarea
        aria-label={label}
        rows={3}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed: unknown = event.target.value.trim() === '' ? undefined : JSON.parse(event.target.value);
            setStandsFor(JSON.stringify(parsed));
            onChange(parsed);
            setProblem(undefined);
          } catch {
            setProblem('not valid JSON yet');
          }
        }}
      />
      {problem && <em className="field-error">{problem}</em>}
    </>
  );
}
