import type { GraphDocument } from '../../graph-engine';
import { applyEdit, type Edit } from './edits';
import { recordStep, type History } from './history';

/**
 * One edit applied to a document, recorded for undo unless it is not undoable (selection,
 * viewport): pure, so the app and the history tests commit edits the same way.
 */
export function commitEdit(
  doc: GraphDocument,
  history: History,
  edit: Edit,
  at: number,
): { doc: GraphDocument; history: History } {
  const applied = applyEdit(doc, edit);
  if (applied.doc === doc) return { doc, history };
  const recorded =
    edit.undoable === false
      ? history
      : recordStep(history, {
          label: edit.label,
          coalesce: edit.coalesce,
          at,
          patches: applied.patches,
          inverse: applied.inverse,
        });
  return { doc: applied.doc, history: recorded };
}
