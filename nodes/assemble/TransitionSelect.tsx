import type { PointerEvent } from 'react';
import { TRANSITION_NAMES, TRANSITIONS, type ClipSettings } from './schema';

/** How a clip comes in after the one before it, named as the node names it (the node and the timeline panel). */
export function TransitionSelect({
  label,
  value,
  onChange,
  className,
  onPointerDown,
}: {
  label: string;
  value: ClipSettings['transition'];
  onChange(next: ClipSettings['transition']): void;
  className?: string;
  onPointerDown?(event: PointerEvent): void;
}) {
  return (
    <select
      className={className}
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value as ClipSettings['transition'])}
      onPointerDown={onPointerDown}
    >
      {TRANSITIONS.map((each) => (
        <option key={each} value={each}>
          {TRANSITION_NAMES[each]}
        </option>
      ))}
    </select>
  );
}
