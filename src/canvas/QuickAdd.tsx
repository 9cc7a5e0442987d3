import { useEffect, useMemo, useRef, useState } from 'react';
import { isCompatible, type ValueType } from '../../graph-engine';
import { newNode, nodeDefs, portsOfNode } from '../../nodes';
import { updateDoc } from '../state/actions';
import { addNodes } from '../state/edits';
import { freeSpot } from '../state/free-spot';
import { useGraphStore } from '../state/graph-store';

/** Where the quick-add was opened, and the output being dragged when it came from a connection. */
export interface QuickAddRequest {
  screen: { x: number; y: number };
  flow: { x: number; y: number };
  from?: { node: string; port: string; type?: ValueType };
}

/** The first input of a kind that takes `type`, if any. */
function inputFor(kind: (typeof nodeDefs)[number], type: ValueType | undefined): string | undefined {
  if (!type) return undefined;
  return Object.entries(portsOfNode(newNode(kind.kind, { position: { x: 0, y: 0 } }), undefined).inputs).find(
    ([, spec]) => isCompatible(type, spec),
  )?.[0];
}

/**
 * A searchable list of node kinds: from a double-click or the `/` key, or from a connection
 * dropped in empty space (then only kinds that can take what is being dragged, wired on add).
 */
export function QuickAdd({ request, onClose }: { request: QuickAddRequest; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const kinds = useMemo(
    () =>
      nodeDefs.filter((def) => {
        if (request.from && !inputFor(def, request.from.type)) return false;
        const text = query.trim().toLowerCase();
        return text === '' || def.title.toLowerCase().includes(text) || def.kind.includes(text);
      }),
    [query, request.from],
  );
  useEffect(() => input.current?.focus(), []);

  const choose = (def: (typeof nodeDefs)[number]) => {
    const doc = useGraphStore.getState().doc;
    const asked = newNode(def.kind, { position: request.flow });
    // Where the wire was let go (or the canvas double-clicked), or the nearest place that covers no node.
    const added = doc ? { ...asked, position: freeSpot(doc, asked, request.flow) } : asked;
    const id = added.id;
    const port = request.from && inputFor(def, request.from.type);
    const edges =
      request.from && port
        ? [
            {
              id: crypto.randomUUID(),
              from: { node: request.from.node, port: request.from.port },
              to: { node: id, port },
            },
          ]
        : [];
    updateDoc(addNodes([added], edges, `Add ${def.title}`));
    onClose();
  };

  return (
    <div
      className="quick-add"
      style={{ left: request.screen.x, top: request.screen.y }}
      role="dialog"
      aria-label="Add a node"
    >
      <input
        ref={input}
        value={query}
        placeholder={request.from ? `Nodes that take ${request.from.type ?? 'this'}…` : 'Add a node…'}
        aria-label="Search node kinds"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          else if (event.key === 'ArrowDown') setActive((at) => Math.min(kinds.length - 1, at + 1));
          else if (event.key === 'ArrowUp') setActive((at) => Math.max(0, at - 1));
          else if (event.key === 'Enter' && kinds[active]) choose(kinds[active]);
          else return;
          event.preventDefault();
        }}
        onBlur={() => setTimeout(onClose, 150)}
      />
      <ul role="listbox">
        {kinds.map((def, at) => (
          <li key={def.kind} role="option" aria-selected={at === active}>
            <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={() => choose(def)}>
              {def.title}
            </button>
          </li>
        ))}
        {kinds.length === 0 && <li className="hint">No node kind matches.</li>}
      </ul>
    </div>
  );
}
