import { useEffect, useRef, type ReactNode } from 'react';

/** Open sheets, last opened last: Escape closes only the one on top. */
const open: { close(): void }[] = [];

function onKeyDown(event: KeyboardEvent) {
  if (event.key !== 'Escape' || open.length === 0) return;
  // Escape belongs to the sheet on top: it does not also cancel a run or close what lies beneath.
  event.preventDefault();
  event.stopImmediatePropagation();
  open[open.length - 1].close();
}

/**
 * A modal sheet over the app: Escape closes it (the one on top, when sheets stack), and so may a
 * click on the backdrop. Every dialog is one of these, so they all close the same way.
 */
export function Sheet({
  label,
  role = 'dialog',
  className,
  onClose,
  closeOnBackdrop = false,
  children,
}: {
  label: string;
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** Escape (and the backdrop, where allowed) calls this: for a question, the answer that does nothing. */
  onClose(): void;
  closeOnBackdrop?: boolean;
  children: ReactNode;
}) {
  const latest = useRef(onClose);
  useEffect(() => {
    latest.current = onClose;
  });
  useEffect(() => {
    const entry = { close: () => latest.current() };
    open.push(entry);
    // Capture, on the window: before any other key handler sees it.
    if (open.length === 1) window.addEventListener('keydown', onKeyDown, true);
    return () => {
      open.splice(open.indexOf(entry), 1);
      if (open.length === 0) window.removeEventListener('keydown', onKeyDown, true);
    };
  }, []);
  return (
    <div className="sheet-backdrop" onClick={closeOnBackdrop ? onClose : undefined}>
      <div
        className={className ? `sheet ${className}` : 'sheet'}
        role={role}
        aria-modal="true"
        aria-label={label}
        onClick={(event) => event.stopPropagation()}
      >
        {children}
      </div>
    </div>
  );
}
