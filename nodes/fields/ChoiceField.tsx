/** A labelled choice on a node: one of `choices` (id → what people read), said as a select. */
export function ChoiceField<T extends string>({
  label,
  value,
  choices,
  onChange,
  ariaLabel,
}: {
  label: string;
  value: T;
  choices: Readonly<Record<T, string>>;
  onChange(next: T): void;
  /** Where several rows share a label (Font, title 2). */
  ariaLabel?: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select
        className="nodrag"
        aria-label={ariaLabel}
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {(Object.entries(choices) as [T, string][]).map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
