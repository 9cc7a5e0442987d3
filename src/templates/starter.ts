import { createDocument, type GraphDocument } from '../../graph-engine';
import { APP_VERSION } from '../app-version';
import { edge, node } from './build';

/**
 * The graph a new user starts from; it runs end to end offline with no key:
 * Prompt → Still (local draft ×4) → Pick → Animate (local camera move, slow push-in) and
 * Audio (local bed) → Assemble.
 */
export function starterGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  const doc = createDocument({
    id,
    name: 'Starter: four local drafts, your pick, a slow push-in',
    appVersion: APP_VERSION,
    now,
    nodes: [
      node('prompt', 'prompt', 0, 80, {
        text: 'A {subject} at golden hour, slow push-in',
        variables: { subject: 'lighthouse on a cliff' },
      }),
      node('still', 'still', 360, 0, { mode: 'local-draft', count: 4, seed: 1, aspect: '16:9', size: 1280 }),
      node('pick', 'pick', 720, 0, { autoPick: false }),
      node('camera', 'camera', 720, 440, { zoom: 2, duration: 4, easing: 'ease-in-out' }),
      node('animate', 'animate', 1080, 0, { models: ['local-camera-move'], duration: 4, resolution: '720p', fps: 24 }),
      node('audio', 'audio', 1080, 520, {
        mode: 'local-bed',
        style: 'pad',
        tempo: 80,
        root: 'D',
        length: 4,
        fadeIn: 0.5,
        fadeOut: 1,
      }),
      node('assemble', 'assemble', 1440, 200, {}),
    ],
    edges: [
      edge('prompt.text', 'still.prompt'),
      edge('still.images', 'pick.candidates'),
      edge('pick.chosen', 'animate.still'),
      edge('prompt.text', 'animate.prompt'),
      edge('camera.camera', 'animate.camera'),
      edge('animate.clip', 'assemble.clips'),
      edge('audio.audio', 'assemble.soundtrack'),
    ],
  });
  // It opens as an app too: what to draw, how many drafts to choose from, which models make the clip.
  return {
    ...doc,
    app: {
      description: 'Describe a subject; pick the draft you love; get a slow push-in with a soundtrack.',
      inputs: [
        { name: 'subject', label: 'Subject', node: 'prompt', param: 'variables', key: 'subject' },
        { name: 'count', label: 'Drafts to choose from', node: 'still', param: 'count' },
        { name: 'models', label: 'Video models', node: 'animate', param: 'models' },
      ],
      outputs: [{ name: 'cut', label: 'The cut', from: { node: 'assemble', port: 'video' } }],
    },
  };
}

/** Animate your own photo: Still (your photo) → Animate (local camera move) with a soundtrack → Assemble. */
export function photoGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  const doc = createDocument({
    id,
    name: 'Animate your own photo',
    appVersion: APP_VERSION,
    now,
    nodes: [
      node('photo', 'still', 0, 0, { mode: 'upload' }),
      node('pick', 'pick', 360, 0, { autoPick: true }),
      node('camera', 'camera', 360, 360, { zoom: 3, horizontal: 1, duration: 5, easing: 'ease-in-out' }),
      node('animate', 'animate', 720, 0, { models: ['local-camera-move'], duration: 5, resolution: '720p', fps: 24 }),
      node('audio', 'audio', 720, 520, { mode: 'local-bed', style: 'pad', length: 5, fadeOut: 1 }),
      node('assemble', 'assemble', 1080, 200, {}),
    ],
    edges: [
      edge('photo.images', 'pick.candidates'),
      edge('pick.chosen', 'animate.still'),
      edge('camera.camera', 'animate.camera'),
      edge('animate.clip', 'assemble.clips'),
      edge('audio.audio', 'assemble.soundtrack'),
    ],
  });
  // It opens as an app too: your photo, how far the camera pushes in, and the bed under it.
  return {
    ...doc,
    app: {
      description: 'Drop a photo; get a five-second camera move over a soundtrack, made on this computer.',
      inputs: [
        { name: 'photo', label: 'Your photo', node: 'photo', param: 'file' },
        { name: 'zoom', label: 'Push in', node: 'camera', param: 'zoom' },
        { name: 'soundtrack', label: 'Soundtrack', node: 'audio', param: 'style' },
      ],
      outputs: [{ name: 'clip', label: 'The clip', from: { node: 'assemble', port: 'video' } }],
    },
  };
}

/** An empty graph. */
export function emptyGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  return createDocument({ id, name: 'Untitled graph', appVersion: APP_VERSION, now });
}
