import type { ComponentDef } from '../../graph-engine';
import { updateDoc } from '../state/actions';
import { showOnComponent } from '../state/edits';
import { labelFor } from './param-schema';

/** "Show on component" under an inner node's field: hands the setting to each instance of the component. */
export function ShowOnComponent({
  definition,
  innerId,
  param,
  nodeTitle,
}: {
  definition: ComponentDef;
  innerId: string;
  param: string;
  nodeTitle: string;
}) {
  const shown = definition.params.some((each) => each.node === innerId && each.param === param);
  const ref = { id: definition.id, version: definition.version };
  return (
    <label className="show-on-component">
      <input
        type="checkbox"
        checked={shown}
        onChange={(event) =>
          updateDoc(showOnComponent(ref, innerId, param, event.target.checked, `${nodeTitle} · ${labelFor(param)}`))
        }
      />
      Show on component
    </label>
  );
}
