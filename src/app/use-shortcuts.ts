import { useEffect } from 'react';
import { cancelRun, redo, runCurrent, undo } from '../state/actions';
import { useGraphStore } from '../state/graph-store';
import { isTextField } from '../ui/is-text-field';

/** Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redo, Ctrl/Cmd+Enter run, Escape cancel (all but on the take board). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // The take board has keys of its own (Escape closes it, Enter keeps): nothing here runs or cancels under it.
      if (useGraphStore.getState().compare) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'enter') {
        event.preventDefault();
        void runCurrent();
      } else if (key === 'escape' && useGraphStore.getState().running) {
        cancelRun();
      } else if (mod && !isTextField(event.target) && (key === 'z' || key === 'y')) {
        event.preventDefault();
        if (key === 'y' || event.shiftKey) redo();
        else undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
