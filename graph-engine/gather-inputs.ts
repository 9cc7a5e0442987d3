import type { EdgeDoc } from './document/schema';
import { needsPromotion, spreadsList, type InputSpec, type ValueType } from './ports';

/**
 * What arrives on each input of a node: the one rule, used by the engine to call an executor and
 * by the canvas to show a view the same values. In edge order; a single item where a list is
 * wanted becomes a list of one; a `multiple` input gets an array, with a list of its items spread
 * into it. An input with no value yet (`valueOf` gives undefined) is passed on as undefined.
 */
export function gatherInputs(
  specs: Readonly<Record<string, InputSpec>>,
  incoming: readonly EdgeDoc[],
  valueOf: (edge: EdgeDoc) => unknown,
  typeOf: (edge: EdgeDoc) => ValueType | undefined,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const edge of incoming) {
    const spec = specs[edge.to.port];
    if (!spec) continue;
    const type = typeOf(edge);
    let value = valueOf(edge);
    if (value !== undefined && type && needsPromotion(type, spec)) value = [value];
    if (spec.multiple)
      ((inputs[edge.to.port] ??= []) as unknown[]).push(
        ...(value !== undefined && type && spreadsList(type, spec) ? (value as unknown[]) : [value]),
      );
    else inputs[edge.to.port] = value;
  }
  return inputs;
}
