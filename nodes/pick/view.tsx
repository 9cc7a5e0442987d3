import { isArtifactRef } from '../../graph-engine';
import type { NodeViewProps } from '../view-types';
import { keepCount, resolveKept, togglePick, validPicks, zPickParams, type PickParams } from './schema';

/** The candidates side by side; clicking picks one (or toggles one of several) and stores it in the graph. */
export function PickView({ params: given, setParams, inputs, Media }: NodeViewProps<PickParams>) {
  // Params as saved may lack defaults (or be invalid, which the node's status says): read them whole.
  const params = zPickParams.safeParse(given).data ?? zPickParams.parse({});
  const candidates = Array.isArray(inputs.candidates) ? inputs.candidates.filter(isArtifactRef) : [];
  // Until enough are picked, the ones picked so far are shown as kept.
  const kept = resolveKept(params, candidates) ?? validPicks(params, candidates);
  const count = keepCount(params, candidates);
  const pick = (index: number) =>
    setParams({ picks: togglePick(params, index, candidates[index].$artifact, Math.max(1, count), candidates) });
  return (
    <div className="node-body">
      {candidates.length === 0 ? (
        <p className="hint">Run the graph to see the candidates here.</p>
      ) : (
        <>
          <div
            className="thumbs pick"
            role="group"
            aria-label={params.keep === 1 ? 'Candidates: arrow keys choose' : 'Candidates: click to keep or let go'}
            onKeyDown={(event) => {
              const step = { ArrowRight: 1, ArrowDown: 2, ArrowLeft: -1, ArrowUp: -2 }[event.key];
              if (step === undefined || params.keep !== 1) return;
              event.preventDefault();
              const focused = [...event.currentTarget.children].indexOf(event.target as Element);
              const from = focused >= 0 ? focused : (kept[0] ?? 0);
              const index = Math.min(candidates.length - 1, Math.max(0, from + step));
              setParams({ picks: [{ index, artifact: candidates[index].$artifact }] });
              (event.currentTarget.children[index] as HTMLElement | undefined)?.focus();
            }}
          >
            {candidates.map((candidate, index) => {
              const stars = params.ratings[candidate.$artifact];
              return (
                <Media
                  key={`${candidate.$artifact}-${index}`}
                  artifact={candidate}
                  alt={`Candidate ${index + 1}${stars ? `, ${stars} stars` : ''}`}
                  selected={kept.includes(index)}
                  onClick={() => pick(index)}
                />
              );
            })}
          </div>
          {params.keep !== 1 && (
            <p className="hint" aria-live="polite">
              {kept.length} of {count} kept
            </p>
          )}
        </>
      )}
      <label className="field inline">
        <span>Keep</span>
        <select
          className="nodrag"
          aria-label="How many to keep"
          value={String(params.keep)}
          onChange={(event) => setParams({ keep: event.target.value === 'any' ? 'any' : Number(event.target.value) })}
        >
          {[1, 2, 3, 4, 6, 8].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
          <option value="any">any I pick</option>
        </select>
      </label>
      <label className="field inline">
        <input
          className="nodrag"
          type="checkbox"
          checked={params.autoPick}
          onChange={(event) => setParams({ autoPick: event.target.checked })}
        />
        <span>Auto-pick the best-rated, then the first (batch runs)</span>
      </label>
    </div>
  );
}
