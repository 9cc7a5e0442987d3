/**
 * The local HTTP API's shapes, stated once: the server judges requests with them, its answers are
 * built to them, and the OpenAPI document (`npm run -s serve -- --openapi`) is generated from them.
 */
import { z } from 'zod';

/** The shapes the OpenAPI document names under components/schemas. */
export const apiSchemas = z.registry<{ id: string }>();

/** An app input's value in a JSON request: as its type takes it (a number, a list), or as text the way `--input` writes it. */
export const zInputValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const zRunRequest = z
  .object({
    inputs: z
      .record(z.string(), zInputValue)
      .default({})
      .describe('The app’s inputs by name (GET /v1/apps/{id} lists them); a file input is sent as multipart/form-data'),
    max_cost: z
      .number()
      .min(0)
      .default(0)
      .describe(
        'US dollars. A run estimated above it is refused before anything is sent; the budgets set in the app apply too',
      ),
    auto_pick: z
      .boolean()
      .default(false)
      .describe('Every Pick keeps its first candidate instead of waiting for a person'),
  })
  .strict()
  .register(apiSchemas, { id: 'RunRequest' });

/** A multipart request's own fields (every other field or file part is an input). */
export const zPartOptions = z.object({
  max_cost: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a number of dollars, such as 0 or 2.5')
    .transform(Number)
    .optional(),
  auto_pick: z
    .enum(['true', 'false'], 'expected true or false')
    .transform((value) => value === 'true')
    .optional(),
});

export const zAppInput = z
  .object({
    name: z.string(),
    label: z.string(),
    takes: z.string().describe('What it takes, in words'),
    file: z.boolean().describe('It takes a file: a file part of a multipart/form-data request'),
    now: z.string().describe('Its value when not given'),
  })
  .register(apiSchemas, { id: 'AppInput' });

export const zApp = z
  .object({
    id: z.string(),
    version: z
      .number()
      .int()
      .optional()
      .describe('The newest version (a library template); built-in templates have none'),
    name: z.string(),
    description: z.string().optional(),
    builtIn: z.boolean(),
    inputs: z.array(zAppInput),
    outputs: z.array(z.object({ name: z.string(), label: z.string().optional() })),
  })
  .register(apiSchemas, { id: 'App' });

export const zAppList = z.object({ apps: z.array(zApp) }).register(apiSchemas, { id: 'AppList' });

export const zRunState = z
  .enum(['queued', 'running', 'done', 'failed', 'waiting', 'cancelled', 'declined'])
  .describe(
    'declined: refused before anything was sent (over max_cost or a budget); waiting: it stopped at a Pick (run again with auto_pick)',
  );

export const zRunOutput = z
  .object({
    name: z.string(),
    mime: z.string(),
    bytes: z.number().int(),
    url: z.string().describe('GET it (with the token) for the media'),
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .register(apiSchemas, { id: 'RunOutput' });

export const zRun = z
  .object({
    id: z.string(),
    app: z.object({ id: z.string(), version: z.number().int().optional(), name: z.string() }),
    status: zRunState,
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().optional(),
    endedAt: z.iso.datetime().optional(),
    maxCostUsd: z.number(),
    estimateUsd: z.number().optional(),
    costUsd: z.number().describe('What it spent (0 on this computer and from the cache)'),
    nodes: z.record(z.string(), z.string()).describe('Each node’s state: idle, running 40%, done, cached, failed, …'),
    executed: z.array(z.string()),
    fromCache: z.array(z.string()),
    outputs: z.array(zRunOutput),
    error: z.string().optional(),
  })
  .register(apiSchemas, { id: 'Run' });

export const zError = z.object({ error: z.string() }).register(apiSchemas, { id: 'Error' });

export type RunRequest = z.infer<typeof zRunRequest>;
export type ApiApp = z.infer<typeof zApp>;
export type ApiRun = z.infer<typeof zRun>;
export type RunState = z.infer<typeof zRunState>;
