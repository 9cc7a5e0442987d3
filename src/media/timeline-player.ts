import type { Placement } from '../../nodes/assemble/timeline';
import { cutFrames, drawable } from './cut-frames';
import { composeFrame } from '../../nodes/assemble/titles';
import type { Fit, Title } from '../../nodes/assemble/schema';
import { titleFontsReady } from './title-fonts';

export interface PlayerCut {
  clips: readonly Blob[];
  placements: readonly Placement[];
  duration: number;
  fps: number;
  width: number;
  height: number;
  titles: readonly Title[];
  fit: Fit;
  focus: readonly { x: number; y: number }[];
  /** The cut's sound, mixed as the MP4's is (renderTimelineAudio); none plays silent. */
  sound?: AudioBuffer;
}

/**
 * Plays a cut without rendering it: the renderer's own frames (cut-frames) from where play starts,
 * composed by its own code into `canvas`, in time with its sound through WebAudio (the sound's
 * clock leads; a frame that is late is skipped, never shown late). `stop()` ends it; `onTime`
 * hears each frame shown.
 */
export function playCut(
  cut: PlayerCut,
  from: number,
  canvas: HTMLCanvasElement,
  onTime: (seconds: number, frame: number) => void,
  /** Told once it stops by itself: at the end, or with what went wrong. */
  onEnd: (problem?: string) => void,
): { stop(): void } {
  const { placements, fps, duration, width, height, titles, fit, focus } = cut;
  const focusOf = (at: number) => focus[at] ?? { x: 0.5, y: 0.5 };
  const frames = Math.max(1, Math.round(duration * fps));
  const first = Math.min(frames - 1, Math.max(0, Math.round(from * fps)));
  let stopped = false;
  const audio = new AudioContext();
  let started = 0;
  const now = () => audio.currentTime - started;

  void (async () => {
    await titleFontsReady();
    const ctx = canvas.getContext('2d', { alpha: false })!;
    if (cut.sound) {
      const source = audio.createBufferSource();
      source.buffer = cut.sound;
      source.connect(audio.destination);
      source.start(0, first / fps);
    }
    await audio.resume().catch(() => {});
    started = audio.currentTime - first / fps;
    for await (const { frame, t, layers } of cutFrames(cut.clips, placements, fps, first, frames)) {
      try {
        if (stopped) break;
        // Late: skipped (the decoders still move on). Early: shown when its time comes.
        if (now() > t + 1 / fps) continue;
        const wait = t - now();
        if (wait > 0.002) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        if (stopped) break;
        composeFrame(ctx, drawable(layers, focusOf), fit, titles, t, duration, width, height);
        onTime(t, frame);
      } finally {
        for (const { sample } of layers) sample.close();
      }
    }
    if (!stopped) onEnd();
  })()
    .catch((error: unknown) => !stopped && onEnd(error instanceof Error ? error.message : String(error)))
    .finally(() => void audio.close().catch(() => {}));

  return {
    stop() {
      stopped = true;
    },
  };
}
