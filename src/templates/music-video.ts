import { createDocument, type GraphDocument } from '../../graph-engine';
import { APP_VERSION } from '../app-version';
import { edge, node } from './build';

const SHOTS = [
  { id: 'wide', text: 'Wide shot: a {subject}, dusk, neon reflections', camera: { zoom: 2, horizontal: 2 } },
  { id: 'close', text: 'Close-up: a {subject}, rain on glass', camera: { zoom: 4 } },
  { id: 'tracking', text: 'Tracking shot: a {subject}, city lights streaking past', camera: { pan: 4, horizontal: 3 } },
];

/**
 * A music-video timeline: three shots from one prompt family (one subject, three framings), each
 * animated with its own camera, cut together with crossfades over a soundtrack. Runs offline with
 * the local providers; swap in cloud models on the Animate nodes.
 */
export function musicVideoGraph(id: string = crypto.randomUUID(), now = new Date()): GraphDocument {
  const subject = { subject: 'lone cyclist on a bridge' };
  const nodes = [
    node(
      'audio',
      'audio',
      1080,
      1200,
      { mode: 'local-bed', style: 'pulse', tempo: 112, root: 'A', length: 12, fadeIn: 0.5, fadeOut: 1.5 },
      'Soundtrack',
    ),
    node('assemble', 'assemble', 1500, 500, {
      clips: [
        {},
        { transition: 'crossfade', transitionDuration: 0.5 },
        { transition: 'crossfade', transitionDuration: 0.5 },
      ],
    }),
  ];
  const edges = [edge('audio.audio', 'assemble.soundtrack')];
  SHOTS.forEach((shot, at) => {
    const y = at * 400;
    nodes.push(
      node(`${shot.id}-prompt`, 'prompt', 0, y, { text: shot.text, variables: subject }),
      node(`${shot.id}-still`, 'still', 340, y, {
        mode: 'local-draft',
        count: 1,
        seed: 11 + at,
        aspect: '16:9',
        size: 1280,
      }),
      node(`${shot.id}-pick`, 'pick', 680, y, { autoPick: true }),
      node(`${shot.id}-camera`, 'camera', 680, y + 180, { ...shot.camera, duration: 4, easing: 'ease-in-out' }),
      node(`${shot.id}-animate`, 'animate', 1020, y, {
        models: ['local-camera-move'],
        duration: 4,
        resolution: '720p',
        fps: 24,
      }),
    );
    edges.push(
      edge(`${shot.id}-prompt.text`, `${shot.id}-still.prompt`),
      edge(`${shot.id}-still.images`, `${shot.id}-pick.candidates`),
      edge(`${shot.id}-pick.chosen`, `${shot.id}-animate.still`),
      edge(`${shot.id}-prompt.text`, `${shot.id}-animate.prompt`),
      edge(`${shot.id}-camera.camera`, `${shot.id}-animate.camera`),
      edge(`${shot.id}-animate.clip`, 'assemble.clips'),
    );
  });
  return createDocument({
    id,
    name: 'Music video: three shots, one soundtrack',
    appVersion: APP_VERSION,
    now,
    nodes,
    edges,
  });
}
