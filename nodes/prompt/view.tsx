import type { NodeViewProps } from '../view-types';
import type { PromptParams } from './schema';

export function PromptView({ params, setParams, outputs }: NodeViewProps<PromptParams>) {
  const variables = Object.entries(params.variables ?? {});
  return (
    <div className="node-body">
      <textarea
        className="nodrag"
        aria-label="Prompt text"
        rows={4}
        value={params.text ?? ''}
        onChange={(event) => setParams({ text: event.target.value })}
      />
      {variables.map(([name, value]) => (
        <label key={name} className="field">
          <span>{`{${name}}`}</span>
          <input
            className="nodrag"
            value={value}
            onChange={(event) => setParams({ variables: { ...params.variables, [name]: event.target.value } })}
          />
        </label>
      ))}
      {typeof outputs?.text === 'string' && <p className="output-text">{outputs.text}</p>}
    </div>
  );
}
