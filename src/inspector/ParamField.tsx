import { useState } from 'react';
import { isArtifactRef, type ArtifactRef } from '../../graph-engine';
import { storeGivenFile } from '../../nodes/file-field';
import { choiceLabel, choicesOf, isFileParam, labelFor, newValueOf, type ParamSchema } from './param-schema';

interface FieldProps {
  name: string;
  /** Where the param's own name does not say enough (a component's exposed param). */
  label?: string;
  schema: ParamSchema;
  value: unknown;
  error?: string;
  onChange(value: unknown): void;
  storeFile(file: Blob): Promise<ArtifactRef>;
}

/** One param's field, chosen from its schema: choice, toggle, number (with a slider in range), text, file, list, record, or JSON. */
export function ParamField({
  name,
  schema,
  label = labelFor(name, schema),
  value,
  error,
  onChange,
  storeFile,
}: FieldProps) {
  // A file refused as it arrived (not a photo, too large, undecodable): said here, until one is taken.
  const [fileProblem, setFileProblem] = useState<string>();
  const control = (
    <Control
      label={label}
      schema={schema}
      value={value}
      onChange={onChange}
      storeFile={storeFile}
      onFileProblem={setFileProblem}
    />
  );
  const notes = (
    <>
      {error && <em className="field-error">{error}</em>}
      {fileProblem && (
        <em className="field-error" role="alert">
          {fileProblem}
        </em>
      )}
    </>
  );
  // A field of several controls is a group with a legend; a label names one control only.
  return isGroup(schema) ? (
    <fieldset className={`field inspector-field group${error ? ' has-error' : ''}`}>
      <legend>{label}</legend>
      {control}
      {notes}
    </fieldset>
  ) : (
    <label className={`field inspector-field${error ? ' has-error' : ''}`}>
      <span>{label}</span>
      {control}
      {notes}
    </label>
  );
}

const typesOf = (schema: ParamSchema) => ([] as string[]).concat(schema.type ?? []);
const isNumber = (schema: ParamSchema) => typesOf(schema).some((type) => type === 'number' || type === 'integer');
/** A number, or one of a few named choices instead (a Pick's keep: a count, or any number). */
const numberOrChoice = (schema: ParamSchema) =>
  schema.anyOf !== undefined &&
  schema.anyOf.some(isNumber) &&
  schema.anyOf.every((option) => isNumber(option) || option.const !== undefined);
const isRecord = (schema: ParamSchema) =>
  typesOf(schema).includes('object') && !schema.properties && typeof schema.additionalProperties === 'object';
const isList = (schema: ParamSchema) => typesOf(schema).includes('array') && schema.items?.properties !== undefined;
const isObject = (schema: ParamSchema) => typesOf(schema).includes('object') && schema.properties !== undefined;
/** A list of distinct choices (an Assemble's frames): a checkbox each. */
const isChoiceSet = (schema: ParamSchema) =>
  typesOf(schema).includes('array') && schema.items !== undefined && choicesOf(schema.items) !== undefined;
const isGroup = (schema: ParamSchema) =>
  !isFileParam(schema) &&
  (numberOrChoice(schema) || isRecord(schema) || isList(schema) || isObject(schema) || isChoiceSet(schema));

interface ControlProps {
  label: string;
  schema: ParamSchema;
  value: unknown;
  onChange(value: unknown): void;
  storeFile(file: Blob): Promise<ArtifactRef>;
  onFileProblem(problem: string | undefined): void;
}

/** The control for one value of a schema; lists, records and objects hold a control per part. */
function Control({ label, schema, value, onChange, storeFile, onFileProblem }: ControlProps) {
  const current = value ?? schema.default;
  const choices = choicesOf(schema);
  const types = typesOf(schema);
  if (choices)
    return (
      <select
        aria-label={label}
        value={String(current ?? '')}
        onChange={(event) => onChange(choices.find((choice) => String(choice) === event.target.value))}
      >
        {choices.map((choice) => (
          <option key={String(choice)} value={String(choice)}>
            {choiceLabel(schema, choice)}
          </option>
        ))}
      </select>
    );
  if (types.includes('boolean'))
    return (
      <input
        type="checkbox"
        aria-label={label}
        checked={current === true}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  if (isNumber(schema)) return <NumberControl label={label} schema={schema} value={current} onChange={onChange} />;
  if (numberOrChoice(schema)) {
    const number = schema.anyOf!.find(isNumber)!;
    const named = schema.anyOf!.filter((option) => option.const !== undefined).map((option) => option.const);
    const chosen = named.find((choice) => choice === current);
    return (
      <span className="number-or-choice">
        {named.map((choice) => (
          <label key={String(choice)} className="field inline">
            <input
              type="checkbox"
              aria-label={choiceLabel(schema, choice)}
              checked={chosen === choice}
              onChange={(event) =>
                onChange(event.target.checked ? choice : (number.minimum ?? number.exclusiveMinimum ?? 1))
              }
            />
            <span>{choiceLabel(schema, choice)}</span>
          </label>
        ))}
        {chosen === undefined && <NumberControl label={label} schema={number} value={current} onChange={onChange} />}
      </span>
    );
  }
  if (isFileParam(schema))
    return (
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
            onFileProblem('problem' in result ? result.problem : undefined);
          }}
        />
      </span>
    );
  if (types.includes('string'))
    return (schema.maxLength ?? 0) > 200 ? (
      <textarea
        aria-label={label}
        rows={4}
        value={String(current ?? '')}
        onChange={(event) => onChange(event.target.value)}
      />
    ) : (
      <input aria-label={label} value={String(current ?? '')} onChange={(event) => onChange(event.target.value)} />
    );
  if (isChoiceSet(schema)) {
    const choices = choicesOf(schema.items!)!;
    const chosen = Array.isArray(current) ? current : [];
    return (
      <span className="choice-set">
        {choices.map((choice) => (
          <label key={String(choice)} className="field inline">
            <input
              type="checkbox"
              aria-label={`${label}: ${choiceLabel(schema.items!, choice)}`}
              checked={chosen.includes(choice)}
              onChange={(event) =>
                onChange(choices.filter((each) => (each === choice ? event.target.checked : chosen.includes(each))))
              }
            />
            <span>{choiceLabel(schema.items!, choice)}</span>
          </label>
        ))}
      </span>
    );
  }
  const parts = { storeFile, onFileProblem };
  if (isRecord(schema)) return <RecordControl label={label} schema={schema} value={current} onChange={onChange} />;
  if (isList(schema))
    return <ListControl label={label} schema={schema} value={current} onChange={onChange} {...parts} />;
  if (isObject(schema)) return <ObjectControl schema={schema} value={current} onChange={onChange} {...parts} />;
  return <JsonField label={label} value={current} onChange={onChange} />;
}

