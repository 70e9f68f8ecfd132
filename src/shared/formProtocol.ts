/**
 * The 1:1 form's message protocol: the one contract between the extension host (src/vscode/form) and the webview
 * (webview/form), on the envelope every webview shares (webviewProtocol.ts: the ready handshake, the version). Both
 * sides import this file; it imports neither `vscode` nor the DOM. Field ids are built and read here only.
 *
 * The webview sends only field edits addressed by the ids the host gave it in a `state` message; never paths,
 * commands or YAML text. The host checks every incoming message with `parseWebviewMessage` and ignores anything
 * else.
 */

import type { ReadyMessage } from './webviewProtocol';
import { hasOnly, isObject, isReady, isSeq } from './webviewProtocol';

// ---------------------------------------------------------------------------------------------------------------
// What the host shows: the form's state.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A problem of the file, placed next to the field (or section) it concerns. */
export interface FormProblem {
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
  /** A field id, a list id or a section id; undefined: the file as a whole. */
  readonly target?: string;
}

/** An editable value. `id` addresses it in edits; `editable` is false when the file holds a value of the wrong type. */
export interface TextFieldState {
  readonly id: string;
  readonly value: string;
  readonly editable: boolean;
}

export interface BoolFieldState {
  readonly id: string;
  readonly value: boolean;
  readonly editable: boolean;
}

export type ListId = 'feedback' | 'managerTopics' | 'reportTopics' | 'actions';
export const LIST_IDS: readonly ListId[] = ['feedback', 'managerTopics', 'reportTopics', 'actions'];

export type SectionId = 'header' | 'prep' | 'reportTopics' | 'goals' | 'notes' | 'actions' | 'career';

export interface FeedbackRow {
  /** The item's index in the file's list (what add/remove/move address). */
  readonly index: number;
  readonly type: TextFieldState;
  readonly text: TextFieldState;
  readonly delivered: BoolFieldState;
}

export interface TopicRow {
  readonly index: number;
  readonly text: TextFieldState;
}

export interface ActionRow {
  readonly index: number;
  readonly text: TextFieldState;
  readonly owner: TextFieldState;
  readonly due: TextFieldState;
  readonly done: BoolFieldState;
  /** The date of the earliest recent 1:1 that already listed it, when it was carried over. */
  readonly carriedFrom?: string;
}

export interface GoalCheckInRow {
  readonly goalId: string;
  readonly title: string;
  readonly end: string;
  /** Negative once the end has passed. */
  readonly daysLeft: number;
  readonly checkIn: TextFieldState;
}

export interface CareerGoal {
  readonly title: string;
  readonly status: 'active' | 'done' | 'dropped';
  readonly start: string;
  readonly end: string;
  readonly aspiration?: string;
}

export interface BuddyRow {
  readonly name: string;
  readonly title: string;
}

export interface ListState<Row> {
  readonly id: ListId;
  readonly rows: readonly Row[];
  /** Items in the file's list, rows or not (an item of the wrong type has no row): the index a new item gets. */
  readonly length: number;
  /** False when the file holds something other than a list there (edit it in the text editor). */
  readonly editable: boolean;
}

export interface FormHeader {
  readonly reportName: string;
  readonly date: string;
  readonly status: TextFieldState;
  readonly skipReason: TextFieldState;
  readonly kind: TextFieldState;
  /**
   * Days between the previous held 1:1 and this one, counted as the cadence rule counts them (days on leave do not
   * count); undefined for the first.
   */
  readonly daysSincePrevious?: number;
  /** Days on leave between the previous held 1:1 and this one (not counted in `daysSincePrevious`). */
  readonly leaveDaysSincePrevious?: number;
  readonly previousDate?: string;
  /** The report's cadence in words ("every week"). */
  readonly cadence: string;
  /**
   * True when the 1:1 can be moved to another day from the form (`moveDate`): the form is editable and the file is
   * named by its date (`YYYY-MM-DD.yaml`).
   */
  readonly movable: boolean;
}

