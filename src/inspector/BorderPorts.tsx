import type { ComponentDef, NodePorts } from '../../graph-engine';
import { updateDoc } from '../state/actions';
import { borderPort } from '../state/edits';

/**
 * An inner node's ports as the opened component's border: each input no wire inside feeds can be
 * taken from outside, each output handed out; its instances then have that port to wire.
 */
export function BorderPorts({
  definition,
  innerId,
  ports,
  nodeTitle,
}: {
  definition: ComponentDef;
  innerId: string;
  ports: NodePorts;
  nodeTitle: string;
}) {
  const ref = { id: definition.id, version: definition.version };
  const fedInside = (port: string) =>
    definition.edges.some((edge) => edge.to.node === innerId && edge.to.port === port);
  const inputs = Object.entries(ports.inputs).filter(([port]) => !fedInside(port));
  const outputs = Object.entries(ports.outputs);
  if (inputs.length === 0 && outputs.length === 0) return null;
  const row = (side: 'input' | 'output', port: string, label: string, on: boolean) => (
    <label key={`${side}:${port}`} className="show-on-component">
      <input
        type="checkbox"
        checked={on}
        onChange={(event) =>
          updateDoc(borderPort(ref, side, { node: innerId, port }, event.target.checked, `${nodeTitle} · ${label}`))
        }
      />
      {side === 'input' ? `Take “${label}” from outside` : `Hand “${label}” out`}
    </label>
  );
  return (
    <fieldset className="field group" aria-label="Component border">
      <legend>On the component’s border</legend>
      {inputs.map(([port, spec]) =>
        row(
          'input',
          port,
          spec.label ?? port,
          definition.inputs.some((border) => border.to.some((to) => to.node === innerId && to.port === port)),
        ),
      )}
      {outputs.map(([port, spec]) =>
        row(
          'output',
          port,
          spec.label ?? port,
          definition.outputs.some((border) => border.from.node === innerId && border.from.port === port),
        ),
      )}
    </fieldset>
  );
}
