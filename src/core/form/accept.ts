/**
 * Which edits the form's host accepts: only those the form could have made. The webview is a page that shows user
 * text, so the host treats what it sends as untrusted: a field id must be one the host sent in a state, for a field
 * it marked editable, and a list operation must name a list it marked editable. Anything else is refused before
 * the edit layer sees it (it would otherwise write any key the id names, e.g. a made-up key under `goals:`).
 */
import type { FormEdit, FormState } from '../../shared/formProtocol';
import { fieldsOf } from '../../shared/formProtocol';

/** What the manager reads when an edit names something the form did not offer. */
export const NOT_OFFERED = 'The form asked to change something it does not show as editable; nothing was changed.';

/** True when `state` offered this edit: the field is in it and editable, or the list is editable (and has the item). */
export function offeredBy(edit: FormEdit, state: FormState): boolean {
  if (state.readOnly) return false;
  switch (edit.op) {
    case 'set':
      return fieldsOf(state).some((f) => f.id === edit.field && f.editable);
    case 'add': {
      const list = state[edit.list];
      return list.editable && (edit.after === undefined || edit.after < list.length);
    }
    case 'remove': {
      const list = state[edit.list];
      return list.editable && edit.index < list.length;
    }
    case 'move': {
      const list = state[edit.list];
      return list.editable && edit.index < list.length && edit.to < list.length;
    }
  }
}

/**
 * The edit is accepted when the state it was made on (the version it names) or the current state offered it: the
 * former covers an edit that crossed a change of the file, the latter an edit made on a state the host no longer
 * keeps. Returns the refusal's message, or undefined when accepted.
 */
export function refusalOf(edit: FormEdit, named: FormState | undefined, current: FormState | undefined): string | undefined {
  return (named && offeredBy(edit, named)) || (current && offeredBy(edit, current)) ? undefined : NOT_OFFERED;
}
