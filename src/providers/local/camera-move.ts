import type { AnimateRequest, ClipResult } from '../../../nodes/providers';
import type { CameraMoveJob, CameraMoveMessage } from '../../media/camera-move.worker';

/** Renders the local camera move in a Worker; cancelling terminates the Worker at once. */
export async function renderCameraMove(request: AnimateRequest, signal: AbortSignal, progress: (fraction: number) => void): Promise<ClipResult> {
  signal.throwIfAborted();
  const still = await createImageBitmap(request.still);
  const endFrame = request.endFrame ? await createImageBitmap(request.endFrame) : undefined;
  const job: CameraMoveJob = { still, endFrame, camera: request.camera, width: request.width, height: request.height, fps: request.fps, duration: request.duration };
  const worker = new Worker(new URL('../../media/camera-move.worker.ts', import.meta.url), { type: 'module' });
  try {
    const buffer = await new Promise<ArrayBuffer>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new DOMException('Cancelled', 'AbortError'));
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
    return { clip: new Blob([buffer], { type: 'video/mp4' }), width: request.width, height: request.height, fps: request.fps, duration: request.duration, cost: 0 };
  } finally {
    worker.terminate();
  }
}
