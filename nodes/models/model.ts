/**
 * What a node needs to know about a cloud model to offer it, fit a request to it and estimate its
 * price. The models themselves, and how each is called, live with their provider in the app
 * (`src/providers/cloud/<vendor>/models.ts`); node kinds get them through `providers.models()`.
 */

export interface VideoCapabilities {
  endFrame: boolean;
  /** Native six-axis camera control (Kling `camera_control` type simple: exactly one axis). */
  cameraControl: boolean;
  audio: 'none' | 'optional' | 'always';
  resolutions: readonly string[];
  durations: readonly number[];
  /** Seedance 2.x refuses realistic human faces in the start frame. */
  rejectsFaces?: boolean;
  /** Resolutions that only allow some durations (Veo: 1080p and 4K are 8 s only). */
  durationsAt?: Readonly<Record<string, readonly number[]>>;
  /** The frame shapes it outputs, nearest to the still's taken; absent: the output follows the still. */
  aspectRatios?: readonly string[];
}

/** US dollars; `perSecond` by output resolution, `audio` the same with sound on. */
export type VideoPrice =
  | { kind: 'per-second'; rates: Readonly<Record<string, number>>; audio?: Readonly<Record<string, number>> }
  | { kind: 'per-clip'; perFiveSeconds: number; audio?: number }
  /** Seedance: tokens = width × height × (24 × seconds + 1) / 1024, priced per million. */
  | { kind: 'per-token'; perMillion: Readonly<Record<string, number>> };

export interface ModelBase {
  /** Our id, stored in graphs; stable even when the vendor's id changes. */
  id: string;
  label: string;
  /** The vendor's model id (model_name, route segment, or fal endpoint). */
  upstream: string;
  /** ISO date the vendor said the id stops working, where known. */
  retires?: string;
  /** What the vendor recommends instead. */
  replacement?: string;
  /** Our id of the model that does the same job once this one is retired, offered as a one-click swap. */
  successor?: string;
  /** Where the facts are uncertain ([?] in providers.md), said plainly in the UI. */
  caveat?: string;
  /** Why Reelgraph cannot call this model yet; shown instead of offering it. */
  unavailable?: string;
}

export interface VideoModel extends ModelBase {
  kind: 'video';
  capabilities: VideoCapabilities;
  price: VideoPrice;
}

export interface ImageModel extends ModelBase {
  kind: 'image';
  /** Output sizes the model takes (`imageSize` / `resolution`), with the price of one image at each. */
  sizes: Readonly<Record<string, number>>;
  maxCount: number;
  reference: boolean;
}

export type CloudModel = VideoModel | ImageModel;

/** The ids the catalog marks as gone by `today`, for a warning next to the model. */
export function isRetired(model: CloudModel, today = new Date()): boolean {
  return model.retires !== undefined && Date.parse(model.retires) <= today.getTime();
}
