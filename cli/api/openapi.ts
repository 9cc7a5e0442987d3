import { z } from 'zod';
import { APP_VERSION } from '../../src/app-version';
import { apiSchemas, zRunRequest } from './shapes';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(id) } },
});
const refused = (description: string) => json('Error', description);

const appId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'A built-in template’s id, or a library template’s',
};
const version = { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const runId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

const describeApp = (parameters: object[]) => ({
  get: {
    summary: 'What the app takes and hands back',
    parameters,
    responses: { '200': json('App', 'The app'), '404': refused('No such app or version') },
  },
});

const startRun = (parameters: object[]) => ({
  post: {
    summary: 'Run the app with these inputs',
    description:
      'Queued behind the runs before it, through the same queue and budgets as the app. JSON, or multipart/form-data with a part per input (files as file parts) and `max_cost` and `auto_pick` as fields.',
    parameters,
    requestBody: {
      // An empty body runs the app on its defaults.
      required: false,
      content: {
        'application/json': { schema: ref('RunRequest') },
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { max_cost: { type: 'number', minimum: 0 }, auto_pick: { type: 'boolean' } },
            additionalProperties: { oneOf: [{ type: 'string' }, { type: 'string', format: 'binary' }] },
          },
        },
      },
    },
    responses: {
      '202': json('Run', 'Queued: follow it at GET /v1/runs/{id}'),
      '400': refused('An input that does not fit, named with what it takes'),
      '404': refused('No such app or version'),
      '413': refused('A file or the request is too large, or has too many parts'),
      '415': refused('Neither JSON nor multipart/form-data'),
      '507': refused('An uploaded file could not be kept on this computer'),
    },
  },
});

/** What any request may be answered with, besides its own answers. */
const EVERY_REQUEST = {
  '400': refused('A path that is not well formed'),
  '401': refused('No token, or another one'),
  '405': refused('A method this path does not take'),
  '500': refused('Something went wrong in the server (said in one line)'),
  '503': refused('The app could not be started (said in one line)'),
};

/** Each operation with the answers any request may get, its own first. */
const withEveryAnswer = (paths: Record<string, Record<string, { responses: object; [field: string]: unknown }>>) =>
  Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => [
          method,
          { ...operation, responses: { ...EVERY_REQUEST, ...operation.responses } },
        ]),
      ),
    ]),
  );

/** A JSON Schema as a component of the document: without the keys that belong to a document of its own. */
const embedded = (schema: object) =>
  Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema' && key !== '$id'));

/** The OpenAPI 3.1 document of the local HTTP API, generated from its zod shapes. */
export function openApiDocument() {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}`, io: 'output' });
  // A request's defaults make its fields optional to send: the request is described as it is sent.
  const runRequest = z.toJSONSchema(zRunRequest, { io: 'input' });
  const components = Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, embedded(id === 'RunRequest' ? runRequest : schema)]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Reelgraph local API',
      version: APP_VERSION,
      description:
        'Run Reelgraph’s apps (graphs with a form) from scripts, on this computer. Start it with `npm run -s serve`; every request carries the token it prints as `Authorization: Bearer <token>`.',
    },
    servers: [{ url: 'http://127.0.0.1:41731', description: 'The default address; --host and --port change it' }],
    security: [{ token: [] }],
    paths: withEveryAnswer({
      '/v1/apps': {
        get: {
          summary: 'The apps: built-in templates and this profile’s library',
          responses: { '200': json('AppList', 'The apps') },
        },
      },
      '/v1/apps/{id}': describeApp([appId]),
      '/v1/apps/{id}/versions/{version}': describeApp([appId, version]),
      '/v1/apps/{id}/runs': startRun([appId]),
      '/v1/apps/{id}/versions/{version}/runs': startRun([appId, version]),
      '/v1/runs/{id}': {
        get: {
          summary: 'A run: its status, cost and outputs',
          parameters: [runId],
          responses: {
            '200': json('Run', 'The run'),
            '404': refused('No such run (runs are kept while the server runs)'),
          },
        },
        delete: {
          summary: 'Cancel a run (one waiting in the queue never starts)',
          parameters: [runId],
          responses: { '200': json('Run', 'The run, cancelled or as it ended'), '404': refused('No such run') },
        },
      },
      '/v1/runs/{id}/outputs/{name}': {
        get: {
          summary: 'One output’s media',
          parameters: [runId, { name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The media, as its type',
              content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
            },
            '404': refused('No such run or output'),
          },
        },
      },
      '/v1/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    }),
    components: {
      schemas: components,
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'The token `npm run -s serve` prints' },
      },
    },
  };
}
