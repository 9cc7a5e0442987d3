import type { AppSpec } from '../../graph-engine';
import { updateDoc } from '../state/actions';
import { showInApp } from '../state/edits';
import { labelFor, type ParamSchema } from './param-schema';

/**
 * "Show in app" under a node's field: puts the setting in the graph's app form. A record of
 * values (a Prompt's variables) offers each entry on its own: an app asks for a subject, not a table.
 */
export function ShowInApp({
  app,
  nodeId,
  param,
  schema,
  value,
}: {
  app: AppSpec | undefined;
  nodeId: string;
  param: string;
  schema: ParamSchema;
  value: unknown;
}) {
  const record = typeof schema.additionalProperties === 'object' && value !== null && typeof value === 'object';
  const keys: (string | undefined)[] = record ? Object.keys(value as object) : [undefined];
  return (
    <>
      {keys.map((key) => {
        const shown = (app?.inputs ?? []).some(
          (input) => input.node === nodeId && input.param === param && input.key === key,
        );
        return (
          <label key={key ?? ''} className="show-on-component">
            <input
              type="checkbox"
              checked={shown}
              onChange={(event) =>
                updateDoc(showInApp({ node: nodeId, param, key, label: labelFor(key ?? param) }, event.target.checked))
              }
            />
            {key === undefined ? 'Show in app' : `Show “${key}” in app`}
          </label>
        );
      })}
    </>
  );
}
