import { useEffect } from 'react';
import { cancelRun, redo, runCurrent, undo } from '../state/actions';
import { useGraphStore } from '../state/graph-store';
import { isTextField } from '../ui/is-text-field';

/** Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redo, Ctrl/Cmd+Enter run, Escape cancel. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
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
