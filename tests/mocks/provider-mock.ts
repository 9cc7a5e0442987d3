import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local mock servers that speak each provider's documented wire format (../shared/providers.md),
 * failures included. Tests start them on 127.0.0.1; adapters reach them through their base URL.
 */
export type MockName = 'kling' | 'gemini' | 'vertex' | 'ark' | 'fal';

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text instead of JSON (malformed answers). */
  raw?: string;
}

interface Injected {
  method: string;
  path: RegExp;
  reply: Reply;
  times: number;
  /** Do the real work first (create the task), then answer with `reply`: a failure after billing. */
  afterWork?: boolean;
}

export interface MockOptions {
  /** The bytes served as every generated video. */
  video: Buffer;
  /** The bytes served (or inlined) as every generated image. */
  image: Buffer;
  /** Polls that answer "still working" before a task is done. */
  pendingPolls?: number;
  keys?: { accessKey?: string; secretKey?: string; apiKey?: string };
}

export interface ProviderMock {
  name: MockName;
  /** The base URL adapters use (Ark's includes /api/v3). */
  url: string;
  origin: string;
  requests: Recorded[];
  /** Answer the next `times` requests matching method and path with `reply` instead. */
  inject(method: string, path: RegExp, reply: Reply, times?: number): void;
  /** Like inject, but the request is served first (a task made and billed), and only its answer replaced. */
  injectAfterWork(method: string, path: RegExp, reply: Reply, times?: number): void;
  /** How tasks end: done (default), failed with a provider message, or never. */
  outcome:
    | { kind: 'done' }
    | { kind: 'failed'; message: string; code?: string }
    | { kind: 'never' }
    | { kind: 'filtered'; reasons: string[] };
  /** Tasks created so far (submits that succeeded). */
  submits(): number;
  /** Hold each submit's answer this long after the task exists (a page that goes away mid-submit). */
  submitDelayMs: number;
  /** Called once a submit's work is done, before its answer is sent (a test stops the page there). */
  onSubmitted?: () => void;
  /** fal's runner stopping a request in progress when asked to cancel (by default it runs on). */
  falHonoursCancel?: boolean;
  /** Kling's /tasks answering every task whatever external_task_ids asks for (a filter not applied). */
  klingIgnoresExternalFilter?: boolean;
  /** Tokens a finished ModelArk task reports it used (its usage field), when set. */
  usageTokens?: number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, reply: Reply) => {
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.status === 204) return res.end();
  if (reply.raw !== undefined) return res.end(reply.raw);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(reply.body ?? {}));
};

