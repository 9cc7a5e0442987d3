import { abortable, abortReason } from '../../../graph-engine';
import type { AnimateRequest, ClipResult } from '../../../nodes/providers';
import type { CameraMoveJob, CameraMoveMessage } from '../../media/camera-move.worker';
import { encodePlan } from '../../media/encoder-limits';

/** Most source pixels per frame pixel the renderer samples from (see the worker's smoothing note). */
const MAX_SOURCE_SCALE = 2;

/** Decodes an image, shrunk with a high-quality resize when it is much larger than the frame needs. */
async function decodeFor(image: Blob, width: number, height: number): Promise<ImageBitmap> {
  const full = await createImageBitmap(image);
  const cover = Math.max(width / full.width, height / full.height);
  if (cover * MAX_SOURCE_SCALE >= 1) return full;
  const scale = cover * MAX_SOURCE_SCALE;
  const resized = await createImageBitmap(full, {
    resizeWidth: Math.round(full.width * scale),
    resizeHeight: Math.round(full.height * scale),
    resizeQuality: 'high',
  });
  full.close();
  return resized;
}

/** Renders the local camera move in a Worker; cancelling terminates the Worker at once. */
export async function renderCameraMove(
  request: AnimateRequest,
  signal: AbortSignal,
  progress: (fraction: number) => void,
): Promise<ClipResult> {
  // The size asked, in the codec this browser encodes it with (or the largest it can, said with the clip).
  const plan = await abortable(encodePlan(request.width, request.height), signal);
  const { width, height } = plan;
  const [still, endFrame] = await abortable(
    Promise.all([
      decodeFor(request.still, width, height),
      request.endFrame ? decodeFor(request.endFrame, width, height) : undefined,
    ]),
    signal,
  );
  const job: CameraMoveJob = {
    still,
    endFrame,
    camera: request.camera,
    codec: plan.codec,
    width,
    height,
    fps: request.fps,
    duration: request.duration,
  };
  const worker = new Worker(new URL('../../media/camera-move.worker.ts', import.meta.url), { type: 'module' });
  try {
    const buffer = await new Promise<ArrayBuffer>((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      worker.onerror = (event) => reject(new Error(`The local renderer stopped: ${event.message}`));
      worker.onmessage = (event: MessageEvent<CameraMoveMessage>) => {
        const message = event.data;
        if (message.type === 'progress') progress(message.fraction);
        else {
          signal.removeEventListener('abort', onAbort);
          if (message.type === 'done') resolve(message.buffer);
          else reject(new Error(`The local renderer failed: ${message.message}`));
        }
      };
      worker.postMessage(job, [still, ...(endFrame ? [endFrame] : [])]);
    });
    return {
      clip: new Blob([buffer], { type: 'video/mp4' }),
      width,
      height,
      ...(plan.note ? { note: plan.note } : {}),
      fps: request.fps,
      // Its length as made: whole frames (the worker renders round(duration × fps) of them), so the
      // node's preview places it on the cut where the renderer's probe of the file does.
      duration: Math.max(1, Math.round(request.duration * request.fps)) / request.fps,
      cost: 0,
    };
  } finally {
    worker.terminate();
  }
}
