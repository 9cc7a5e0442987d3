import { useGraphStore } from '../state/graph-store';
import { formatUsd } from '../../nodes/models/format-usd';
import { nodeById } from '../state/selectors';

/** Asks before a run whose estimated cost is above the threshold in Settings. Nothing is sent until accepted. */
export function CostConfirm() {
  const request = useGraphStore((state) => state.spendRequest);
  const doc = useGraphStore((state) => state.doc);
  if (!request) return null;
  const { estimate, answer } = request;
  return (
    <div className="sheet-backdrop">
      <div className="sheet" role="alertdialog" aria-label="Confirm the cost of this run">
        <h2>This run will cost about {formatUsd(estimate.total)}</h2>
        <p className="hint">
          Only nodes that are not cached are counted. Prices are the catalog’s estimates; your provider bills the actual
          amount.
        </p>
        <table>
          <tbody>
            {estimate.nodes.map(({ nodeId, cost }) => {
              const node = nodeById(doc, nodeId);
              return (
                <tr key={nodeId}>
                  <th>{node?.title ?? node?.kind ?? nodeId}</th>
                  <td>{formatUsd(cost)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="sheet-actions">
          <button type="button" className="primary" onClick={() => answer(true)}>
            Run and spend {formatUsd(estimate.total)}
          </button>
          <button type="button" onClick={() => answer(false)} autoFocus>
            Don’t run
          </button>
        </div>
      </div>
    </div>
  );
}
