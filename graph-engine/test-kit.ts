import { z } from 'zod';
import {
  DOCUMENT_FORMAT,
  SCHEMA_VERSION,
  type ComponentDef,
  type EdgeDoc,
  type GraphDocument,
  type NodeDoc,
} from './document/schema';
import { createRegistry, defineNode, NodeError, WaitingForInput } from './node-def';

/** Small node kinds and a document builder for engine tests and benchmarks. */

/** Sleeps for `ms`, rejecting as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

export const textKind = defineNode({
  kind: 'text',
  version: 1,
  title: 'Text',
  description: 'A test kind: text',
  inputs: {},
  outputs: { text: { type: 'text' } },
  params: z.object({ value: z.string().default(''), delayMs: z.number().default(0), resource: z.string().optional() }),
  resource: (params) => params.resource,
  run: async ({ params, signal }) => {
    if (params.delayMs > 0) await sleep(params.delayMs, signal);
    return { text: params.value };
  },
});

export const joinKind = defineNode({
  kind: 'join',
  version: 1,
  title: 'Join',
  description: 'A test kind: join',
  inputs: { parts: { accepts: ['text'], multiple: true } },
  outputs: { text: { type: 'text' } },
  params: z.object({ separator: z.string().default(' ') }),
  run: async ({ params, inputs }) => ({ text: (inputs.parts as string[]).join(params.separator) }),
});

export const upperKind = defineNode({
  kind: 'upper',
  version: 1,
  title: 'Upper',
  description: 'A test kind: upper',
  inputs: { text: { accepts: ['text'] } },
  outputs: { text: { type: 'text' } },
  params: z.object({ fail: z.boolean().default(false) }),
  run: async ({ inputs, params }) => {
    if (params.fail) throw new NodeError('asked to fail', 'text');
    return { text: String(inputs.text).toUpperCase() };
  },
});

export const candidatesKind = defineNode({
  kind: 'candidates',
  version: 1,
  title: 'Candidates',
  description: 'A test kind: candidates',
  inputs: { prompt: { accepts: ['text'], optional: true } },
  outputs: { images: { type: 'images' } },
  params: z.object({ count: z.number().int().min(1).max(8).default(2), seed: z.number().int().default(1) }),
  run: async ({ params, inputs }) => ({
    images: Array.from({ length: params.count }, (_, at) => `${String(inputs.prompt ?? '')}#${params.seed}.${at}`),
  }),
});

export const chooseKind = defineNode({
  kind: 'choose',
  version: 1,
  title: 'Choose',
  description: 'A test kind: choose',
  inputs: { candidates: { accepts: ['images', 'videos'] } },
  outputs: { chosen: { type: { elementOf: 'candidates' } } },
  params: z.object({ choice: z.number().int().min(0).optional() }),
  run: async ({ params, inputs }) => {
    const list = inputs.candidates as unknown[];
    if (params.choice === undefined || params.choice >= list.length) throw new WaitingForInput('waiting for your pick');
    return { chosen: list[params.choice] };
  },
});

export const clipKind = defineNode({
  kind: 'clip',
  version: 1,
  title: 'Clip',
  description: 'A test kind: clip',
  inputs: { image: { accepts: ['image'] }, prompt: { accepts: ['text'], optional: true } },
  outputs: { video: { type: 'video' } },
  params: z.object({ seconds: z.number().min(1).max(10).default(5) }),
  run: async ({ inputs, params }) => ({ video: `clip(${String(inputs.image)},${params.seconds}s)` }),
});

/** Many shots in edge order; a list arriving here joins item by item. */
export const reelKind = defineNode({
  kind: 'reel',
  version: 1,
  title: 'Reel',
  description: 'A test kind: reel',
  inputs: { shots: { accepts: ['image'], multiple: true } },
  outputs: { text: { type: 'text' } },
  params: z.object({}),
  run: async ({ inputs }) => ({ text: (inputs.shots as string[]).join('|') }),
});

/** A list of named images, as a Pick keeping several would send. */
export const listKind = defineNode({
  kind: 'list',
  version: 1,
  title: 'List',
  description: 'A test kind: a list of images',
  inputs: {},
  outputs: { images: { type: 'images' } },
  params: z.object({ items: z.array(z.string()).default([]) }),
  pure: true,
  listLength: (params) => params.items.length,
  run: async ({ params }) => ({ images: params.items }),
});

