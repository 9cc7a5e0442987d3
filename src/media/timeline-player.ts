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
  let sound: AudioBufferSourceNode | undefined;
  let started: number | undefined;
  const now = () => audio.currentTime - (started ?? audio.currentTime);
  // When a frame was last drawn (ms): one that is late is drawn anyway after a tenth of a second
  // without any, so a decoder slower than real time shows a slower picture, never a frozen one.
  let drawnAt = performance.now();

  void (async () => {
    await titleFontsReady();
    await audio.resume().catch(() => {});
    const ctx = canvas.getContext('2d', { alpha: false })!;
    for await (const { frame, t, layers } of cutFrames(cut.clips, placements, fps, first, frames)) {
      try {
        if (stopped) break;
        if (started === undefined) {
          // The clock starts once the first frame is decoded, the sound a moment after, past the output's latency.
          const when = audio.currentTime + 0.05;
          if (cut.sound) {
            sound = audio.createBufferSource();
            sound.buffer = cut.sound;
            sound.connect(audio.destination);
            sound.start(when, first / fps);
          }
          started = when + (audio.outputLatency || audio.baseLatency || 0) - first / fps;
        }
        // Late: skipped (the decoders still move on), unless nothing has shown for a while. Early: shown when its time comes.
        if (now() > t + 1 / fps && performance.now() - drawnAt < 100) continue;
        const wait = t - now();
        if (wait > 0.002) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        if (stopped) break;
        composeFrame(ctx, drawable(layers, focusOf), fit, titles, t, duration, width, height);
        drawnAt = performance.now();
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
      // Silent at once, not when the frame in hand is done.
      sound?.stop();
      void audio.close().catch(() => {});
    },
  };
}
