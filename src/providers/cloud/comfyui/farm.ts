import { z } from 'zod';
import type { ObjectInfo } from './protocol.ts';

/**
 * What this page knows about the ComfyUI servers beyond what they say when asked: takes it is
 * sending right now (which no queue counts yet), what each take was last seen doing, each server's
 * node list for a minute, and progress heard over each server's WebSocket. One per page; tests make
 * their own.
 */
export interface Farm {
  /** Our `client_id`: the server sends this page's progress messages on its WebSocket. */
  readonly clientId: string;
  /** Takes being uploaded or submitted to each server, which its queue does not show yet. */
  readonly sending: Map<string, number>;
  /** By prompt id: waiting in a queue (safe to move elsewhere) or running (not). */
  readonly seen: Map<string, 'waiting' | 'running'>;
  /** By server: its `/object_info`, fetched at most once a minute. */
  readonly info: Map<string, { at: number; info: Promise<ObjectInfo> }>;
  /** By prompt id: the sampler nodes in order, and the fraction of them done, from the WebSocket. */
  readonly progress: Map<string, { samplers: readonly string[]; fraction: number }>;
  readonly sockets: Map<string, { close(): void }>;
}

export function createFarm(): Farm {
  return {
    clientId: `reelgraph-${crypto.randomUUID()}`,
    sending: new Map(),
    seen: new Map(),
    info: new Map(),
    progress: new Map(),
    sockets: new Map(),
  };
}

export const PAGE_FARM = createFarm();

const zMessage = z.object({
  type: z.string(),
  data: z
    .object({
      prompt_id: z.string().optional(),
      node: z.string().nullable().optional(),
      value: z.number().optional(),
      max: z.number().optional(),
    })
    .passthrough(),
});

/**
 * Follows one server's `/ws` messages into `farm.progress`: `progress` (value/max of the node
 * sampling now) and `executing` (node null: the prompt finished). Only a hint: the job is judged
 * by `/history` and `/queue`, so a socket that cannot open (no WebSocket here, a proxy that does
 * not relay it) costs only the progress bar.
 */
export function listen(farm: Farm, server: string, url: string | undefined): void {
  if (!url || farm.sockets.has(server) || typeof WebSocket === 'undefined') return;
  let socket: WebSocket;
  try {
    socket = new WebSocket(url);
  } catch {
    return;
  }
  farm.sockets.set(server, socket);
  socket.onclose = () => farm.sockets.delete(server);
  socket.onerror = () => socket.close();
  socket.onmessage = (event) => {
    if (typeof event.data !== 'string') return; // binary preview frames
    let message;
    try {
      message = zMessage.safeParse(JSON.parse(event.data));
    } catch {
      return;
    }
    if (message.success) hear(farm, message.data);
  };
}

/** One WebSocket message, as `listen` hears it. */
export function hear(farm: Farm, message: z.infer<typeof zMessage>): void {
  const { prompt_id: id, node, value, max } = message.data;
  const take = id ? farm.progress.get(id) : undefined;
  if (!id || !take) return;
  if (message.type === 'execution_start') farm.seen.set(id, 'running');
  if (message.type === 'progress' && node && value !== undefined && max) {
    const index = take.samplers.indexOf(node);
    if (index < 0) return;
    // Samplers are most of the time; decoding and saving the rest.
    const fraction = (0.9 * (index + Math.min(1, value / max))) / take.samplers.length;
    take.fraction = Math.max(take.fraction, fraction);
  }
  if (message.type === 'executing' && node === null) take.fraction = Math.max(take.fraction, 0.95);
}
