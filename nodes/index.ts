import { createRegistry } from '../graph-engine';
import { animateNode } from './animate';
import { assembleNode } from './assemble';
import { audioNode } from './audio';
import { cameraNode } from './camera';
import { pickNode } from './pick';
import { promptNode } from './prompt';
import type { NodeProviders } from './providers';
import { stillNode } from './still';

/** Every node kind, in palette order. The one list: nothing registers itself on import. */
export const nodeDefs = [promptNode, stillNode, pickNode, cameraNode, animateNode, audioNode, assembleNode] as const;

export const nodeRegistry = createRegistry<NodeProviders>(nodeDefs);

export type { NodeProviders } from './providers';
