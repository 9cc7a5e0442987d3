import { isArtifactRef } from '../../graph-engine';
import type { NodeViewProps } from '../view-types';
import { resolveChoice, type PickParams } from './schema';

/** The candidates side by side; clicking one stores the choice in the graph. */
export function PickView({ params, setParams, inputs, Media }: NodeViewProps<PickParams>) {
  const candidates = Array.isArray(inputs.candidates) ? inputs.candidates.filter(isArtifactRef) : [];
  const chosen = resolveChoice({ ...params, autoPick: params.autoPick ?? false }, candidates);
  return (
    <div className="node-body">
      {candidates.length === 0 ? (
        <p className="hint">Run the graph to see the candidates here.</p>
      ) : (
        <div
          className="thumbs pick"
          role="group"
          aria-label="Candidates: arrow keys choose"
          onKeyDown={(event) => {
            const step = { ArrowRight: 1, ArrowDown: 2, ArrowLeft: -1, ArrowUp: -2 }[event.key];
            if (step === undefined) return;
            event.preventDefault();
            const focused = [...event.currentTarget.children].indexOf(event.target as Element);
            const from = focused >= 0 ? focused : (chosen ?? 0);
            const index = Math.min(candidates.length - 1, Math.max(0, from + step));
            setParams({ choice: { index, artifact: candidates[index].$artifact } });
            (event.currentTarget.children[index] as HTMLElement | undefined)?.focus();
          }}
        >
          {candidates.map((candidate, index) => (
            <Media
              key={`${candidate.$artifact}-${index}`}
              artifact={candidate}
              alt={`Candidate ${index + 1}`}
              selected={index === chosen}
              onClick={() => setParams({ choice: { index, artifact: candidate.$artifact } })}
            />
          ))}
        </div>
      )}
      <label className="field inline">
        <input
          className="nodrag"
          type="checkbox"
          checked={params.autoPick ?? false}
          onChange={(event) => setParams({ autoPick: event.target.checked })}
        />
        <span>Auto-pick the first candidate (batch runs)</span>
      </label>
    </div>
  );
}
