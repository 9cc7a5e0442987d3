import {
  appInputValue,
  COMPONENT_KIND,
  definitionOf,
  PATH_SEPARATOR,
  setAppInputValue,
  type AnyNodeDef,
  type AppInput,
  type GraphDocument,
} from '../../graph-engine';
import { appInputSchema, type ParamSchema } from './param-schema';

/**
 * What an app input sets, as the form and the CLI read it: the kind whose params schema judges it,
 * the param there, the field's schema, the params the node runs with, and the value now. For a
 * component's instance (`values`, keyed by a setting its component shows) that is the node inside
 * the setting comes from, its value there the default. Undefined where the input leads nowhere.
 */
export interface AppTarget {
  def: AnyNodeDef;
  kind: string;
  /** The node the setting is on, by the id a file is bound to (a path id inside a component). */
  nodeId: string;
  param: string;
  schema: ParamSchema;
  params: Record<string, unknown>;
  value: unknown;
  /** Why a value does not fit (its kind's own words), or undefined when it does. */
  judge(value: unknown): string | undefined;
}

export function appTarget(
  doc: GraphDocument,
  input: AppInput,
  registry: { get(kind: string): AnyNodeDef | undefined },
): AppTarget | undefined {
  const node = doc.nodes.find((each) => each.id === input.node);
  if (!node) return undefined;
  const parsedParams = (def: AnyNodeDef, params: Record<string, unknown>) => {
    const parsed = def.params.safeParse(params);
    return (parsed.success ? parsed.data : params) as Record<string, unknown>;
  };
  const judgeWith = (def: AnyNodeDef, params: (value: unknown) => Record<string, unknown>) => (value: unknown) => {
    const checked = def.params.safeParse(params(value));
    return checked.success ? undefined : checked.error.issues[0].message.replace(/^Invalid input: /, '');
  };
  if (node.kind === COMPONENT_KIND) {
    const shown = input.param === 'values' ? definitionOf(node, doc.components ?? []) : undefined;
    const setting = shown?.params.find((param) => param.name === input.key);
    const inner = setting && shown!.nodes.find((each) => each.id === setting.node);
    const def = inner && registry.get(inner.kind);
    const schema = def && appInputSchema(def, { param: setting!.param });
    if (!inner || !def || !schema) return undefined;
    const own = appInputValue(doc, input);
    const value = own === undefined ? inner.params[setting!.param] : own;
    const withValue = (next: unknown) => ({ ...inner.params, [setting!.param]: next });
    return {
      def,
      kind: inner.kind,
      nodeId: `${node.id}${PATH_SEPARATOR}${inner.id}`,
      param: setting!.param,
      schema,
      params: parsedParams(def, withValue(value)),
      value,
      judge: judgeWith(def, withValue),
    };
  }
  const def = registry.get(node.kind);
  const schema = def && appInputSchema(def, input);
  if (!def || !schema) return undefined;
  const withValue = (next: unknown) => {
    const copy = { nodes: [{ ...node, params: structuredClone(node.params) }] };
    setAppInputValue(copy, input, next);
    return copy.nodes[0].params;
  };
  return {
    def,
    kind: node.kind,
    nodeId: node.id,
    param: input.param,
    schema,
    params: parsedParams(def, node.params),
    value: appInputValue(doc, input),
    judge: judgeWith(def, withValue),
  };
}
