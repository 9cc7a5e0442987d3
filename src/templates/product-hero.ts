import { createDocument, type GraphDocument } from '../../graph-engine';
import { APP_VERSION } from '../app-version';
import { edge, node } from './build';

/**
 * A product hero shot: stills from Nano Banana Pro at 4K, your pick, then a slow push-in on
 * Veo 3.1 at native 4K (8 s).
 */
export function productHeroGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  return createDocument({
    id,
    name: 'Product hero shot in 4K, push-in',
    appVersion: APP_VERSION,
    now,
    nodes: [
      node('prompt', 'prompt', 0, 80, {
        text: 'Studio product shot of a {product} on dark marble, soft rim light, shallow depth of field',
        variables: { product: 'matte black wristwatch' },
      }),
      node('still', 'still', 360, 0, {
        mode: 'generate',
        models: ['nano-banana-pro'],
        count: 4,
        seed: 1,
        aspect: '16:9',
        size: 3840,
      }),
      node('pick', 'pick', 720, 0, {}),
      node('camera', 'camera', 720, 440, { zoom: 3, duration: 8, easing: 'ease-in-out' }, 'Slow push-in'),
      node('animate', 'animate', 1080, 0, { models: ['vertex:veo-3.1'], duration: 8, resolution: '4k', fps: 24 }),
      node('assemble', 'assemble', 1440, 0, {}),
    ],
    edges: [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick.candidates'),
      edge('pick.chosen', 'animate.still'),
      edge('prompt.text', 'animate.prompt'),
      edge('camera.camera', 'animate.camera'),
      edge('animate.clip', 'assemble.clips'),
    ],
  });
}
