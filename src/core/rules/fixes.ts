/**
 * Helpers the rules' quick fixes share, pure: a quick fix is computed from a finding's typed data, today and the
 * file's current text (rules/rule.ts), and the VS Code adapter only turns the result into code actions.
 */
import { parseDocument } from 'yaml';

/** The index of the goal with this id in a goals.yaml text, as it is now (the list may have changed since the check). */
export function goalIndex(text: string, id: string): number | undefined {
  const goals = (parseDocument(text).toJS() as { goals?: unknown } | null)?.goals;
  if (!Array.isArray(goals)) return undefined;
  const i = goals.findIndex((g) => typeof g === 'object' && g !== null && String((g as { id?: unknown }).id) === id);
  return i >= 0 ? i : undefined;
}
