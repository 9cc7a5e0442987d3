import type { CameraMapping } from '../../../nodes/models/camera-mapping.ts';
import type { VideoFit } from '../../../nodes/models/fit.ts';
import type { ProviderError } from './errors.ts';
import type { ModelEntry } from './provider.ts';

type VideoEntry = Extract<ModelEntry, { kind: 'video' }>;
type ImageEntry = Extract<ModelEntry, { kind: 'image' }>;

/** An image sent inline. */
export interface InlineImage {
  base64: string;
  mime: string;
}

/** What a provider needs to know about a submitted task to find it again (after a reload, too). */
export interface TaskHandle {
  id: string;
  /** URLs the provider returned at submit (fal's status, response and cancel URLs). */
  urls?: Record<string, string>;
}

/** A task's state; `outputs` are URLs to download, or data: URIs when the answer carried the bytes. */
export type TaskStatus =
  /** `running`: the provider says it is at work on it (not waiting in a queue), so it may be billed even if stopped. */
  | { state: 'pending'; progress?: number; running?: boolean }
  | { state: 'done'; outputs: string[]; usage?: Usage }
  /** `moved`: it never started and its server is gone, so sending it again (elsewhere) cannot pay twice. */
  | { state: 'failed'; error: ProviderError; moved?: boolean };

export interface VideoTask {
  model: VideoEntry;
  fit: VideoFit;
  /** The motion prompt, with the camera direction appended when the model takes it that way. */
  prompt: string;
  camera: CameraMapping;
  still: InlineImage;
  endFrame?: InlineImage;
  /** The still's width ÷ height. */
  aspect: number;
  /** The node's seed, for models that take one (ComfyUI workflows). */
  seed?: number;
  /** This attempt's own id, sent where the API takes one (Kling's external_task_id); set by the job runner. */
  externalId: string;
}

export interface ImageTask {
  model: ImageEntry;
  prompt: string;
  count: number;
  /** The model's size name: 512, 1K, 2K, 4K. */
  size: string;
  aspect: string;
  reference?: InlineImage;
  externalId: string;
}

/** What a provider reports a finished task used, where it does (ModelArk: tokens). */
export interface Usage {
  tokens?: number;
}

/** What a provider says about a submit whose answer was lost: the task it made, or that it made none. */
export type Lookup = { found: TaskHandle } | { absent: true };

/** What our other saved submits around a lost one hold, so a lookup never takes another's task for this one. */
export interface OtherSubmits {
  /** Task ids our other jobs already hold (another take's, or an earlier run's). */
  taken: ReadonlySet<string>;
  /** Our other submits to this provider whose answer was never seen (in flight, or uncertain): each may own an unnamed task. */
  unresolved: number;
}

export type CancelAnswer = 'cancelled' | 'requested' | 'refused';

/** One provider's asynchronous task API: submit once, poll until done, cancel where allowed. */
export interface TaskAdapter<T> {
  /** Sends the paid request. Never retried on an ambiguous failure (a 5xx, a lost connection). */
  submit(task: T, signal: AbortSignal): Promise<TaskHandle>;
  /**
   * Looks up a task submitted at `since` (ms) under this attempt's `externalId`, where the API can
   * say for sure; absent where it cannot (the job then stops and says it may have been billed).
   */
  find?(task: T, signal: AbortSignal, since: number, others: OtherSubmits): Promise<Lookup>;
  poll(handle: TaskHandle, signal: AbortSignal): Promise<TaskStatus>;
  /**
   * Asks the provider to cancel: `cancelled` when it confirms the task will not run (so it is not
   * billed); `requested` when it only passes the request on (fal: the task may run on, and be
   * billed, so it is polled to its end); `refused` when it cannot be cancelled (it runs on).
   */
  cancel?(handle: TaskHandle, signal: AbortSignal): Promise<CancelAnswer>;
}

export const dataUri = (image: InlineImage) => `data:${image.mime};base64,${image.base64}`;

/** Veo, Kling and fal take 16:9 / 9:16 / 1:1 style ratios; the nearest one to the still. */
export function nearestRatio(aspect: number, ratios: readonly string[]): string {
  const value = (ratio: string) => {
    const [w, h] = ratio.split(':').map(Number);
    return w / h;
  };
  return ratios.reduce(
    (best, ratio) =>
      Math.abs(Math.log(value(ratio) / aspect)) < Math.abs(Math.log(value(best) / aspect)) ? ratio : best,
    ratios[0],
  );
}
