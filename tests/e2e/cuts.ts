import { createDocument, type GraphDocument } from '../../graph-engine';
import { edge, node } from '../../src/templates/build';

/**
 * A cut of three 2 s local camera moves over one local draft (each moving as `camera` says, so
 * their frames differ), with a local soundtrack, into the Assemble `cut` with `cut` as its params.
 */
export function threeShotCut(options: {
  id: string;
  /** The graph's name (the id, capitalised, if none). */
  name?: string;
  prompt: string;
  camera(at: number): Record<string, unknown>;
  cut: Record<string, unknown>;
  soundtrackSeconds: number;
}): GraphDocument {
  return createDocument({
    id: options.id,
    name: options.name ?? options.id[0].toUpperCase() + options.id.slice(1),
    appVersion: 'test',
    now: new Date(),
    nodes: [
      node('prompt', 'prompt', 0, 0, { text: options.prompt }),
      node('still', 'still', 300, 0, { mode: 'local-draft', count: 1, size: 1280 }),
      node('pick', 'pick', 600, 0, { autoPick: true }),
      ...[1, 2, 3].flatMap((at) => [
        node(`camera${at}`, 'camera', 600, 300 * at, { ...options.camera(at), duration: 2 }),
        node(`shot${at}`, 'animate', 900, 300 * at, {
          models: ['local-camera-move'],
          duration: 2,
          resolution: '720p',
          fps: 24,
        }),
      ]),
      node('audio', 'audio', 900, 1200, { mode: 'local-bed', style: 'pad', length: options.soundtrackSeconds }),
      node('cut', 'assemble', 1300, 300, options.cut),
    ],
    edges: [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick.candidates'),
      ...[1, 2, 3].flatMap((at) => [
        edge('pick.chosen', `shot${at}.still`),
        edge(`camera${at}.camera`, `shot${at}.camera`),
        edge(`shot${at}.clip`, 'cut.clips'),
      ]),
      edge('audio.audio', 'cut.soundtrack'),
    ],
  });
}
