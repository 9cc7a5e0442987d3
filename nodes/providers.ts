import type { ArtifactRef } from '../graph-engine';

/** A request for a local draft still: a deterministic placeholder image, not a generation. */
export interface DraftRequest {
  prompt: string;
  seed: number;
  width: number;
  height: number;
}

/** Facts about an image, read by decoding it. */
export interface ImageInfo {
  width: number;
  height: number;
}

/**
 * What executors may ask of the app. The app implements these (canvas, WebCodecs, cloud
 * adapters) and hands them in through the execution context; nodes never import the app.
 */
export interface NodeProviders {
  images: {
    /** Renders a local draft still as PNG bytes. */
    renderDraft(request: DraftRequest, signal: AbortSignal): Promise<Blob>;
    /** Decodes an image to check it and learn its size; rejects with a readable message if it is not one. */
    inspect(image: Blob, signal: AbortSignal): Promise<ImageInfo>;
  };
}

export type { ArtifactRef };
