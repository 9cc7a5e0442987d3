import { z } from 'zod';
import type { AnyNodeDef } from '../../graph-engine';

/** The slice of JSON Schema the inspector builds fields from. */
export interface ParamSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: ParamSchema[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxLength?: number;
  maxItems?: number;
  properties?: Record<string, ParamSchema>;
  required?: string[];
  /** A record's values (its keys are free). */
  additionalProperties?: ParamSchema | boolean;
  /** A list's items. */
  items?: ParamSchema;
  /** What each choice is called where people see it (a kind's schema says, with `.meta({ labels })`). */
  labels?: Record<string, string>;
  /** What the setting is called where people see it, when its name does not say it (`.meta({ title })`). */
  title?: string;
}

const cache = new WeakMap<AnyNodeDef, Record<string, ParamSchema>>();

/** A node kind's params as JSON Schema properties (zod's own conversion), computed once per kind. */
export function paramSchemas(def: AnyNodeDef): Record<string, ParamSchema> {
  let schemas = cache.get(def);
  if (!schemas) {
    const json = z.toJSONSchema(def.params as z.ZodType, { unrepresentable: 'any', io: 'input' }) as ParamSchema;
    cache.set(def, (schemas = json.properties ?? {}));
  }
  return schemas;
}

/**
 * What an app input sets, as a field reads it: the param's schema, or a record param's values (a
 * Prompt's variable). Undefined for a name the kind's params do not have (never a prototype member).
 */
export function appInputSchema(def: AnyNodeDef, input: { param: string; key?: string }): ParamSchema | undefined {
  const schemas = paramSchemas(def);
  if (!Object.hasOwn(schemas, input.param)) return undefined;
  const param = schemas[input.param];
  if (input.key === undefined) return param;
  return typeof param.additionalProperties === 'object' ? param.additionalProperties : undefined;
}

/** The choices of an enum or a union of constants, or undefined when the param is not a choice. */
export function choicesOf(schema: ParamSchema): unknown[] | undefined {
  if (schema.enum) return schema.enum;
  if (schema.anyOf?.every((option) => option.const !== undefined)) return schema.anyOf.map((option) => option.const);
  return undefined;
}

/** How a choice is shown: the name its schema gives it, else the value itself. */
export function choiceLabel(schema: ParamSchema, choice: unknown): string {
  return schema.labels?.[String(choice)] ?? String(choice);
}

/** A value for a new list item: each required field at its default, the middle of its range, or empty. */
export function newValueOf(schema: ParamSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  const types = ([] as string[]).concat(schema.type ?? []);
  if (types.includes('number') || types.includes('integer')) {
    const low = schema.minimum ?? schema.exclusiveMinimum;
    const high = schema.maximum ?? schema.exclusiveMaximum;
    return low !== undefined && high !== undefined ? (low + high) / 2 : (low ?? 0);
  }
  if (types.includes('boolean')) return false;
  if (types.includes('string')) return choicesOf(schema)?.[0] ?? '';
  if (types.includes('array')) return [];
  if (types.includes('object'))
    return Object.fromEntries(
      (schema.required ?? []).map((name) => [name, newValueOf(schema.properties?.[name] ?? {})]),
    );
  return undefined;
}

/** `transitionDuration` → `Transition duration` */
export function labelFor(name: string, schema?: ParamSchema): string {
  if (schema?.title) return schema.title;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const isFileParam = (schema: ParamSchema) => schema.properties?.$artifact !== undefined;
