import { abortable } from '../../graph-engine';

/** Seconds of sound rendered between looks at the signal. */
const CHECK_EVERY_S = 2;

/**
 * Renders an OfflineAudioContext so that a cancel stops it: rendering pauses every couple of
 * seconds of sound and goes on only while the signal is quiet. (An offline context has no way to
 * stop; a cancelled one is left suspended and collected, and the caller is answered at once.)
 */
export function renderOffline(context: OfflineAudioContext, signal: AbortSignal): Promise<AudioBuffer> {
  const seconds = context.length / context.sampleRate;
  for (let at = CHECK_EVERY_S; at < seconds; at += CHECK_EVERY_S) {
    void context.suspend(at).then(() => {
      if (!signal.aborted) void context.resume();
    });
  }
  return abortable(context.startRendering(), signal);
}
