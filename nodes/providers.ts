import type { CameraPath } from './camera/schema';
import type { Fit, Title } from './assemble/schema';
import type { CloudModel } from './models/model';

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

/** An image-to-video request, the same for the local renderer and every cloud model. */
export interface AnimateRequest {
  model: string;
  /** The node asking, and the graph it is in, for the spend history. */
  nodeId?: string;
  graph?: { id: string; name: string };
  still: Blob;
  endFrame?: Blob;
  prompt: string;
  camera?: CameraPath;
  duration: number;
  width: number;
  height: number;
  fps: number;
  seed: number;
  /** How often the person re-rolled this take: a new job even where the seed it moved to was used before. */
  reroll?: number;
  /** The resolution asked for (480p…4k); cloud models take the nearest they offer. */
  resolution: string;
  /** Sound made with the clip, where the model can. */
  audio: boolean;
}

/** Where a generated result came from, kept with it: shown in compare views and run history. */
export interface GenerationInfo {
  provider: string;
  model: string;
  /** The vendor's model id at the time. */
  upstream: string;
  taskId?: string;
  /** Seconds from submit to result. */
  seconds: number;
  cost: number;
  /** What was actually asked of the model (after fitting durations and resolutions). */
  params: Record<string, string | number | boolean>;
}

export interface ImageRequest {
  model: string;
  /** The node asking, and the graph it is in, for the spend history. */
  nodeId?: string;
  graph?: { id: string; name: string };
  prompt: string;
  count: number;
  /** Long edge in pixels; the model takes the nearest size it offers. */
  size: number;
  aspect: string;
  /** A re-roll is a new seed: a new request, never the cached one. */
  seed: number;
  reference?: Blob;
}

export interface ImageResult {
  images: { image: Blob; width: number; height: number }[];
  cost: number;
  info: GenerationInfo;
}

export interface ClipResult {
  clip: Blob;
  width: number;
  height: number;
  fps: number;
  duration: number;
  /** US dollars this generation cost (0 for local work). */
  cost: number;
  info?: GenerationInfo;
  /** How it was made otherwise than asked (another codec, a smaller size), said with the clip. */
  note?: string;
}

/** Where a soundtrack's sound comes from. */
export type AudioSource =
  | { kind: 'bed'; style: 'pad' | 'pulse'; tempo: number; root: string; seed: number; length: number }
  | { kind: 'file'; blob: Blob }
  | { kind: 'clip'; blob: Blob };

export interface AudioRequest {
  source: AudioSource;
  trimIn: number;
  trimOut?: number;
  gainDb: number;
  fadeIn: number;
  fadeOut: number;
  /** Loop the trimmed sound until it lasts this long. */
  loopTo?: number;
}

export interface AudioResult {
  /** 16-bit PCM WAV. */
  wav: Blob;
  duration: number;
  sampleRate: number;
  channels: number;
}

export type Transition = 'cut' | 'crossfade' | 'fade-black';

export interface TimelineClip {
  blob: Blob;
  trimIn: number;
  trimOut?: number;
  /** How this clip comes in after the previous one. */
  transition: Transition;
  transitionDuration: number;
  /** The point of the clip kept in frame when it is cropped to another shape (0–1 across and down; the middle by default). */
  focusX?: number;
  focusY?: number;
}

export interface AssembleRequest {
  clips: TimelineClip[];
  soundtrack?: Blob;
  /** Timeline size and rate; undefined takes the first clip's. */
  width?: number;
  height?: number;
  fps?: number;
  soundtrackGainDb: number;
  /** Seconds a soundtrack outlasting the picture fades out over, to silence at its end (0: cut). */
  soundtrackFadeOut: number;
  /** How much clip audio dips under the soundtrack, in dB (negative). */
  duckDb: number;
  /** Words over the picture, each at its time on the cut. */
  titles?: Title[];
  /** How a clip of another shape than the cut's fills it (crop by default). */
  fit?: Fit;
}

export interface AssembleResult {
  video: Blob;
  duration: number;
  width: number;
  height: number;
  fps: number;
  /** `stream-copy` when the clips could be joined without re-encoding. */
  path: 'stream-copy' | 're-encode';
  /** How it was made otherwise than asked (another codec, a smaller size), said with the cut. */
  note?: string;
}

type Progress = (fraction: number) => void;

/**
 * What executors may ask of the app. The app implements these (canvas, WebCodecs, ffmpeg.wasm,
 * cloud adapters) and hands them in through the execution context; nodes never import the app.
 */
export interface NodeProviders {
  /** The cloud models this app knows: the catalog with the user's renames and additions. */
  models(): readonly CloudModel[];
  images: {
    /** Rejects, saying why, when this image model cannot be called (unknown, retired, no key): run for every model before any is paid for. */
    check(model: string): Promise<void>;
    /** Candidates from a cloud image model. */
    generate(request: ImageRequest, signal: AbortSignal, progress: Progress): Promise<ImageResult>;
    /** Renders a local draft still as PNG bytes. */
    renderDraft(request: DraftRequest, signal: AbortSignal): Promise<Blob>;
    /** Decodes an image to check it and learn its size; rejects with a readable message if it is not one. */
    inspect(image: Blob, signal: AbortSignal): Promise<ImageInfo>;
    /** Checks an uploaded photo and applies its EXIF orientation; returns the image to use. */
    normalizeUpload(image: Blob, signal: AbortSignal): Promise<{ image: Blob } & ImageInfo>;
  };
  video: {
    /**
     * Rejects, saying why, when a model cannot take this request's frames (an error naming no port
     * is about the model: a server lacking its files): run for every model before any is paid for.
     */
    check(request: AnimateRequest, signal: AbortSignal): Promise<void>;
    animate(request: AnimateRequest, signal: AbortSignal, progress: Progress): Promise<ClipResult>;
    /** The clip's last frame as a PNG, at its display size; `at` is its time in seconds. Rejects saying why when there is none. */
    lastFrame(clip: Blob, signal: AbortSignal): Promise<{ image: Blob; at: number } & ImageInfo>;
  };
  audio: {
    render(request: AudioRequest, signal: AbortSignal): Promise<AudioResult>;
  };
  timeline: {
    assemble(request: AssembleRequest, signal: AbortSignal, progress: Progress): Promise<AssembleResult>;
  };
}