function verifyJwt(token: string, accessKey: string, secretKey: string): string | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return 'malformed token';
  const expected = createHmac('sha256', secretKey).update(`${header}.${payload}`).digest('base64url');
  if (expected !== signature) return 'bad signature';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    iss?: string;
    exp?: number;
    nbf?: number;
  };
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== accessKey) return 'wrong issuer';
  if (!claims.exp || claims.exp <= now) return 'expired';
  if (!claims.nbf || claims.nbf > now) return 'not yet valid';
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startProviderMock(name: MockName, options: MockOptions): Promise<ProviderMock> {
  const keys = {
    accessKey: 'test-access-key',
    secretKey: 'test-secret-key-0123456789',
    apiKey: 'test-api-key-0123456789',
    ...options.keys,
  };
  const pendingPolls = options.pendingPolls ?? 2;
  const injected: Injected[] = [];
  const requests: Recorded[] = [];
  const tasks = new Map<
    string,
    {
      polls: number;
      kind: 'video' | 'image';
      count: number;
      cancelled?: boolean;
      model?: string;
      createdAt: number;
      /** What the task was asked for, as ModelArk's list echoes it. */
      settings?: { duration?: number; resolution?: string; generate_audio?: boolean };
    }
  >();
  /** Kling's external_task_id → task id: a task can be queried by either. */
  const externals = new Map<string, string>();
  let created = 0;
  let origin = '';

  const mock: ProviderMock = {
    name,
    url: '',
    origin: '',
    requests,
    outcome: { kind: 'done' },
    inject: (method, path, reply, times = 1) => injected.push({ method, path, reply, times }),
    injectAfterWork: (method, path, reply, times = 1) => injected.push({ method, path, reply, times, afterWork: true }),
    submits: () => created,
    submitDelayMs: 0,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // An answer held back (submitDelayMs) is not waited for.
        server.closeAllConnections();
      }),
  };

  const newTask = (
    kind: 'video' | 'image',
    count = 1,
    model?: string,
    settings?: { duration?: number; resolution?: string; generate_audio?: boolean },
  ) => {
    const id = `${name}-task-${++created}`;
    tasks.set(id, { polls: 0, kind, count, model, createdAt: Math.floor(Date.now() / 1000), settings });
    return id;
  };

  /** Advances a task by one poll: "pending" until its polls are used up, then the outcome. */
  const step = (id: string): 'pending' | 'done' | 'failed' | 'filtered' | 'missing' | 'cancelled' => {
    const task = tasks.get(id);
    if (!task) return 'missing';
    if (task.cancelled) return 'cancelled';
    task.polls++;
    if (mock.outcome.kind === 'never' || task.polls <= pendingPolls) return 'pending';
    return mock.outcome.kind;
  };

  const authorized = (req: IncomingMessage): Reply | undefined => {
    const auth = req.headers.authorization ?? '';
    const legacy = (req.url ?? '').startsWith('/v1/');
    switch (name) {
      case 'kling': {
        if (!auth) return { status: 401, body: { code: 1001, message: 'Authorization is empty', request_id: 'r' } };
        if (!auth.startsWith('Bearer '))
          return { status: 401, body: { code: 1002, message: 'Authorization is invalid', request_id: 'r' } };
        const token = auth.slice('Bearer '.length);
        if (token === keys.apiKey) return undefined;
        // The 3.0 routes take only the console API key.
        if (!legacy) return { status: 401, body: { code: 1002, message: 'Authorization is invalid', request_id: 'r' } };
        const problem = verifyJwt(token, keys.accessKey, keys.secretKey);
        if (problem)
          return {
            status: 401,
            body: {
              code: problem === 'expired' ? 1004 : problem === 'not yet valid' ? 1003 : 1000,
              message: `Auth failed: ${problem}`,
              request_id: 'r',
            },
          };
        return undefined;
      }
      case 'gemini':
        return req.headers['x-goog-api-key'] === keys.apiKey
          ? undefined
          : {
              status: 403,
              body: {
                error: {
                  code: 403,
                  message: 'Method doesn’t allow unregistered callers.',
                  status: 'PERMISSION_DENIED',
                },
              },
            };
      case 'vertex':
        return auth === `Bearer ${keys.apiKey}`
          ? undefined
          : {
              status: 401,
              body: {
                error: {
                  code: 401,
                  message: 'Request had invalid authentication credentials.',
                  status: 'UNAUTHENTICATED',
                },
              },
            };
      case 'ark':
        return auth === `Bearer ${keys.apiKey}`
          ? undefined
          : {
              status: 401,
              body: { error: { code: 'AuthenticationError', message: 'The API key is invalid', type: 'Unauthorized' } },
            };
      case 'fal':
        return auth === `Key ${keys.apiKey}` ? undefined : { status: 401, body: { detail: 'Unauthorized' } };
    }
  };

  const media = (id: string, kind: 'video' | 'image', at = 0) =>
    `${origin}/media/${id}-${at}.${kind === 'video' ? 'mp4' : 'png'}`;

  const route = (method: string, path: string, body: unknown): Reply => {
    const b = (body ?? {}) as Record<string, unknown>;
    if (name === 'kling') {
      const failedMessage = mock.outcome.kind === 'failed' ? mock.outcome.message : '';
      if (method === 'POST' && path === '/v1/videos/image2video') {
        if (typeof b.image !== 'string' || b.image.startsWith('data:'))
          return { status: 400, body: { code: 1201, message: 'image must be a URL or raw base64', request_id: 'r' } };
        // Kling takes JPEG or PNG only.
        const magic = Buffer.from(b.image.slice(0, 8), 'base64');
        if (!(magic[0] === 0xff && magic[1] === 0xd8) && !(magic[0] === 0x89 && magic[1] === 0x50))
          return { status: 400, body: { code: 1201, message: 'image format is not supported', request_id: 'r' } };
        if (typeof b.external_task_id === 'string' && externals.has(b.external_task_id))
          return { status: 400, body: { code: 1201, message: 'external_task_id already exists', request_id: 'r' } };
        const id = newTask('video');
        if (typeof b.external_task_id === 'string') externals.set(b.external_task_id, id);
        return {
          status: 200,
          body: {
            code: 0,
            message: 'SUCCEED',
            request_id: 'r',
            data: { task_id: id, task_status: 'submitted', created_at: Date.now(), updated_at: Date.now() },
          },
        };
      }
      if (method === 'POST' && path === '/v1/images/generations') {
        const id = newTask('image', Number(b.n ?? 1));
        return {
          status: 200,
          body: { code: 0, message: 'SUCCEED', request_id: 'r', data: { task_id: id, task_status: 'submitted' } },
        };
      }
      let match = /^\/v1\/(videos\/image2video|images\/generations)\/([\w.-]+)$/.exec(path);
      if (method === 'GET' && match) {
        const id = externals.get(match[2]) ?? match[2];
        const state = step(id);
        if (state === 'missing')
          return { status: 404, body: { code: 1203, message: 'task not found', request_id: 'r' } };
        const task = tasks.get(id)!;
        const status =
          state === 'pending'
            ? task.polls === 1
              ? 'submitted'
              : 'processing'
            : state === 'done'
              ? 'succeed'
              : 'failed';
        const result =
          state === 'done'
            ? task.kind === 'video'
              ? { videos: [{ id: 'v1', url: media(id, 'video'), duration: '5' }] }
              : { images: Array.from({ length: task.count }, (_, at) => ({ index: at, url: media(id, 'image', at) })) }
            : undefined;
        return {
          status: 200,
          body: {
            code: 0,
            message: 'SUCCEED',
            request_id: 'r',
            data: {
              task_id: id,
              task_status: status,
              task_status_msg: status === 'failed' ? failedMessage : '',
              task_result: result,
            },
          },
        };
      }
      match = /^\/(image-to-video|omni-video)\/([\w.-]+)$/.exec(path);
      if (method === 'POST' && match) {
        const external = ((b.options ?? {}) as { external_task_id?: unknown }).external_task_id;
        if (typeof external === 'string' && externals.has(external))
          return { status: 400, body: { code: 1201, message: 'external_task_id already exists', request_id: 'r' } };
        const id = newTask('video');
        if (typeof external === 'string') externals.set(external, id);
        return { status: 200, body: { code: 0, message: 'SUCCEED', data: { id, status: 'submitted' } } };
      }
      if (method === 'GET' && path.startsWith('/tasks?external_task_ids=')) {
        const external = decodeURIComponent(path.slice('/tasks?external_task_ids='.length));
        const rows = [...externals]
          .filter(([name, id]) => tasks.has(id) && (mock.klingIgnoresExternalFilter || name === external))
          .map(([name, id]) => ({ id, external_id: name, status: 'processing', outputs: [] }));
        return { status: 200, body: { code: 0, data: rows } };
      }
      if (method === 'GET' && path.startsWith('/tasks?task_ids=')) {
        const id = decodeURIComponent(path.slice('/tasks?task_ids='.length));
        const state = step(id);
        if (state === 'missing') return { status: 200, body: { code: 0, data: [] } };
        const status = state === 'pending' ? 'processing' : state === 'done' ? 'succeeded' : 'failed';
        return {
          status: 200,
          body: {
            code: 0,
            data: [
              {
                id,
                status,
                message: status === 'failed' ? failedMessage : null,
                outputs: state === 'done' ? [{ type: 'video', url: media(id, 'video'), duration: '5' }] : [],
              },
            ],
          },
        };
      }
    }
    if (name === 'gemini') {
      let match = /^\/v1beta\/models\/([\w.-]+):predictLongRunning$/.exec(path);
      if (method === 'POST' && match) {
        const id = newTask('video');
        return { status: 200, body: { name: `models/${match[1]}/operations/${id}` } };
      }
      match = /^\/v1beta\/models\/[\w.-]+\/operations\/([\w.-]+)$/.exec(path);
      if (method === 'GET' && match) {
        const id = match[1];
        const state = step(id);
        if (state === 'missing')
          return { status: 404, body: { error: { code: 404, message: 'operation not found', status: 'NOT_FOUND' } } };
        if (state === 'pending') return { status: 200, body: { name: path.slice('/v1beta/'.length), done: false } };
        if (state === 'filtered' && mock.outcome.kind === 'filtered') {
          return {
            status: 200,
            body: {
              name: id,
              done: true,
              response: {
                generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: mock.outcome.reasons },
              },
            },
          };
        }
        if (state === 'failed')
          return {
            status: 200,
            body: {
              name: id,
              done: true,
              error: { code: 13, message: mock.outcome.kind === 'failed' ? mock.outcome.message : 'failed' },
            },
          };
        return {
          status: 200,
          body: {
            name: id,
            done: true,
            response: {
              generateVideoResponse: {
                generatedSamples: [{ video: { uri: `${origin}/v1beta/files/${id}:download?alt=media` } }],
              },
            },
          },
        };
      }
      match = /^\/v1beta\/models\/([\w.-]+):generateContent$/.exec(path);
      if (method === 'POST' && match) {
        created++;
        if (mock.outcome.kind === 'filtered')
          return {
            status: 200,
            body: { candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'IMAGE_SAFETY' }] },
          };
        return {
          status: 200,
          body: {
            candidates: [
              {
                content: {
                  role: 'model',
                  parts: [
                    { text: 'Here is your image' },
                    { inlineData: { mimeType: 'image/png', data: options.image.toString('base64') } },
                  ],
                },
                finishReason: 'STOP',
              },
            ],
            usageMetadata: { promptTokenCount: 17, candidatesTokenCount: 1306 },
          },
        };
      }
    }
    if (name === 'vertex') {
      const match = /^\/v1\/projects\/([\w-]+)\/locations\/([\w-]+)\/publishers\/google\/models\/([\w.-]+):(\w+)$/.exec(
        path,
      );
      if (method === 'POST' && match?.[4] === 'predictLongRunning') {
        const [, project, location, model] = match;
        const id = newTask('video', 1, model);
        return {
          status: 200,
          body: {
            name: `projects/${project}/locations/${location}/publishers/google/models/${model}/operations/${id}`,
          },
        };
      }
      if (method === 'POST' && match?.[4] === 'fetchPredictOperation') {
        const operation = String(b.operationName ?? '');
        const id = operation.split('/operations/')[1] ?? '';
        const state = step(id);
        if (state === 'missing')
          return { status: 404, body: { error: { code: 404, message: 'operation not found', status: 'NOT_FOUND' } } };
        if (state === 'pending') return { status: 200, body: { name: operation, done: false } };
        if (state === 'failed')
          return { status: 200, body: { name: operation, done: true, error: { code: 13, message: 'failed' } } };
        return {
          status: 200,
          body: {
            name: operation,
            done: true,
            response: {
              '@type': 'type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse',
              raiMediaFilteredCount: 0,
              videos: [{ bytesBase64Encoded: options.video.toString('base64'), mimeType: 'video/mp4' }],
            },
          },
        };
      }
    }
    if (name === 'ark') {
      if (method === 'POST' && path === '/api/v3/contents/generations/tasks') {
        const content = (b.content ?? []) as { type: string; image_url?: { url: string }; role?: string }[];
        const first = content.find((item) => item.role === 'first_frame');
        if (!first?.image_url?.url.startsWith('data:image/'))
          return {
            status: 400,
            body: {
              error: {
                code: 'InvalidParameter',
                message: 'first_frame must be a URL or a data URI',
                type: 'BadRequest',
              },
            },
          };
        if (typeof b.generate_audio !== 'boolean')
          return {
            status: 400,
            body: {
              error: {
                code: 'MissingParameter',
                message: 'test mock: generate_audio must be sent explicitly',
                type: 'BadRequest',
              },
            },
          };
        const settings = {
          duration: Number(b.duration),
          resolution: String(b.resolution),
          generate_audio: Boolean(b.generate_audio),
        };
        return { status: 200, body: { id: newTask('video', 1, String(b.model), settings) } };
      }
      if (method === 'GET' && path.startsWith('/api/v3/contents/generations/tasks?')) {
        // Every task of the account, newest first, with the settings each runs with (never its prompt or frames).
        const query = new URLSearchParams(path.split('?')[1]);
        const size = Number(query.get('page_size') ?? 10);
        const from = (Number(query.get('page_num') ?? 1) - 1) * size;
        const all = [...tasks.entries()].reverse().map(([id, task]) => ({
          id,
          model: task.model,
          status: task.cancelled ? 'cancelled' : 'running',
          created_at: task.createdAt,
          ...task.settings,
        }));
        return { status: 200, body: { items: all.slice(from, from + size), total: all.length } };
      }
      const match = /^\/api\/v3\/contents\/generations\/tasks\/([\w.-]+)$/.exec(path);
      if (method === 'DELETE' && match) {
        const task = tasks.get(match[1]);
        if (!task)
          return {
            status: 404,
            body: { error: { code: 'ResourceNotFound', message: 'no such task', type: 'NotFound' } },
          };
        // Queued until its second poll, running from then on; only a queued task can be cancelled.
        if (task.polls > 1)
          return {
            status: 400,
            body: {
              error: { code: 'InvalidAction', message: 'a running task cannot be cancelled', type: 'BadRequest' },
            },
          };
        task.cancelled = true;
        return { status: 204 };
      }
      if (method === 'GET' && match) {
        const id = match[1];
        const state = step(id);
        if (state === 'missing')
          return {
            status: 404,
            body: { error: { code: 'ResourceNotFound', message: 'no such task', type: 'NotFound' } },
          };
        const pending = tasks.get(id)!.polls <= 1 ? 'queued' : 'running';
        const status =
          state === 'pending'
            ? pending
            : state === 'done'
              ? 'succeeded'
              : state === 'cancelled'
                ? 'cancelled'
                : 'failed';
        const error =
          status === 'failed' && mock.outcome.kind === 'failed'
            ? { code: mock.outcome.code ?? 'InternalServiceError', message: mock.outcome.message }
            : null;
        return {
          status: 200,
          body: {
            id,
            model: 'x',
            status,
            content: status === 'succeeded' ? { video_url: media(id, 'video') } : null,
            ...(status === 'succeeded' && mock.usageTokens !== undefined
              ? { usage: { completion_tokens: mock.usageTokens, total_tokens: mock.usageTokens } }
              : {}),
            error,
            created_at: 1,
            updated_at: 2,
          },
        };
      }
    }
    if (name === 'fal') {
      const match = /^\/([\w-]+\/[\w.-]+)\/requests\/([\w-]+)(\/status|\/cancel)?$/.exec(path);
      if (match) {
        const [, app, id, suffix] = match;
        const task = tasks.get(id);
        if (!task) return { status: 404, body: { detail: 'Request not found' } };
        if (method === 'PUT' && suffix === '/cancel') {
          if (task.polls > pendingPolls) return { status: 400, body: { status: 'ALREADY_COMPLETED' } };
          // A request in the queue is removed; one in progress only hears a signal: by default it
          // runs on to the end (and is billed), unless the app honours it.
          if (task.polls <= 1 || mock.falHonoursCancel) task.cancelled = true;
          return { status: 202, body: { status: 'CANCELLATION_REQUESTED' } };
        }
        if (method === 'GET' && suffix === '/status') {
          const state = step(id);
          const status = state === 'pending' ? (task.polls === 1 ? 'IN_QUEUE' : 'IN_PROGRESS') : 'COMPLETED';
          // fal's statuses are IN_QUEUE, IN_PROGRESS and COMPLETED (fal-js, fal_client): a request
          // that failed or was cancelled is COMPLETED with an error (fal's runner: 499).
          const error =
            state === 'cancelled' ? 'Request cancelled by the client.' : state === 'failed' ? 'failed' : undefined;
          return {
            status: 200,
            body: {
              status,
              ...(error ? { error } : {}),
              queue_position: status === 'IN_QUEUE' ? 0 : undefined,
              response_url: `${origin}/${app}/requests/${id}`,
            },
          };
        }
        if (method === 'GET' && !suffix) {
          if (mock.outcome.kind === 'failed')
            return { status: 422, body: { detail: [{ loc: ['body', 'prompt'], msg: mock.outcome.message }] } };
          return {
            status: 200,
            body:
              task.kind === 'video'
                ? { video: { url: media(id, 'video') } }
                : { images: Array.from({ length: task.count }, (_, at) => ({ url: media(id, 'image', at) })) },
          };
        }
      }
      if (method === 'POST' && /^\/(fal-ai|bytedance)\//.test(path)) {
        const image = path.includes('nano-banana');
        const id = newTask(image ? 'image' : 'video', Number(b.num_images ?? 1));
        const app = path.slice(1).split('/').slice(0, 2).join('/');
        const base = `${origin}/${app}/requests/${id}`;
        return {
          status: 200,
          body: {
            request_id: id,
            status_url: `${base}/status`,
            response_url: base,
            cancel_url: `${base}/cancel`,
            queue_position: 0,
          },
        };
      }
    }
    return {
      status: 404,
      body: { error: { code: 404, message: `mock ${name}: no route ${method} ${path}`, status: 'NOT_FOUND' } },
    };
  };

  const server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const body = await readJson(req);
    requests.push({ method, path, headers: req.headers, body });
    const rule = injected.find(
      (candidate) => candidate.method === method && candidate.path.test(path) && candidate.times > 0,
    );
    if (rule && !rule.afterWork) {
      rule.times--;
      return json(res, rule.reply);
    }
    if (method === 'GET' && path.startsWith('/media/')) {
      res.setHeader('content-type', path.endsWith('.png') ? 'image/png' : 'video/mp4');
      return res.end(path.endsWith('.png') ? options.image : options.video);
    }
    const denied = authorized(req);
    if (denied) return json(res, denied);
    if (method === 'GET' && /^\/v1beta\/files\/[\w.-]+:download/.test(path)) {
      res.setHeader('content-type', 'video/mp4');
      return res.end(options.video);
    }
    const reply = route(method, path, body);
    if (rule?.afterWork) {
      rule.times--;
      return json(res, rule.reply);
    }
    if (method === 'POST') mock.onSubmitted?.();
    if (method === 'POST' && mock.submitDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, mock.submitDelayMs));
    json(res, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mock.origin = origin;
  mock.url =
    name === 'ark'
      ? `${origin}/api/v3`
      : name === 'vertex'
        ? `${origin}/v1/projects/test-project/locations/us-central1`
        : origin;
  return mock;
}

export const MOCK_KEYS = {
  accessKey: 'test-access-key',
  secretKey: 'test-secret-key-0123456789',
  apiKey: 'test-api-key-0123456789',
};
