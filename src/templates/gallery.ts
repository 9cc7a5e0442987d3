import type { GraphDocument } from '../../graph-engine';
import { compareModelsGraph } from './compare-models';
import { laidOut } from './layout';
import { manyTakesGraph } from './many-takes';
import { musicVideoGraph } from './music-video';
import { productHeroGraph } from './product-hero';
import { emptyGraph, photoGraph, starterGraph } from './starter';

export interface Template {
  id: string;
  title: string;
  description: string;
  /** Runs end to end with no key and no network. */
  offline: boolean;
  build(): GraphDocument;
}

/** The template gallery; opening one makes a new graph, laid out with room for each node to grow. */
export const TEMPLATES: readonly Template[] = [
  {
    id: 'starter',
    title: 'Offline starter',
    description: 'Four local drafts, your pick, a slow push-in and a synthesized bed: no key needed.',
    offline: true,
    build: () => laidOut(starterGraph()),
  },
  {
    id: 'photo',
    title: 'Animate your own photo',
    description: 'Your photo, a gentle camera move and a soundtrack, rendered locally.',
    offline: true,
    build: () => laidOut(photoGraph()),
  },
  {
    id: 'compare',
    title: 'One still, three video models',
    description: 'Kling V3 Pro, Veo 3.1 and Seedance 2.0 on the same still: compare side by side, pick the winner.',
    offline: false,
    build: () => laidOut(compareModelsGraph()),
  },
  {
    id: 'many-takes',
    title: 'One shot, many takes',
    description:
      'Keep two of four stills, animate each with Kling V3, Seedance 2.0 and the local move: six takes on one board, keep the best.',
    offline: false,
    build: () => laidOut(manyTakesGraph()),
  },
  {
    id: 'music-video',
    title: 'Music-video timeline',
    description: 'Three shots from one prompt family, each with its own camera, crossfaded over a soundtrack.',
    offline: true,
    build: () => laidOut(musicVideoGraph()),
  },
  {
    id: 'product-hero',
    title: 'Product hero shot',
    description: 'Nano Banana Pro stills at 4K, then a slow push-in on Veo 3.1 at native 4K.',
    offline: false,
    build: () => laidOut(productHeroGraph()),
  },
  { id: 'empty', title: 'Empty graph', description: 'A blank canvas.', offline: true, build: () => emptyGraph() },
];
