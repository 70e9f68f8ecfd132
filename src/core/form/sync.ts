/**
 * The form host's bookkeeping between one webview and one document, without VS Code: which document versions the
 * form's own edits made, the states it was shown (by version), the last edit of the webview dealt with, and the
 * checks an edit passes before it is computed (offered by the form, not ahead of the file, not stale). The host
 * (src/vscode/form/formEditor.ts) turns a refusal into a message to the webview; nothing here writes.
 */
import type { FormEdit, FormState, ListId, ViewState } from '../../shared/formProtocol';
import { fieldsOf, itemOf } from '../../shared/formProtocol';
import { refusalOf } from './accept';

/** States and own versions kept, newest first: enough for the edits still on their way from a fast typist. */
export const KEPT_VERSIONS = 30;

export const AHEAD = 'The form is ahead of the file; your last change was not applied.';
export const CHANGED_ELSEWHERE = 'The 1:1 changed in the text editor meanwhile, so your last change in the form was not applied. The form now shows the file as it is.';
export const LIST_MOVED = 'The list changed before this change arrived, so it was not applied. The form now shows the file as it is.';

/** Which items of a list an own edit moved: indices from `from` on (an insert or a removal), or `from`..`to` (a move). */
interface Shift {
  readonly list: ListId;
  readonly from: number;
  readonly to?: number;
}

function shiftOf(edit: FormEdit): Shift | undefined {
  switch (edit.op) {
    case 'set':
      return undefined;
    case 'add':
      return edit.after === undefined ? undefined : { list: edit.list, from: edit.after + 1 };
    case 'remove':
      return { list: edit.list, from: edit.index };
    case 'move':
      return { list: edit.list, from: Math.min(edit.index, edit.to), to: Math.max(edit.index, edit.to) };
  }
}

/** The list and the item indices an edit names (an add names the item it goes after). */
function indicesOf(edit: FormEdit): { list: ListId; indices: number[] } | undefined {
  switch (edit.op) {
    case 'set': {
      const item = itemOf(edit.field);
      return item ? { list: item.list, indices: [item.index] } : undefined;
    }
    case 'add':
      return edit.after === undefined ? undefined : { list: edit.list, indices: [edit.after] };
    case 'remove':
      return { list: edit.list, indices: [edit.index] };
    case 'move':
      return { list: edit.list, indices: [edit.index, edit.to] };
  }
}

function moves(shift: Shift, i: number): boolean {
  return shift.to === undefined ? i >= shift.from : i >= shift.from && i <= shift.to;
}

/** The value of a field as a state shows it. */
function fieldValue(s: FormState, id: string): string | boolean | undefined {
  return fieldsOf(s).find((f) => f.id === id)?.value;
}

/**
 * The number of items of each list in the text a state was built from. Equal to `listLengths` of that text for
 * every list the form edits (a list written through an alias, counted differently, is not editable), so an edit of
 * a version the host already built needs no second parse.
 */
export function lengthsOf(s: FormState): Record<ListId, number> {
  return { feedback: s.feedback.length, managerTopics: s.managerTopics.length, reportTopics: s.reportTopics.length, actions: s.actions.length };
}

/** Keeps the newest `KEPT_VERSIONS` entries of a map keyed by version (maps iterate in insertion order). */
function keepNewest<V>(map: Map<number, V>): void {
  for (const v of map.keys()) if (map.size > KEPT_VERSIONS) map.delete(v);
}

export class FormSync {
  private readonly states = new Map<number, FormState>();
  /**
   * Document versions that the form's own edits produced (the webview knows those changes), with the list whose
   * items they added, removed or moved (which shifts the indices later edits of that list name).
   */
  private readonly own = new Map<number, Shift | undefined>();
  private acked = 0;

  /** The last edit (`seq`) of the webview dealt with, applied or refused: what the next state acknowledges. */
  get ackSeq(): number {
    return this.acked;
  }

  /** A (re)loaded webview counts its edits from 1 again. */
  restart(): void {
    this.acked = 0;
  }

  /** An edit was dealt with. Edits are dealt with in order, but a refusal may name an older seq: never go back. */
  acknowledge(seq: number): void {
    this.acked = Math.max(this.acked, seq);
  }

  /** A state built for the webview, kept to check an edit made on it later. */
  keep(state: FormState): void {
    this.states.delete(state.version);
    this.states.set(state.version, state);
    keepNewest(this.states);
  }

  stateAt(version: number): FormState | undefined {
    return this.states.get(version);
  }

  /** The form's own edit made this document version. */
  madeBy(version: number, edit: FormEdit): void {
    this.own.delete(version);
    this.own.set(version, shiftOf(edit));
    keepNewest(this.own);
  }

  /** True when this document version is one the form's own edit made (the webview already has the change). */
  isOwn(version: number): boolean {
    return this.own.has(version);
  }

  /**
   * Before an edit is computed: refused when it names a version the document does not have yet, or something the
   * form did not offer as editable (in the state it names, or in the current one). Returns the refusal's message.
   */
  admit(edit: FormEdit, version: number, documentVersion: number, current: FormState | undefined): string | undefined {
    if (version > documentVersion) return AHEAD;
    return refusalOf(edit, this.states.get(version), current);
  }

  /**
   * An edit made on an older version of the file is applied to the current text only if what it addresses is
   * unchanged. The form's own edits since then are known to the webview, unless they moved the items this edit
   * names by index (a double click on ✕). For other changes (the text editor), the field, or the list of the item,
   * must read as it did in the form. Otherwise the refusal's message; never silently dropped or applied to the wrong
   * item. `now` gives the state of the current text, and is called only when the check needs it.
   */
  stale(edit: FormEdit, version: number, documentVersion: number, now: () => ViewState): string | undefined {
    if (version === documentVersion) return undefined;
    const named = indicesOf(edit);
    // The form's own edits right after `version`: known, unless they moved an item this edit names.
    let base = version;
    while (base < documentVersion && this.own.has(base + 1)) {
      const shift = this.own.get(base + 1);
      if (shift && named && shift.list === named.list && named.indices.some((i) => moves(shift, i))) return LIST_MOVED;
      base++;
    }
    if (base === documentVersion) return undefined;
    // Changes from elsewhere: compare with the form as it was after its own edits.
    const old = this.states.get(base) ?? (base === version ? undefined : this.states.get(version));
    if (!old) return CHANGED_ELSEWHERE;
    const current = now();
    if (current.kind !== 'form') return CHANGED_ELSEWHERE;
    const list = edit.op === 'set' ? named?.list : edit.list;
    if (!list) {
      // A field of its own (notes, status, a check-in): applied, unless that very field changed.
      return edit.op === 'set' && fieldValue(old, edit.field) !== fieldValue(current, edit.field) ? CHANGED_ELSEWHERE : undefined;
    }
    // The rows as the file has them (what was carried over comes from other files and does not count).
    const rowsOf = (s: FormState): string => JSON.stringify(s[list].rows, (k, v: unknown) => (k === 'carriedFrom' ? undefined : v));
    return rowsOf(old) !== rowsOf(current) ? CHANGED_ELSEWHERE : undefined;
  }
}
