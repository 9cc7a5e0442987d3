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
  maxLength?: number;
  properties?: Record<string, ParamSchema>;
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

/** The choices of an enum or a union of constants, or undefined when the param is not a choice. */
export function choicesOf(schema: ParamSchema): unknown[] | undefined {
  if (schema.enum) return schema.enum;
  if (schema.anyOf?.every((option) => option.const !== undefined)) return schema.anyOf.map((option) => option.const);
  return undefined;
}

/** `transitionDuration` → `Transition duration` */
export function labelFor(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const isFileParam = (schema: ParamSchema) => schema.properties?.$artifact !== undefined;