/** What a shot kind's providers can be told: takes to refuse (`model(image)`), and a log of what ran. */
export interface ShotProviders {
  refuse?: Set<string>;
  ran?: string[];
  /** Takes in flight, and the most at once. */
  inFlight?: { now: number; most: number };
  delayMs?: number;
}

/** Image to video with a model list it fans out over, like Animate: one take per image and model. */
export const shotKind = defineNode<
  { models: string[]; resource?: string; price: number },
  ShotProviders | undefined,
  'shot'
>({
  kind: 'shot',
  version: 1,
  title: 'Shot',
  description: 'A test kind: a take per image and model',
  inputs: { image: { accepts: ['image'], label: 'still' }, end: { accepts: ['image'], optional: true, label: 'end' } },
  outputs: { video: { type: 'video' } },
  params: z.object({
    models: z.array(z.string()).min(1).default(['m']),
    resource: z.string().optional(),
    price: z.number().default(0),
  }),
  fanOut: 'models',
  resource: (params) => params.resource,
  estimateCost: (params) => params.price * params.models.length,
  run: async ({ inputs, params, take, providers, signal, recordCost }) => {
    const name = `${params.models.join('+')}(${String(inputs.image)}${inputs.end ? `→${String(inputs.end)}` : ''})`;
    providers?.ran?.push(name);
    const flight = providers?.inFlight;
    if (flight) flight.most = Math.max(flight.most, ++flight.now);
    try {
      if (providers?.delayMs) await sleep(providers.delayMs, signal);
      if (providers?.refuse?.has(name)) throw new NodeError(`${name} was refused`, 'image');
      recordCost(params.price);
      return { video: `${name}#${take.reroll}` };
    } finally {
      if (flight) flight.now--;
    }
  },
});

/** Video to video: a second map below the first. */
export const gradeKind = defineNode({
  kind: 'grade',
  version: 1,
  title: 'Grade',
  description: 'A test kind: video to video',
  inputs: { video: { accepts: ['video'] } },
  outputs: { video: { type: 'video' } },
  params: z.object({}),
  run: async ({ inputs, providers }) => {
    (providers as ShotProviders | undefined)?.ran?.push(`grade(${String(inputs.video)})`);
    return { video: `graded ${String(inputs.video)}` };
  },
});

/** Image to text: a kind whose output has no list form, so it cannot map. */
export const captionKind = defineNode({
  kind: 'caption',
  version: 1,
  title: 'Caption',
  description: 'A test kind: image to text',
  inputs: { image: { accepts: ['image'] } },
  outputs: { text: { type: 'text' } },
  params: z.object({}),
  run: async ({ inputs }) => ({ text: `caption of ${String(inputs.image)}` }),
});

export const testRegistry = createRegistry([
  listKind,
  shotKind,
  gradeKind,
  captionKind,
  textKind,
  joinKind,
  upperKind,
  candidatesKind,
  chooseKind,
  clipKind,
  reelKind,
]);

export function node(id: string, kind: string, params: Record<string, unknown> = {}, x = 0): NodeDoc {
  return { id, kind, kindVersion: 1, position: { x, y: 0 }, params };
}

/** `edge('a.text', 'b.parts')` connects output `text` of `a` to input `parts` of `b`. */
export function edge(from: string, to: string, id = `${from}->${to}`): EdgeDoc {
  const [fromNode, fromPort] = from.split('.');
  const [toNode, toPort] = to.split('.');
  return { id, from: { node: fromNode, port: fromPort }, to: { node: toNode, port: toPort } };
}

/** A component definition holding `nodes`, no wires, ports or shown settings unless given. */
export function componentDef(id: string, nodes: NodeDoc[], more: Partial<ComponentDef> = {}): ComponentDef {
  return { id, version: 1, name: id, nodes, edges: [], inputs: [], outputs: [], params: [], ...more };
}

export function graphDoc(nodes: NodeDoc[], edges: EdgeDoc[] = []): GraphDocument {
  const now = '2026-11-24T10:00:00.000Z';
  return {
    format: DOCUMENT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    id: 'graph-1',
    name: 'Test graph',
    nodes,
    edges,
    viewport: { x: 0, y: 0, zoom: 1 },
    metadata: { appVersion: 'test', createdAt: now, updatedAt: now },
  };
}
