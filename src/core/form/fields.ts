/**
 * The form's field ids and what they address in a meeting file. The host gives the webview these ids in the form's
 * state; the webview sends them back in edits; `formEditToTextEdit` turns an edit into one minimal text edit of the
 * current file text. An id is only a name for a place in the format: it never carries a path the webview chose.
 */
import { parseDocument } from 'yaml';
import { isIsoDate } from '../dates';
import { appendIn, applyEdit, changesOnlyValue, commentSpans, insertItem, insertsOnly, moveItem, movesOnly, removeItem, removeKey, removesItemOnly, removesKeyOnly, setIn, YamlEditError } from '../edit/yamlEdit';
import type { EditPath, PlainValue, TextEdit } from '../edit/yamlEdit';
import { formRefusal } from '../format/limits';
import { MEETING_KINDS, MEETING_STATUSES } from '../format/schema';
import type { FormEdit, ListId, TopFieldId } from '../../shared/formProtocol';
import { goalOf, itemOf, MAX_TEXT } from '../../shared/formProtocol';

export type FieldKind =
  | { readonly type: 'text' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'bool' }
  /** A calendar date; an empty value removes the key. */
  | { readonly type: 'date' };

export interface ResolvedField {
  readonly path: EditPath;
  readonly kind: FieldKind;
  /** The list item the field belongs to, for checks against an older version of the file. */
  readonly item?: { readonly list: ListId; readonly index: number };
}

export const LIST_PATHS: Readonly<Record<ListId, EditPath>> = {
  feedback: ['prep', 'manager', 'feedback'],
  managerTopics: ['prep', 'manager', 'topics'],
  reportTopics: ['prep', 'report', 'topics'],
  actions: ['actions'],
};

const TEXT: FieldKind = { type: 'text' };
const BOOL: FieldKind = { type: 'bool' };
const DATE: FieldKind = { type: 'date' };

const TOP_FIELDS: Readonly<Record<TopFieldId, ResolvedField>> = {
  status: { path: ['status'], kind: { type: 'enum', values: MEETING_STATUSES } },
  kind: { path: ['kind'], kind: { type: 'enum', values: MEETING_KINDS } },
  'skip-reason': { path: ['skip-reason'], kind: TEXT },
  notes: { path: ['notes'], kind: TEXT },
  private: { path: ['private'], kind: TEXT },
};

const ITEM_FIELDS: Readonly<Record<'feedback' | 'actions', Readonly<Record<string, FieldKind>>>> = {
  feedback: { type: { type: 'enum', values: ['positive', 'negative'] }, text: TEXT, delivered: BOOL },
  actions: { text: TEXT, owner: { type: 'enum', values: ['report', 'manager'] }, due: DATE, done: BOOL },
};


/** What a field id addresses, or undefined when it is not one of the form's ids. */
export function resolveField(id: string): ResolvedField | undefined {
  if (Object.prototype.hasOwnProperty.call(TOP_FIELDS, id)) return TOP_FIELDS[id as TopFieldId];
  const goalId = goalOf(id);
  if (goalId !== undefined) return goalId.trim() === '' ? undefined : { path: ['goals', goalId], kind: TEXT };
  const item = itemOf(id);
  if (!item) return undefined;
  const { list, index, key } = item;
  if (list === 'managerTopics' || list === 'reportTopics') {
    return key === undefined ? { path: [...LIST_PATHS[list], index], kind: TEXT, item: { list, index } } : undefined;
  }
  const kinds = ITEM_FIELDS[list];
  if (key === undefined || !Object.prototype.hasOwnProperty.call(kinds, key)) return undefined;
  return { path: [...LIST_PATHS[list], index, key], kind: kinds[key], item: { list, index } };
}

/** A new, empty item of each list: what Enter or "Add" puts in the file. */
export const NEW_ITEMS: Readonly<Record<ListId, PlainValue>> = {
  feedback: { type: 'positive', text: '', delivered: false },
  managerTopics: '',
  reportTopics: '',
  actions: { text: '', owner: 'report', done: false },
};

export class FormEditError extends Error {}

