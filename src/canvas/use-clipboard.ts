import { useEffect } from 'react';
import { isTextField } from '../ui/is-text-field';
import { notify, openGraphFrom, updateDoc } from '../state/actions';
import { isShareLink } from '../sharing/share-link';
import { DOCUMENT_FORMAT } from '../../graph-engine';
import { copyFragment, placeFragment, readFragment } from '../state/clipboard';
import { addNodes } from '../state/edits';
import { useGraphStore } from '../state/graph-store';

const shortId = () => crypto.randomUUID().slice(0, 8);
const isWholeGraph = (text: string) =>
  text.includes('#graph=') ||
  text.includes(`"format":"${DOCUMENT_FORMAT}"`) ||
  text.includes(`"format": "${DOCUMENT_FORMAT}"`);

/**
 * Copy, paste and duplicate through the system clipboard (so between tabs too), as graph JSON
 * validated on paste. Pasted nodes get new ids, land offset from the originals and come selected.
 */
export function useClipboard(selectedIds: () => ReadonlySet<string>, select: (ids: ReadonlySet<string>) => void): void {
  useEffect(() => {
    const paste = (text: string, label: string) => {
      const fragment = readFragment(text);
      if (!fragment) return false;
      const placed = placeFragment(fragment, { x: 48, y: 48 }, shortId);
      updateDoc(addNodes(placed.nodes, placed.edges, label, placed.components));
      select(new Set(placed.nodes.map((node) => node.id)));
      return true;
    };
    const onCopy = (event: ClipboardEvent) => {
      const { doc } = useGraphStore.getState();
      if (isTextField(event.target) || !doc) return;
      const text = copyFragment(doc, selectedIds());
      if (!text) return;
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextField(event.target)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (paste(text, 'Paste')) event.preventDefault();
      else if (isWholeGraph(text)) {
        // A whole graph (its JSON, or a share link) opens as a new graph.
        event.preventDefault();
        const trimmed = text.trim();
        const fragment = trimmed.slice(trimmed.indexOf('#'));
        void openGraphFrom(
          isShareLink(fragment) ? { kind: 'link', fragment } : { kind: 'text', text },
          'The pasted graph',
        );
      } else if (text.trim().startsWith('{'))
        notify('error', 'The clipboard holds JSON that is not Reelgraph nodes; nothing was pasted.');
    };
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd' && !isTextField(event.target)) {
        const { doc } = useGraphStore.getState();
        const text = doc && copyFragment(doc, selectedIds());
        if (!text) return;
        event.preventDefault();
        paste(text, 'Duplicate');
      }
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('keydown', onKey);
    };
  }, [selectedIds, select]);
}
