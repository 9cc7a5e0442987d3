import { createDocument, type GraphDocument } from '../../graph-engine';
import { APP_VERSION } from '../app-version';
import { edge, node } from './build';

/**
 * One shot, many takes: four local drafts, keep two, animate each with Kling V3 Standard,
 * Seedance 2.0 and the local camera move (six takes, each its own job), judge them on the take
 * board, keep one, assemble it. Without keys the two local takes are made and the cloud ones say
 * which key they need; drop them on the board and it runs end to end offline.
 */
export function manyTakesGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  return createDocument({
    id,
    name: 'One shot, many takes',
    appVersion: APP_VERSION,
    now,
    nodes: [
      node('prompt', 'prompt', 0, 80, {
        text: 'A {subject}, morning light, the camera drifts closer',
        variables: { subject: 'lighthouse on a basalt cliff above a grey sea' },
      }),
      node('still', 'still', 360, 0, { mode: 'local-draft', count: 4, seed: 1, aspect: '16:9', size: 1280 }),
      node('pick-stills', 'pick', 720, 0, { keep: 2 }, 'Keep two stills'),
      node('camera', 'camera', 720, 440, { zoom: 2, duration: 5, easing: 'ease-in-out' }),
      node(
        'animate',
        'animate',
        1080,
        0,
        { models: ['kling-v3-std', 'seedance-2.0', 'local-camera-move'], duration: 5, resolution: '720p', fps: 24 },
        'Six takes',
      ),
      node('pick-take', 'pick', 1440, 0, {}, 'Keep the best take'),
      node('assemble', 'assemble', 1800, 0, {}),
    ],
    edges: [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick-stills.candidates'),
      edge('pick-stills.kept', 'animate.still'),
      edge('prompt.text', 'animate.prompt'),
      edge('camera.camera', 'animate.camera'),
      edge('animate.clips', 'pick-take.candidates'),
      edge('pick-take.chosen', 'assemble.clips'),
    ],
  });
}
