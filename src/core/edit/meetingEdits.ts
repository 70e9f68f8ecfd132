/**
 * Edits of a meeting file that change several keys at once, composed into ONE text edit: the command applies it
 * with one WorkspaceEdit and saves once, so one Undo reverts it and the watcher sees one change (not a file saved
 * with `status: skipped` and no reason, then again with the reason).
 */
import { composeEdits, setValue } from './yamlEdit';
import type { TextEdit } from './yamlEdit';

/** A planned 1:1 marked skipped, with the reason when one is given (an empty reason writes no key). */
export function markSkippedEdit(text: string, reason: string): TextEdit {
  const steps: Array<(t: string) => TextEdit> = [(t) => setValue(t, ['status'], 'skipped')];
  if (reason !== '') steps.push((t) => setValue(t, ['skip-reason'], reason));
  return composeEdits(text, steps);
}
