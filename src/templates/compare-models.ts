import { createDocument, type GraphDocument } from '../../graph-engine';
import { APP_VERSION } from '../app-version';
import { edge, node } from './build';

/**
 * One still through three video models side by side: Kling V3 Pro, Veo 3.1 and Seedance 2.0 run
 * in parallel on the same still, prompt and camera; compare the clips, pick the winner, assemble it.
 */
export function compareModelsGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  return createDocument({
    id,
    name: 'One still, three video models: compare and pick',
    appVersion: APP_VERSION,
    now,
    nodes: [
      node('prompt', 'prompt', 0, 80, {
        text: 'A {subject}, the wind picks up, slow push-in',
        variables: { subject: 'red fox in a snowy birch forest' },
      }),
      node('still', 'still', 360, 0, { mode: 'local-draft', count: 4, seed: 1, aspect: '16:9', size: 1280 }),
      node('pick-still', 'pick', 720, 0, {}, 'Pick the still'),
      node('camera', 'camera', 720, 440, { zoom: 3, duration: 5, easing: 'ease-in-out' }),
      node(
        'animate',
        'animate',
        1080,
        0,
        { models: ['kling-v3-pro', 'vertex:veo-3.1', 'seedance-2.0'], duration: 5, resolution: '1080p', fps: 24 },
        'Three models',
      ),
      node('pick-clip', 'pick', 1440, 0, {}, 'Pick the winner'),
      node('assemble', 'assemble', 1800, 0, {}),
    ],
    edges: [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick-still.candidates'),
      edge('pick-still.chosen', 'animate.still'),
      edge('prompt.text', 'animate.prompt'),
      edge('camera.camera', 'animate.camera'),
      edge('animate.clips', 'pick-clip.candidates'),
      edge('pick-clip.chosen', 'assemble.clips'),
    ],
  });
}
