import { createDocument, type GraphDocument } from '../../graph-engine';
import { APP_VERSION } from '../app-version';

/**
 * The graph a new user starts from: it runs end to end offline with no key.
 * Prompt → Still (local draft ×4) → Pick.
 */
export function starterGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  return createDocument({
    id,
    name: 'Starter: a still, four local drafts, your pick',
    appVersion: APP_VERSION,
    now,
    nodes: [
      {
        id: 'prompt',
        kind: 'prompt',
        kindVersion: 1,
        position: { x: 0, y: 80 },
        params: { text: 'A {subject} at golden hour, slow push-in', variables: { subject: 'lighthouse on a cliff' } },
      },
      { id: 'still', kind: 'still', kindVersion: 1, position: { x: 360, y: 40 }, params: { mode: 'local-draft', count: 4, seed: 1, aspect: '16:9', size: 1280 } },
      { id: 'pick', kind: 'pick', kindVersion: 1, position: { x: 720, y: 40 }, params: { autoPick: false } },
    ],
    edges: [
      { id: 'prompt-still', from: { node: 'prompt', port: 'text' }, to: { node: 'still', port: 'prompt' } },
      { id: 'still-pick', from: { node: 'still', port: 'images' }, to: { node: 'pick', port: 'candidates' } },
    ],
  });
}

/** An empty graph. */
export function emptyGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  return createDocument({ id, name: 'Untitled graph', appVersion: APP_VERSION, now });
}