function NumberControl({
  label,
  schema,
  value,
  onChange,
}: Pick<ControlProps, 'label' | 'schema' | 'value' | 'onChange'>) {
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  const integer = typesOf(schema).includes('integer');
  const step = integer ? 1 : high !== undefined && low !== undefined && high - low <= 1 ? 0.05 : 0.1;
  const slider = low !== undefined && high !== undefined && high - low <= 10_000;
  const number = (event: { target: HTMLInputElement }) =>
    onChange(Number.isNaN(event.target.valueAsNumber) ? undefined : event.target.valueAsNumber);
  return (
    <span className="number-field">
      {slider && (
        <input
          type="range"
          aria-label={`${label} slider`}
          min={low}
          max={high}
          step={step}
          value={Number(value ?? (low! <= 0 && 0 <= high! ? 0 : low))}
          onChange={number}
        />
      )}
      <input
        type="number"
        aria-label={label}
        min={low}
        max={high}
        step={step}
        value={typeof value === 'number' ? value : ''}
        onChange={number}
      />
    </span>
  );
}

/** The fields of an object, each under its own name (a keyframe's axes). */
function ObjectControl({ schema, value, onChange, storeFile, onFileProblem }: Omit<ControlProps, 'label'>) {
  const object = (value ?? {}) as Record<string, unknown>;
  return (
    <div className="object-field">
      {Object.entries(schema.properties ?? {}).map(([name, part]) => {
        const Part = isGroup(part) ? 'fieldset' : 'label';
        return (
          <Part key={name} className={`field ${isGroup(part) ? 'inspector-field group' : 'inline'}`}>
            {isGroup(part) ? <legend>{labelFor(name, part)}</legend> : <span>{labelFor(name, part)}</span>}
            <Control
              label={labelFor(name, part)}
              schema={part}
              value={object[name]}
              storeFile={storeFile}
              onFileProblem={onFileProblem}
              onChange={(next) => {
                const changed = { ...object, [name]: next };
                if (next === undefined) delete changed[name];
                onChange(changed);
              }}
            />
          </Part>
        );
      })}
    </div>
  );
}

/** A list of objects, one group each, with Add and Remove (a Camera's keyframes). */
function ListControl({ label, schema, value, onChange, storeFile, onFileProblem }: ControlProps) {
  const items = Array.isArray(value) ? value : [];
  const full = schema.maxItems !== undefined && items.length >= schema.maxItems;
  return (
    <div className="list-field">
      {items.length === 0 && <span className="hint">None yet.</span>}
      {items.map((item, at) => (
        <div key={at} className="list-item" role="group" aria-label={`${label} ${at + 1}`}>
          <ObjectControl
            schema={schema.items!}
            value={item}
            storeFile={storeFile}
            onFileProblem={onFileProblem}
            onChange={(next) => onChange(items.map((old, index) => (index === at ? next : old)))}
          />
          <button
            type="button"
            className="link-button"
            onClick={() => onChange(items.filter((_, index) => index !== at))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        disabled={full}
        title={full ? `At most ${schema.maxItems}` : undefined}
        onClick={() => onChange([...items, newValueOf(schema.items!)])}
      >
        Add {label.toLowerCase().replace(/s$/, '')}
      </button>
    </div>
  );
}

/** A record of text by name, a row each (a Prompt's variables). */
function RecordControl({
  label,
  schema,
  value,
  onChange,
}: Pick<ControlProps, 'label' | 'schema' | 'value' | 'onChange'>) {
  const entries = Object.entries((value ?? {}) as Record<string, unknown>);
  const text =
    typeof schema.additionalProperties === 'object' && typesOf(schema.additionalProperties).includes('string');
  if (!text) return <JsonField label={label} value={value} onChange={onChange} />;
  const set = (next: [string, unknown][]) => onChange(Object.fromEntries(next));
  return (
    <div className="record-field">
      {entries.map(([key, entry], at) => (
        <div key={at} className="record-row">
          <input
            aria-label={`${label}: name ${at + 1}`}
            value={key}
            onChange={(event) => set(entries.map((old, index) => (index === at ? [event.target.value, old[1]] : old)))}
          />
          <input
            aria-label={`${label}: ${key || `value ${at + 1}`}`}
            value={String(entry ?? '')}
            onChange={(event) => set(entries.map((old, index) => (index === at ? [old[0], event.target.value] : old)))}
          />
          <button
            type="button"
            className="link-button"
            aria-label={`Remove ${key}`}
            onClick={() => set(entries.filter((_, index) => index !== at))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set([...entries, [`name${entries.length + 1}`, '']])}>
        Add
      </button>
    </div>
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