export interface FormState {
  readonly kind: 'form';
  /** The document version this state was built from; edits name it. */
  readonly version: number;
  readonly readOnly: boolean;
  /** Why the form is read-only, when it is. */
  readonly readOnlyReason?: string;
  readonly header: FormHeader;
  readonly feedback: ListState<FeedbackRow>;
  /** Positive and negative feedback items in the last (up to) 5 held 1:1s before this one. */
  readonly balance: { readonly positive: number; readonly negative: number; readonly meetings: number };
  readonly managerTopics: ListState<TopicRow>;
  readonly reportTopics: ListState<TopicRow>;
  readonly goals: readonly GoalCheckInRow[];
  readonly notes: TextFieldState;
  readonly private: TextFieldState;
  readonly actions: ListState<ActionRow>;
  /**
   * Shown in career 1:1s only. `offerGoals`: the 1:1 is held and editable, so each aspiration offers **Add a two-month
   * goal for this aspiration** (`addGoalForAspiration`, by its index in `aspirations`).
   */
  readonly career?: { readonly aspirations: readonly string[]; readonly goals: readonly CareerGoal[]; readonly offerGoals: boolean };
  /** Goals of other reports this report is the buddy on (their next 1:1's prep shows them). */
  readonly buddyOf?: readonly BuddyRow[];
  readonly problems: readonly FormProblem[];
}

/** A file that cannot be shown as a form: it does not parse, or it is not a mapping. Nothing is written to it. */
export interface BrokenState {
  readonly kind: 'broken';
  readonly version: number;
  readonly errors: readonly { readonly line: number; readonly message: string }[];
}

export type ViewState = FormState | BrokenState;

// ---------------------------------------------------------------------------------------------------------------
// Field ids: built by `fieldId`, read by `itemOf`, nowhere else (the model, the host's checks and the page use these).

/** The ids of the fields that are not list items or check-ins. */
export type TopFieldId = 'status' | 'kind' | 'skip-reason' | 'notes' | 'private';

/** Field ids, and the ids of the places problems go (an item's row, a list), as the model and the page build them. */
export const fieldId = {
  /** `actions/2/done`, or `managerTopics/0` for a list whose items are plain texts (and for an item's row). */
  item: (list: ListId, index: number, key?: string): string => (key ? `${list}/${index}/${key}` : `${list}/${index}`),
  /** A goal's check-in in this 1:1: `goal/<goal id>`. */
  goal: (goalId: string): string => `goal/${goalId}`,
  /** The field Enter, a move or an add focuses in an item: its text. */
  main: (list: ListId, index: number): string => (list === 'managerTopics' || list === 'reportTopics' ? `${list}/${index}` : `${list}/${index}/text`),
} as const;

/** The goal a check-in's field id names, or undefined for any other id. */
export function goalOf(id: string): string | undefined {
  return id.startsWith('goal/') ? id.slice('goal/'.length) : undefined;
}

/**
 * The list item a field id belongs to (`actions/2/done` → actions, 2, done; `managerTopics/0` → no key), or undefined
 * for a field of its own (status, notes, a check-in). The one reading of item ids, for the host and the webview.
 */
export function itemOf(id: string): { readonly list: ListId; readonly index: number; readonly key?: string } | undefined {
  const m = /^(feedback|managerTopics|reportTopics|actions)\/(0|[1-9]\d{0,3})(?:\/([a-z]+))?$/.exec(id);
  if (!m) return undefined;
  return m[3] === undefined ? { list: m[1] as ListId, index: Number(m[2]) } : { list: m[1] as ListId, index: Number(m[2]), key: m[3] };
}

