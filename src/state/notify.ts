import { useGraphStore } from './graph-store';

/** Tells the person something in the notice bar. */
export function notify(kind: 'error' | 'info', message: string): void {
  useGraphStore.setState({ notice: { kind, message } });
}
