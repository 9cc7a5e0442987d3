import { defineKind } from '../define-kind';
import { zCameraParams } from './schema';

/** A camera move on six axes; pure data that Animate renders (locally) or maps onto a model. */
export const cameraNode = defineKind({
  kind: 'camera',
  version: 1,
  title: 'Camera',
  description: 'A camera move on six axes',
  inputs: {},
  pure: true,
  outputs: { camera: { type: 'camera', label: 'camera move' } },
  params: zCameraParams,
  run: async ({ params }) => ({ camera: params }),
});
