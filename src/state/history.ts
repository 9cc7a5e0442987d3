import { applyPatches, type Patch } from 'immer';
import type { GraphDocument } from '../../graph-engine';
import { touch } from './edits';

/** One undo step: the patches that made it and the ones that take it back. */
export interface HistoryStep {
  label: string;
  coalesce?: string;
  at: number;
  patches: Patch[];
  inverse: Patch[];
}

export interface History {
  past: readonly HistoryStep[];
  future: readonly HistoryStep[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

/** Edits with the same coalesce key this close together are one step (a burst of typing). */
export const COALESCE_MS = 1000;
const LIMIT = 500;

/** Adds a step; a new edit clears what could have been redone. */
export function recordStep(history: History, step: HistoryStep): History {
  const last = history.past.at(-1);
  if (last && step.coalesce !== undefined && last.coalesce === step.coalesce && step.at - last.at <= COALESCE_MS) {
    const merged = {
      ...last,
      at: step.at,
      patches: [...last.patches, ...step.patches],
      inverse: [...step.inverse, ...last.inverse],
    };
    return { past: [...history.past.slice(0, -1), merged], future: [] };
  }
  return { past: [...history.past, step].slice(-LIMIT), future: [] };
}

/** Takes back the last step, or returns undefined when there is nothing to undo. */
export function undoStep(
  history: History,
  doc: GraphDocument,
): { history: History; doc: GraphDocument; label: string } | undefined {
  const step = history.past.at(-1);
  if (!step) return undefined;
  return {
    doc: touch(applyPatches(doc, step.inverse)),
    history: { past: history.past.slice(0, -1), future: [...history.future, step] },
    label: step.label,
  };
}

/** Re-applies the last undone step. */
export function redoStep(
  history: History,
  doc: GraphDocument,
): { history: History; doc: GraphDocument; label: string } | undefined {
  const step = history.future.at(-1);
  if (!step) return undefined;
  return {
    doc: touch(applyPatches(doc, step.patches)),
    history: { past: [...history.past, { ...step, coalesce: undefined }], future: history.future.slice(0, -1) },
    label: step.label,
  };
}