/** Checks a value against its field's kind; the message says what is wrong, for the manager. */
function checkValue(kind: FieldKind, value: string | boolean): PlainValue {
  switch (kind.type) {
    case 'bool':
      if (typeof value !== 'boolean') throw new FormEditError('Expected a yes/no value.');
      return value;
    case 'enum':
      if (typeof value !== 'string' || !kind.values.includes(value)) throw new FormEditError(`Expected one of: ${kind.values.join(', ')}.`);
      return value;
    case 'date':
      if (typeof value !== 'string' || (value !== '' && !isIsoDate(value))) throw new FormEditError('Expected a date YYYY-MM-DD.');
      return value;
    case 'text':
      if (typeof value !== 'string' || value.length > MAX_TEXT) throw new FormEditError('Expected a text.');
      // The webview gives \n line breaks; the file's own line breaks are used when it is written.
      return value.replace(/\r\n?/g, '\n');
  }
}

/** A new topic with its text (a question from the bank): only the topic lists take one. */
function topicText(list: ListId, text: string): PlainValue {
  if (list !== 'managerTopics' && list !== 'reportTopics') throw new FormEditError('Only a topic can be added with a text.');
  return checkValue(TEXT, text);
}

/**
 * The one text edit an edit of the form makes to the file's current text. Throws FormEditError (or YamlEditError)
 * with a message for the manager when the edit cannot be made; nothing is written then.
 *
 * Every edit is checked before it is returned: the new text must parse and read back as exactly the old content with
 * this one change (aliases resolved, so an edit that would also change another place through an anchor fails), and
 * the text outside the item or value the edit names must be byte-identical: a removal takes only the item's own
 * text (its value, its own comments, white space and one separator), an insertion or a move adds or moves only the
 * item's text, a set changes only the value. Whatever the edit layer does with an unusual file, the form cannot
 * write a wrong file, or change a byte it was not asked to: a failed check is a refusal.
 */
export function formEditToTextEdit(text: string, edit: FormEdit, listLength: (list: ListId) => number): TextEdit {
  let result: Computed;
  const refused = formRefusal(text); // the limits of format/limits.ts, before the edit layer parses the text
  if (refused) throw new FormEditError(refused.message);
  try {
    result = compute(text, edit, listLength);
  } catch (e) {
    if (e instanceof FormEditError || e instanceof YamlEditError) throw e;
    throw new FormEditError('The edit could not be made to this file; use the text editor.');
  }
  verify(text, result);
  return result.edit;
}

/** What an edit names, for the check that nothing else changed. */
type Scope =
  | { readonly op: 'set'; readonly path: EditPath }
  | { readonly op: 'removeKey'; readonly path: EditPath }
  | { readonly op: 'remove'; readonly path: EditPath; readonly index: number }
  | { readonly op: 'insert'; readonly path: EditPath; readonly index: number }
  | { readonly op: 'move'; readonly path: EditPath; readonly from: number; readonly to: number };

interface Computed {
  readonly edit: TextEdit;
  readonly expect: (js: unknown) => unknown;
  readonly scope: Scope;
}