/** Every editable field of a form state, in the order of the form. */
export function fieldsOf(s: FormState): Array<TextFieldState | BoolFieldState> {
  const out: Array<TextFieldState | BoolFieldState> = [s.header.status, s.header.kind, s.header.skipReason, s.notes, s.private];
  for (const r of s.feedback.rows) out.push(r.type, r.text, r.delivered);
  for (const r of s.managerTopics.rows) out.push(r.text);
  for (const r of s.reportTopics.rows) out.push(r.text);
  for (const g of s.goals) out.push(g.checkIn);
  for (const r of s.actions.rows) out.push(r.text, r.owner, r.due, r.done);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Messages.

export type FormEdit =
  | { readonly op: 'set'; readonly field: string; readonly value: string | boolean }
  /**
   * Adds an empty item after item `after` (a file index), or at the end when `after` is undefined. `text`: the new
   * topic's text, set by the host only (a question picked from the bank); never accepted from the webview.
   */
  | { readonly op: 'add'; readonly list: ListId; readonly after?: number; readonly text?: string }
  | { readonly op: 'remove'; readonly list: ListId; readonly index: number }
  | { readonly op: 'move'; readonly list: ListId; readonly index: number; readonly to: number };

export type WebviewMessage =
  | ReadyMessage
  /** `seq` counts the webview's edits; `version` is the state's version the edit was made on. */
  | { readonly type: 'edit'; readonly seq: number; readonly version: number; readonly edit: FormEdit }
  | { readonly type: 'openText' }
  | { readonly type: 'addGoal' }
  /**
   * Add a two-month goal for the aspiration at `index` of the state's `career.aspirations` (a held career 1:1):
   * the host checks the state offers it and runs Add Two-Month Goal with that aspiration.
   */
  | { readonly type: 'addGoalForAspiration'; readonly index: number }
  /** Add from question bank…: the host shows the bank in a quick pick and adds the chosen question as your topic. */
  | { readonly type: 'questionBank' }
  /**
   * Move this 1:1 to another day: the host renames the file to `<date>.yaml` and sets `date:` in one WorkspaceEdit,
   * or refuses (with a `refused` message, seq 0) when that day already has a note or the date is not a calendar date.
   */
  | { readonly type: 'moveDate'; readonly date: string };

export type HostMessage =
  /** `ackSeq`: the last edit of the webview the host has dealt with (applied or refused). */
  | { readonly type: 'state'; readonly state: ViewState; readonly ackSeq: number }
  | { readonly type: 'refused'; readonly seq: number; readonly message: string };

// ---------------------------------------------------------------------------------------------------------------
// Validation: the host trusts nothing that comes from the webview.

/** Longest text a field edit may carry (a long 1:1's notes are a few KB). */
export const MAX_TEXT = 100_000;
const MAX_ID = 300;
const MAX_INDEX = 10_000;

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_INDEX;
const isListId = (v: unknown): v is ListId => typeof v === 'string' && (LIST_IDS as readonly string[]).includes(v);

function parseEdit(v: unknown): FormEdit | undefined {
  if (!isObject(v)) return undefined;
  switch (v.op) {
    case 'set':
      if (!hasOnly(v, ['op', 'field', 'value'])) return undefined;
      if (typeof v.field !== 'string' || v.field.length === 0 || v.field.length > MAX_ID) return undefined;
      if (typeof v.value === 'boolean') return { op: 'set', field: v.field, value: v.value };
      if (typeof v.value === 'string' && v.value.length <= MAX_TEXT) return { op: 'set', field: v.field, value: v.value };
      return undefined;
    case 'add':
      if (!hasOnly(v, ['op', 'list', 'after']) || !isListId(v.list)) return undefined;
      if (v.after === undefined) return { op: 'add', list: v.list };
      return isIndex(v.after) ? { op: 'add', list: v.list, after: v.after } : undefined;
    case 'remove':
      if (!hasOnly(v, ['op', 'list', 'index']) || !isListId(v.list) || !isIndex(v.index)) return undefined;
      return { op: 'remove', list: v.list, index: v.index };
    case 'move':
      if (!hasOnly(v, ['op', 'list', 'index', 'to']) || !isListId(v.list) || !isIndex(v.index) || !isIndex(v.to)) return undefined;
      return { op: 'move', list: v.list, index: v.index, to: v.to };
    default:
      return undefined;
  }
}

/** The message, when it is exactly one of the protocol's; undefined for anything else. */
export function parseWebviewMessage(v: unknown): WebviewMessage | undefined {
  if (!isObject(v)) return undefined;
  if (isReady(v)) return { type: 'ready' };
  switch (v.type) {
    case 'openText':
    case 'addGoal':
    case 'questionBank':
      return hasOnly(v, ['type']) ? { type: v.type } : undefined;
    case 'addGoalForAspiration':
      return hasOnly(v, ['type', 'index']) && isIndex(v.index) ? { type: 'addGoalForAspiration', index: v.index } : undefined;
    case 'moveDate':
      return hasOnly(v, ['type', 'date']) && typeof v.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.date) ? { type: 'moveDate', date: v.date } : undefined;
    case 'edit': {
      if (!hasOnly(v, ['type', 'seq', 'version', 'edit']) || !isSeq(v.seq) || !isSeq(v.version)) return undefined;
      const edit = parseEdit(v.edit);
      return edit ? { type: 'edit', seq: v.seq, version: v.version, edit } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The host's message, when it has the shape the page reads; undefined for anything else. The host is trusted, but a
 * message meant for a page before a reload, or from another extension version, must not break the page.
 */
export function parseHostMessage(m: unknown): HostMessage | undefined {
  if (!isObject(m)) return undefined;
  if (m.type === 'state') {
    const s = m.state;
    return typeof m.ackSeq === 'number' && isObject(s) && (s.kind === 'form' || s.kind === 'broken') ? (m as unknown as HostMessage) : undefined;
  }
  return m.type === 'refused' && typeof m.message === 'string' && typeof m.seq === 'number' ? (m as unknown as HostMessage) : undefined;
}

/** What the webview keeps with `setState` (restored when the tab comes back): layout only, never people data. */
export interface WebviewUiState {
  readonly scrollY: number;
}
