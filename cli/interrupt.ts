import { constants } from 'node:os';
import { warn } from './terminal';

/** The render was stopped by a signal: it ends with one line and exit 128 + the signal's number. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(signal);
  }
  get exitCode(): number {
    return 128 + (constants.signals[this.signal] ?? 2);
  }
}

/** How long a stop may take before the person is told it is under way (a provider's cancel can take seconds). */
const QUIET_MS = 1500;

/**
 * Takes over SIGINT, SIGTERM and SIGHUP: the first stops the render gracefully (`onStop`: the run
 * is cancelled, upstream where the provider allows, and the queue and spend history are settled);
 * a second quits at once. Chromium is not told (Playwright's own handlers are off): it is in a
 * process group of its own, so a Ctrl-C in the terminal reaches only this process.
 */
export function watchInterrupts(name: string) {
  let signal: NodeJS.Signals | undefined;
  let stop: (() => void) | undefined;
  const handler = (received: NodeJS.Signals) => {
    if (signal) {
      warn(
        `${name}: ${received} again: quit at once; a run under way stays in the profile, and the next render says so`,
      );
      process.exit(new Interrupted(received).exitCode);
    }
    signal = received;
    setTimeout(
      () => warn(`${name}: stopping (cancelling what was sent, where the provider allows); again to quit at once`),
      QUIET_MS,
    ).unref();
    stop?.();
  };
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, handler);
  return {
    /** What stops the render once it is under way; called at once if a signal came first. */
    onStop(action: () => void) {
      stop = action;
      if (signal) action();
    },
    /** Throws `Interrupted` if a signal came. */
    check() {
      if (signal) throw new Interrupted(signal);
    },
    get signal() {
      return signal;
    },
  };
}