function compute(text: string, edit: FormEdit, listLength: (list: ListId) => number): Computed {
  switch (edit.op) {
    case 'set': {
      const field = resolveField(edit.field);
      if (!field) throw new FormEditError('The form asked for a field it does not have.');
      if (field.item && field.item.index >= listLength(field.item.list)) throw new FormEditError('That item is no longer in the file.');
      const value = checkValue(field.kind, edit.value);
      if (field.kind.type === 'date' && value === '') return { edit: removeKey(text, field.path), expect: (js) => updateIn(js, field.path, REMOVE), scope: { op: 'removeKey', path: field.path } };
      return { edit: setIn(text, field.path, value), expect: (js) => updateIn(js, field.path, () => value), scope: { op: 'set', path: field.path } };
    }
    case 'add': {
      const path = LIST_PATHS[edit.list];
      const n = listLength(edit.list);
      const item = edit.text === undefined ? NEW_ITEMS[edit.list] : topicText(edit.list, edit.text);
      const at = edit.after === undefined || edit.after >= n - 1 ? n : edit.after + 1;
      const expect = (js: unknown): unknown => updateIn(js, path, (list) => {
        const next = Array.isArray(list) ? [...(list as unknown[])] : [];
        next.splice(at, 0, item);
        return next;
      });
      // A missing or empty list is created (a new value); into a list with items, only the new item's text goes.
      if (n === 0) return { edit: appendIn(text, path, item), expect, scope: { op: 'set', path } };
      return { edit: insertItem(text, path, at, item), expect, scope: { op: 'insert', path, index: at } };
    }
    case 'remove': {
      if (edit.index >= listLength(edit.list)) throw new FormEditError('That item is no longer in the file.');
      const index = edit.index;
      const path = LIST_PATHS[edit.list];
      return {
        edit: removeItem(text, path, index),
        expect: (js) => updateIn(js, path, (list) => (list as unknown[]).filter((_, i) => i !== index)),
        scope: { op: 'remove', path, index },
      };
    }
    case 'move': {
      const n = listLength(edit.list);
      if (edit.index >= n || edit.to >= n) throw new FormEditError('That item is no longer in the file.');
      const { index, to } = edit;
      const path = LIST_PATHS[edit.list];
      return {
        edit: moveItem(text, path, index, to),
        expect: (js) => updateIn(js, path, (list) => {
          const next = [...(list as unknown[])];
          const [moved] = next.splice(index, 1);
          next.splice(to, 0, moved);
          return next;
        }),
        scope: { op: 'move', path, from: index, to },
      };
    }
  }
}

const REMOVE = Symbol('remove');

/** A copy of `js` with the value at `path` replaced by `f(old)` (mappings created on the way; REMOVE deletes). */
function updateIn(js: unknown, path: EditPath, f: ((old: unknown) => unknown) | typeof REMOVE): unknown {
  if (path.length === 0) return f === REMOVE ? undefined : f(js);
  const [head, ...rest] = path;
  if (Array.isArray(js) && typeof head === 'number') {
    const copy = [...js];
    copy[head] = updateIn(copy[head], rest, f);
    return copy;
  }
  const base = js !== null && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
  const copy: Record<string, unknown> = { ...base };
  const next = updateIn(copy[String(head)], rest, f);
  if (rest.length === 0 && f === REMOVE) delete copy[String(head)];
  else copy[String(head)] = next;
  return copy;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function commentsOf(text: string): string[] {
  return commentSpans(text).map(([a, b]) => text.slice(a, b).trim()).sort();
}

/** Whether the edit changes nothing outside what its scope names (see formEditToTextEdit). */
function inScope(text: string, out: string, e: TextEdit, scope: Scope): boolean {
  switch (scope.op) {
    case 'set':
      return changesOnlyValue(text, e, scope.path) && JSON.stringify(commentsOf(out)) === JSON.stringify(commentsOf(text));
    case 'removeKey':
      return removesKeyOnly(text, e, scope.path);
    case 'remove':
      return removesItemOnly(text, e, scope.path, scope.index);
    case 'insert':
      return insertsOnly(text, out, scope.path, scope.index);
    case 'move':
      return e.length === 0 && e.text === '' ? scope.from === scope.to : movesOnly(text, out, scope.path, scope.from, scope.to);
  }
}

function verify(text: string, result: Computed): void {
  const refuse = (): never => {
    throw new FormEditError('This change cannot be made safely in this file as it is written (an unusual layout); make it in the text editor.');
  };
  const before = parseDocument(text);
  const out = applyEdit(text, result.edit);
  if (formRefusal(out)) refuse(); // an edit must not take a file over the limits either
  const after = parseDocument(out);
  if (after.errors.length > 0) refuse();
  const js = (d: typeof before): unknown => d.toJS({ maxAliasCount: 1000 }) ?? {};
  if (!sameValue(js(after), result.expect(js(before)))) refuse();
  let scoped = false;
  try {
    scoped = inScope(text, out, result.edit, result.scope);
  } catch {
    // A check that cannot be made is a failed check.
  }
  if (!scoped) refuse();
}
