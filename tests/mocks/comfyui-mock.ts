import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WORKFLOWS } from '../../src/providers/cloud/comfyui/workflows';

/**
 * A ComfyUI server on 127.0.0.1 as its `server.py` answers: image upload (multipart), `/prompt`
 * with its validation (`node_errors`), `/queue`, `/history`, `/view`, `/interrupt`, `/object_info`
 * and the `/ws?clientId=` progress socket. A prompt waits in the queue for some polls, runs for
 * some more (sending progress on the socket), then is in the history with the clip it saved.
 * Like ComfyUI, it refuses a request whose Origin is another host than the one it was sent to.
 */

export interface ComfyMockOptions {
  /** The MP4 every prompt "saves". */
  video: Buffer;
  /** Polls (of `/history` or `/queue`) a prompt spends waiting, then running. */
  waitingPolls?: number;
  runningPolls?: number;
  /** Node classes and model files this server does not have. */
  lacks?: readonly string[];
  /** Other people's prompts already in its queue. */
  busy?: number;
  /** Newer servers list combo choices as `["COMBO", {options}]`, older as `[[…], {}]`. */
  combo?: 'list' | 'COMBO';
  /** SaveVideo (core, `images` + `animated`) or VideoHelperSuite (`gifs`). */
  saves?: 'images' | 'gifs';
}

interface Prompt {
  id: string;
  number: number;
  prompt: Record<string, { class_type: string; inputs: Record<string, unknown> }>;
  clientId?: string;
  state: 'waiting' | 'running' | 'done';
  polls: number;
  /** How it ends when it runs: made, or an error in a node. */
  fails?: string;
  interrupted?: boolean;
}

