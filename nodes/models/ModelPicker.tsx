/** A model the picker offers; `unavailable` says why it cannot be chosen, `retired` since when it cannot. */
export interface ModelOption {
  id: string;
  label: string;
  unavailable?: string;
  retired?: string;
}

/**
 * Checkboxes for the models a node runs; more than one means a side-by-side comparison.
 * At least one stays chosen; a model that cannot be used is shown, disabled, with the reason.
 */
export function ModelPicker({
  title,
  options,
  chosen,
  onChange,
  open,
}: {
  title: string;
  options: readonly ModelOption[];
  chosen: readonly string[];
  onChange(next: string[]): void;
  open?: boolean;
}) {
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen.filter((model) => model !== id), id] : chosen.filter((model) => model !== id);
    if (next.length > 0) onChange(next);
  };
  return (
    <details className="nodrag" open={open}>
      <summary>
        {title} ({chosen.length} chosen{chosen.length > 1 ? ': side by side' : ''})
      </summary>
      <div className="model-list nowheel">
        {options.map((model) => (
          <label
            key={model.id}
            className="model-option"
            title={model.retired ? `Shut down by the vendor on ${model.retired}` : model.unavailable}
          >
            <input
              type="checkbox"
              checked={chosen.includes(model.id)}
              // Retired or unsupported models cannot be chosen for new work; a graph that has one can drop it.
              disabled={Boolean(model.unavailable || model.retired) && !chosen.includes(model.id)}
              onChange={(event) => toggle(model.id, event.target.checked)}
            />
            {model.label}
            {model.retired ? (
              <small className="hint"> (retired)</small>
            ) : (
              model.unavailable && <small className="hint"> (not yet supported)</small>
            )}
          </label>
        ))}
      </div>
    </details>
  );
}
