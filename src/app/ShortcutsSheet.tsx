import { useEffect, useState } from 'react';
import { isTextField } from '../ui/is-text-field';
import { Sheet } from '../ui/Sheet';

const SHORTCUTS: [string, string][] = [
  ['Ctrl/Cmd + Enter', 'Run the graph'],
  ['Escape', 'Cancel the run'],
  ['Ctrl/Cmd + Z', 'Undo'],
  ['Ctrl/Cmd + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl/Cmd + C, Ctrl/Cmd + V', 'Copy and paste nodes (also between tabs)'],
  ['Ctrl/Cmd + D', 'Duplicate the selected nodes'],
  ['Delete, Backspace', 'Delete the selection'],
  ['Ctrl/Cmd + G', 'Group the selection in a labelled frame'],
  ['Ctrl/Cmd + Shift + G', 'Make the selection one component'],
  ['Double-click a component', 'Open its inside'],
  ['Shift + drag', 'Select with a box'],
  ['Shift + click', 'Add to the selection'],
  ['Double-click, /', 'Add a node (search)'],
  ['Drop a wire in empty space', 'Add a node that takes it'],
  ['Arrow keys (in a Pick)', 'Choose a candidate'],
  ['?', 'This sheet'],
];

/** The keyboard shortcuts, opened with `?`. */
export function ShortcutsSheet() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTextField(event.target)) return;
      if (event.key === '?') setOpen((value) => !value);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <Sheet label="Keyboard shortcuts" onClose={() => setOpen(false)} closeOnBackdrop>
      <h2>Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th>{keys}</th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setOpen(false)}>
        Close
      </button>
    </Sheet>
  );
}
