import { defineNode } from '../../graph-engine';
import type { NodeProviders } from '../providers';
import { zCameraParams, type CameraParams } from './schema';

/** A camera move on six axes; pure data that Animate renders (locally) or maps onto a model. */
export const cameraNode = defineNode<CameraParams, NodeProviders>({
  kind: 'camera',
  version: 1,
  title: 'Camera',
  inputs: {},
  outputs: { camera: { type: 'camera', label: 'camera move' } },
  params: zCameraParams,
  run: async ({ params }) => ({ camera: params }),
});