export interface ComfyMock {
  url: string;
  /** Every request as `METHOD /path`. */
  requests: string[];
  /** What `POST /prompt` was sent, in order. */
  received: { prompt_id?: string; client_id?: string; prompt: Record<string, unknown> }[];
  uploads: string[];
  /** Socket messages sent, as `type` (and node), for the progress test. */
  sent: string[];
  /** The next prompt that runs fails in its sampler with this message (a CUDA OOM, say). */
  failNext?: string;
  /** The next `POST /prompt` is queued, and then its connection dropped before the answer. */
  dropNextAnswer?: boolean;
  /** Forgets every prompt, queued and finished, as a restart does. */
  restart(): void;
  /** Stops answering at all (connections refused), as a machine that went away. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
};

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The node list a server with every built-in workflow's nodes and files (less `lacks`) answers. */
function objectInfo(lacks: readonly string[], combo: 'list' | 'COMBO') {
  const files = new Set(WORKFLOWS.flatMap((workflow) => Object.values(workflow.files).flat()));
  const info: Record<string, { input: { required: Record<string, unknown> } }> = {};
  for (const workflow of WORKFLOWS)
    for (const node of Object.values(workflow.graph)) {
      if (lacks.includes(node.class_type)) continue;
      const required = (info[node.class_type] ??= { input: { required: {} } }).input.required;
      for (const [name, value] of Object.entries(node.inputs)) {
        if (typeof value === 'string' && files.has(value)) {
          const options = [...files].filter((file) => !lacks.includes(file));
          required[name] = combo === 'list' ? [options, {}] : ['COMBO', { options }];
        } else if (!(name in required)) required[name] = [typeof value === 'number' ? 'INT' : 'STRING', {}];
      }
    }
  return info;
}

export async function startComfyMock(options: ComfyMockOptions): Promise<ComfyMock> {
  const { video, waitingPolls = 1, runningPolls = 2, lacks = [], busy = 0, combo = 'list', saves = 'images' } = options;
  const prompts = new Map<string, Prompt>();
  const inputs = new Set<string>();
  const outputs = new Map<string, Buffer>();
  const sockets = new Map<string, WebSocket>();
  const connections = new Set<Socket>();
  let counter = 0;
  const info = objectInfo(lacks, combo);
  const foreign = Array.from({ length: busy }, (_, at) => [at, `someone-else-${at}`, {}, {}, []]);

  const emit = (prompt: Prompt, type: string, data: Record<string, unknown>) => {
    mock.sent.push(`${type}${data.node !== undefined ? ` ${String(data.node)}` : ''}`);
    const socket = prompt.clientId ? sockets.get(prompt.clientId) : undefined;
    socket?.send(JSON.stringify({ type, data: { ...data, prompt_id: prompt.id } }));
  };

  /** One poll's worth of time: the first waiting prompt starts once the running one is done. */
  const tick = () => {
    const running = [...prompts.values()].find((prompt) => prompt.state === 'running');
    if (running) {
      running.polls += 1;
      const samplers = Object.entries(running.prompt).filter(([, node]) => /KSampler/.test(node.class_type));
      const [sampler] = samplers[Math.min(samplers.length - 1, running.polls - 1)] ?? [];
      if (sampler) emit(running, 'progress', { node: sampler, value: running.polls, max: runningPolls });
      if (running.polls >= runningPolls || running.interrupted) {
        running.state = 'done';
        emit(running, 'executing', { node: null });
      }
      return;
    }
    const next = [...prompts.values()].find((prompt) => prompt.state === 'waiting');
    if (!next) return;
    next.polls += 1;
    if (next.polls > waitingPolls) {
      next.state = 'running';
      next.polls = 0;
      next.fails = mock.failNext;
      mock.failNext = undefined;
      emit(next, 'execution_start', {});
    }
  };

  const historyOf = (prompt: Prompt) => {
    const timestamp = Date.now();
    if (prompt.interrupted || prompt.fails)
      return {
        prompt: [prompt.number, prompt.id, prompt.prompt, {}, ['91']],
        outputs: {},
        status: {
          status_str: 'error',
          completed: false,
          messages: [
            ['execution_start', { prompt_id: prompt.id, timestamp }],
            prompt.interrupted
              ? ['execution_interrupted', { prompt_id: prompt.id, node_id: '3', node_type: 'KSampler', executed: [] }]
              : [
                  'execution_error',
                  {
                    prompt_id: prompt.id,
                    node_id: '3',
                    node_type: 'KSamplerAdvanced',
                    exception_message: `${prompt.fails}\n`,
                    exception_type: 'torch.OutOfMemoryError',
                    traceback: [],
                  },
                ],
          ],
        },
        meta: {},
      };
    const filename = `Reelgraph_${prompt.number.toString().padStart(5, '0')}_.mp4`;
    outputs.set(`video/${filename}`, video);
    const file = { filename, subfolder: 'video', type: 'output' };
    return {
      prompt: [prompt.number, prompt.id, prompt.prompt, {}, ['91']],
      outputs: {
        '91':
          saves === 'images' ? { images: [file], animated: [true] } : { gifs: [{ ...file, format: 'video/h264-mp4' }] },
      },
      status: {
        status_str: 'success',
        completed: true,
        messages: [
          ['execution_start', { prompt_id: prompt.id, timestamp }],
          ['execution_success', { prompt_id: prompt.id, timestamp }],
        ],
      },
      meta: { '91': { node_id: '91', display_node: '91' } },
    };
  };

  /** `POST /prompt` validation as `execution.validate_prompt` reports it. */
  const validate = (prompt: Prompt['prompt']) => {
    const nodeErrors: Record<string, unknown> = {};
    for (const [id, node] of Object.entries(prompt)) {
      const spec = info[node.class_type];
      if (!spec)
        return {
          error: {
            type: 'invalid_prompt',
            message: `Cannot execute because node ${node.class_type} does not exist.`,
            details: `Node ID '#${id}'`,
            extra_info: {},
          },
          node_errors: {},
        };
      for (const [name, value] of Object.entries(node.inputs)) {
        const choices = spec.input.required[name];
        const listed = Array.isArray(choices)
          ? Array.isArray(choices[0])
            ? choices[0]
            : choices[1]?.options
          : undefined;
        const bad =
          (Array.isArray(listed) && !listed.includes(value)) ||
          (node.class_type === 'LoadImage' && name === 'image' && !inputs.has(String(value)));
        if (bad)
          nodeErrors[id] = {
            errors: [
              {
                type: 'value_not_in_list',
                message: 'Value not in list',
                details: `${name}: '${String(value)}' not in list`,
                extra_info: {},
              },
            ],
            dependent_outputs: ['91'],
            class_type: node.class_type,
          };
      }
    }
    if (Object.keys(nodeErrors).length === 0) return undefined;
    return {
      error: {
        type: 'prompt_outputs_failed_validation',
        message: 'Prompt outputs failed validation',
        details: '',
        extra_info: {},
      },
      node_errors: nodeErrors,
    };
  };

  const queueItem = (prompt: Prompt) => [
    prompt.number,
    prompt.id,
    prompt.prompt,
    { client_id: prompt.clientId },
    ['91'],
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://comfy.invalid');
    const route = `${req.method} ${url.pathname}`;
    mock.requests.push(route);
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) {
      res.statusCode = 403;
      return res.end();
    }
    const body = await bodyOf(req);
    if (route === 'GET /object_info') return json(res, 200, info);
    if (route === 'GET /queue') {
      tick();
      const listed = [...prompts.values()];
      return json(res, 200, {
        queue_running: listed.filter((prompt) => prompt.state === 'running').map(queueItem),
        queue_pending: [...foreign, ...listed.filter((prompt) => prompt.state === 'waiting').map(queueItem)],
      });
    }
    if (route === 'POST /upload/image') {
      // multipart/form-data: the `image` part's filename is what the workflow names.
      const text = body.toString('latin1');
      const name = /name="image"; filename="([^"]+)"/.exec(text)?.[1];
      if (!name) return json(res, 400, {});
      inputs.add(name);
      mock.uploads.push(name);
      return json(res, 200, { name, subfolder: '', type: 'input' });
    }
    if (route === 'POST /prompt') {
      const sent = JSON.parse(body.toString()) as ComfyMock['received'][number];
      mock.received.push(sent);
      const prompt = sent.prompt as Prompt['prompt'];
      const invalid = validate(prompt);
      if (invalid) return json(res, 400, invalid);
      const id = sent.prompt_id ?? crypto.randomUUID();
      const number = counter++;
      prompts.set(id, { id, number, prompt, clientId: sent.client_id, state: 'waiting', polls: 0 });
      if (mock.dropNextAnswer) {
        mock.dropNextAnswer = false;
        return req.socket.destroy();
      }
      return json(res, 200, { prompt_id: id, number, node_errors: {} });
    }
    const history = /^GET \/history\/([\w-]+)$/.exec(route);
    if (history) {
      tick();
      const prompt = prompts.get(history[1]);
      return json(res, 200, prompt?.state === 'done' ? { [prompt.id]: historyOf(prompt) } : {});
    }
    if (route === 'GET /view') {
      const file = outputs.get(`${url.searchParams.get('subfolder')}/${url.searchParams.get('filename')}`);
      if (!file || url.searchParams.get('type') !== 'output') {
        res.statusCode = 404;
        return res.end();
      }
      res.setHeader('content-type', 'video/mp4');
      return res.end(file);
    }
    if (route === 'POST /queue') {
      const { delete: ids = [] } = JSON.parse(body.toString() || '{}') as { delete?: string[] };
      for (const id of ids) if (prompts.get(id)?.state === 'waiting') prompts.delete(id);
      return res.end();
    }
    if (route === 'POST /interrupt') {
      const { prompt_id: id } = JSON.parse(body.toString() || '{}') as { prompt_id?: string };
      const running = [...prompts.values()].find((prompt) => prompt.state === 'running');
      if (running && (!id || id === running.id)) running.interrupted = true;
      return res.end();
    }
    res.statusCode = 404;
    res.end();
  };

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://comfy.invalid');
    const origin = req.headers.origin;
    if (url.pathname !== '/ws' || (origin && new URL(origin).host !== req.headers.host)) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const clientId = url.searchParams.get('clientId') ?? crypto.randomUUID();
      sockets.set(clientId, ws);
      ws.send(
        JSON.stringify({
          type: 'status',
          data: { status: { exec_info: { queue_remaining: prompts.size } }, sid: clientId },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const client of wss.clients) client.terminate();
      for (const socket of connections) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  const mock: ComfyMock = {
    url,
    requests: [],
    received: [],
    uploads: [],
    sent: [],
    restart: () => prompts.clear(),
    stop,
    close: stop,
  };
  return mock;
}
