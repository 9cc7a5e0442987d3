import { useGraphStore } from '../state/graph-store';
import { formatUsd } from '../../nodes/models/format-usd';
import { nodeName } from '../state/selectors';
import { useSettingsStore } from '../state/settings-store';
import { Sheet } from '../ui/Sheet';

/** Asks before a run whose estimated cost is above the threshold in Settings. Nothing is sent until accepted. */
export function CostConfirm() {
  const request = useGraphStore((state) => state.spendRequest);
  const doc = useGraphStore((state) => state.doc);
  const models = useSettingsStore((state) => state.models);
  if (!request) return null;
  const { estimate, missing, answer } = request;
  const labelOf = (id: string) => models.find((model) => model.id === id)?.label ?? id;
  const titleOf = (nodeId: string) => nodeName(doc, nodeId);
  return (
    <Sheet label="Confirm the cost of this run" role="alertdialog" onClose={() => answer(false)}>
      <h2>This run will cost about {formatUsd(estimate.total)}</h2>
      <p className="hint">
        Only nodes that are not cached are counted. Prices are the catalog’s estimates; your provider bills the actual
        amount.
      </p>
      <table>
        <tbody>
          {estimate.nodes.map(({ nodeId, cost }) => (
            <tr key={nodeId}>
              <th>{titleOf(nodeId)}</th>
              <td>{formatUsd(cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length > 0 && (
        <div className="missing-keys" role="note">
          <p>Not priced and not sent, for want of a key (their takes fail, saying so, and cost nothing):</p>
          <ul>
            {missing.map(({ nodeId, model, why }) => (
              <li key={`${nodeId}/${model}`}>
                <strong>{labelOf(model)}</strong> in “{titleOf(nodeId)}”: {why}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="sheet-actions">
        <button type="button" className="primary" onClick={() => answer(true)}>
          Run and spend {formatUsd(estimate.total)}
        </button>
        <button type="button" onClick={() => answer(false)} autoFocus>
          Don’t run
        </button>
      </div>
    </Sheet>
  );
}
