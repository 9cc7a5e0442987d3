import type { IntakeRequest } from '../sharing/intake-read';
import { readInWorker, type IntakeResult } from '../sharing/intake';
import { useGraphStore, type Notice } from './graph-store';

/** A read that ends this soon shows no notice at all (most graph files). */
const QUIET_MS = 400;

/**
 * Reads a graph from outside (a file, a paste, a link, a bundle) in the intake worker. While it
 * reads, a notice says so, with the bundle's progress and a Stop button; the notice goes when the
 * reading ends. The caller says what the outcome means.
 */
export async function readFromOutside(request: IntakeRequest, name: string): Promise<IntakeResult> {
  const stop = new AbortController();
  let shown: Notice | undefined;
  const show = (value?: number, max?: number) => {
    // Never over another notice (a run's error that came meanwhile): only this reading's own, or none.
    const current = useGraphStore.getState().notice;
    if (current !== null && current !== shown) return;
    shown = {
      kind: 'info',
      message: `Reading ${name}${max ? `: ${value} of ${max} files checked` : ''}…`,
      ...(max ? { progress: { value: value ?? 0, max } } : {}),
      action: { label: 'Stop', run: () => stop.abort() },
    };
    useGraphStore.setState({ notice: shown });
  };
  const quiet = setTimeout(() => shown ?? show(), QUIET_MS);
  try {
    return await readInWorker(request, { signal: stop.signal, onProgress: (done, total) => show(done, total) });
  } finally {
    clearTimeout(quiet);
    if (shown && useGraphStore.getState().notice === shown) useGraphStore.setState({ notice: null });
  }
}
