/**
 * The 1:1 form, inside the webview. It shows the state the host sends and sends back field edits, addressed by the
 * ids in that state. It never builds HTML from strings: every text goes in through `textContent` or a control's
 * value. It keeps no people data in `setState` (only the scroll position).
 *
 * No loops: a text field sends its edit after a pause in typing (or on leaving it); while an edit of a field is on
 * its way (its `seq` not yet acknowledged), new states leave that field alone. A state with the same layout updates
 * values in place, so the field being typed in keeps its focus and caret.
 */
import type {
  ActionRow,
  BoolFieldState,
  BrokenState,
  FeedbackRow,
  FormEdit,
  FormProblem,
  FormState,
  HostMessage,
  ListId,
  ListState,
  TextFieldState,
  TopicRow,
  ViewState,
  WebviewMessage,
  WebviewUiState,
} from '../../src/shared/formProtocol';
import { fieldsOf, itemOf } from '../../src/shared/formProtocol';
import { guardChords } from './keys';
import { badge, button, checkbox, dropdown, textArea, textField } from './toolkit';
import type { Control } from './toolkit';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewUiState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// First of all the page's key listeners: no chord changes a value, and every chord still reaches VS Code.
guardChords(window);

const api = acquireVsCodeApi();
const TYPING_IDLE_MS = 300;
const BANNER_MS = 10_000;

const app = document.getElementById('app') as HTMLElement;
let state: ViewState | undefined;
let layout = '';
let seq = 0;
/** Controls by field id. */
const controls = new Map<string, Control>();
/** The value each field had in the last state, or was last sent: an edit is sent only when the value differs. */
const known = new Map<string, string | boolean>();
/** Field id → the seq of its last edit not yet acknowledged by the host. */
const pending = new Map<string, number>();
const typing = new Map<string, ReturnType<typeof setTimeout>>();
/**
 * Field id → the file version the user's change of it started from. Its edit names that version, so that the host
 * can tell when the file changed under the typing (a state that came in meanwhile leaves a field being typed in
 * alone, and must not make the typing look newer than it is).
 */
const base = new Map<string, number>();
/** Keys typed after Enter added an item, before the new item is there to take them. */
let keyBuffer = '';
const problemSlots = new Map<string, HTMLElement>();
/** The seq of the last add/remove/move sent; until the host has dealt with it, item indices may be about to shift. */
let structuralSeq = 0;
/** The last seq the host has dealt with. */
let ackedSeq = 0;
/** The field to focus after the next rebuild (a new item, a moved item). */
let focusNext: string | undefined;
let restoredScroll = false;

// ------------------------------------------------------------------------------------------------------------
// Sending

function send(edit: FormEdit, version = state?.version ?? 0): number {
  seq += 1;
  api.postMessage({ type: 'edit', seq, version, edit });
  if (edit.op !== 'set') structuralSeq = seq;
  return seq;
}

/**
 * Adds, removes and moves one at a time: a second one before the first came back would name indices of the old
 * list (a double click on ✕ would remove two items). The host refuses such an edit too; this avoids the message.
 */
function structural(edit: FormEdit): boolean {
  if (structuralSeq > ackedSeq) return false;
  flushAll();
  send(edit);
  return true;
}

function flush(id: string): void {
  const t = typing.get(id);
  if (t !== undefined) clearTimeout(t);
  typing.delete(id);
  const c = controls.get(id);
  if (!c) return;
  const value = c.get();
  const from = base.get(id) ?? state?.version ?? 0;
  base.delete(id);
  if (value === known.get(id)) return;
  known.set(id, value);
  pending.set(id, send({ op: 'set', field: id, value }, from));
}

function flushAll(): void {
  for (const id of [...typing.keys()]) flush(id);
}

function bind(id: string, c: Control, text: boolean): Control {
  controls.set(id, c);
  if (text) {
    c.onInput(() => {
      if (!base.has(id)) base.set(id, state?.version ?? 0);
      const t = typing.get(id);
      if (t !== undefined) clearTimeout(t);
      typing.set(id, setTimeout(() => flush(id), TYPING_IDLE_MS));
    });
  } else {
    c.onInput(() => flush(id));
  }
  c.onCommit(() => flush(id));
  return c;
}

// ------------------------------------------------------------------------------------------------------------
// Small DOM helpers: text only, never HTML.

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function slot(target: string): HTMLElement {
  const s = el('div', 'problems');
  s.dataset.target = target;
  problemSlots.set(target, s);
  return s;
}

function field(labelText: string, control: Control, target: string, className = 'field'): HTMLElement {
  const wrap = el('div', className);
  wrap.append(el('span', 'label', labelText), control.element, slot(target));
  return wrap;
}

function section(id: string, title: string, ...children: Node[]): HTMLElement {
  const s = el('section', `section section-${id}`);
  s.setAttribute('aria-label', title);
  s.append(el('h2', undefined, title), slot(id), ...children);
  return s;
}

// ------------------------------------------------------------------------------------------------------------
// Lists

const MAIN_FIELD: Readonly<Record<ListId, (index: number) => string>> = {
  feedback: (i) => `feedback/${i}/text`,
  managerTopics: (i) => `managerTopics/${i}`,
  reportTopics: (i) => `reportTopics/${i}`,
  actions: (i) => `actions/${i}/text`,
};

const ITEM_NAME: Readonly<Record<ListId, string>> = {
  feedback: 'feedback',
  managerTopics: 'topic',
  reportTopics: 'topic',
  actions: 'action item',
};

function readOnly(): boolean {
  return state?.kind === 'form' && state.readOnly;
}

/** Enter adds an item after this one; Alt+↑/↓ moves this one. */
function listKeys(control: Control, list: ListState<{ index: number }>, position: number): void {
  control.element.addEventListener('keydown', (e: KeyboardEvent) => {
    if (readOnly() || !list.editable) return;
    const row = list.rows[position];
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
      e.preventDefault();
      if (structural({ op: 'add', list: list.id, after: row.index })) focusNext = MAIN_FIELD[list.id](row.index + 1);
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const other = list.rows[position + (e.key === 'ArrowUp' ? -1 : 1)];
      if (!other) return;
      e.preventDefault();
      if (structural({ op: 'move', list: list.id, index: row.index, to: other.index })) focusNext = MAIN_FIELD[list.id](other.index);
    }
  });
}

function listEditor<Row extends { index: number }>(
  list: ListState<Row>,
  title: string,
  addLabel: string,
  renderRow: (row: Row, position: number) => { controls: HTMLElement[]; main: Control; extra?: HTMLElement[] },
  heading = true,
): HTMLElement {
  const wrap = el('div', 'list');
  wrap.setAttribute('role', 'group');
  wrap.setAttribute('aria-label', title);
  // A list that is a section of its own (their topics) has the section's heading only.
  if (!heading) wrap.append(slot(list.id));
  else wrap.append(el('h3', undefined, title), slot(list.id));
  const ro = readOnly() || !list.editable;
  if (!list.editable) wrap.append(el('p', 'hint', 'This list is not written as a list in the file; edit it in the text editor.'));
  list.rows.forEach((row, position) => {
    const r = el('div', 'row');
    r.setAttribute('role', 'group');
    r.setAttribute('aria-label', `${title} ${position + 1}`);
    const { controls: parts, main, extra } = renderRow(row, position);
    listKeys(main, list as ListState<{ index: number }>, position);
    r.append(...parts);
    if (!ro) {
      const tools = el('span', 'row-tools');
      const name = `${ITEM_NAME[list.id]} ${position + 1}`;
      const prev = list.rows[position - 1];
      const next = list.rows[position + 1];
      tools.append(
        button('↑', () => {
          if (structural({ op: 'move', list: list.id, index: row.index, to: prev.index })) focusNext = MAIN_FIELD[list.id](prev.index);
        }, { appearance: 'icon', ariaLabel: `Move ${name} up`, title: 'Move up (Alt+↑)', disabled: !prev }),
        button('↓', () => {
          if (structural({ op: 'move', list: list.id, index: row.index, to: next.index })) focusNext = MAIN_FIELD[list.id](next.index);
        }, { appearance: 'icon', ariaLabel: `Move ${name} down`, title: 'Move down (Alt+↓)', disabled: !next }),
        button('✕', () => {
          if (structural({ op: 'remove', list: list.id, index: row.index })) focusNext = prev ? MAIN_FIELD[list.id](prev.index) : `add:${list.id}`;
        }, { appearance: 'icon', ariaLabel: `Remove ${name}`, title: 'Remove' }),
      );
      r.append(tools);
    }
    r.append(...(extra ?? []), slot(`${list.id}/${row.index}`));
    wrap.append(r);
  });
  if (!ro) {
    const add = button(addLabel, () => {
      if (structural({ op: 'add', list: list.id })) focusNext = MAIN_FIELD[list.id](list.length);
    }, { appearance: 'secondary' });
    add.dataset.focusId = `add:${list.id}`;
    wrap.append(add);
  }
  return wrap;
}

function text(f: TextFieldState, ariaLabel: string, placeholder?: string, area = false, rows?: number): Control {
  const disabled = readOnly() || !f.editable;
  const c = area ? textArea(ariaLabel, f.value, { placeholder, disabled, rows }) : textField(ariaLabel, f.value, { placeholder, disabled });
  return bind(f.id, c, true);
}

function choice(f: TextFieldState, ariaLabel: string, choices: ReadonlyArray<readonly [string, string]>): Control {
  return bind(f.id, dropdown(ariaLabel, choices, f.value, { disabled: readOnly() || !f.editable }), false);
}

function check(f: BoolFieldState, label: string): Control {
  return bind(f.id, checkbox(label, f.value, { disabled: readOnly() || !f.editable }), false);
}

// ------------------------------------------------------------------------------------------------------------
// The form

/** True for a real calendar date written `YYYY-MM-DD` (not 2026-02-30, not 2026-1-5): what `moveDate` takes. */
function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The header's date field, when the 1:1 can be moved: not a field of the file's edits (its own `moveDate`). */
let dateControl: Control<string> | undefined;
let dateInvalid: HTMLElement | undefined;
/** The date last sent with `moveDate` and not answered yet: Enter then leaving the field sends it once. */
let dateSent: string | undefined;

function showDate(value: string): void {
  if (!dateControl) return;
  if (dateControl.get() !== value) dateControl.set(value);
  markDate(true);
}

function markDate(valid: boolean): void {
  if (!dateControl || !dateInvalid) return;
  if (valid) dateControl.element.removeAttribute('aria-invalid');
  else dateControl.element.setAttribute('aria-invalid', 'true');
  dateInvalid.hidden = valid;
}

/** Enter or leaving the field: a new valid date moves the 1:1; a bad one is shown as such and not sent. */
function confirmDate(): void {
  if (!dateControl || state?.kind !== 'form') return;
  const value = dateControl.get().trim();
  if (value === state.header.date) {
    markDate(true);
    return;
  }
  if (!isCalendarDate(value)) {
    markDate(false);
    return;
  }
  markDate(true);
  if (value === dateSent) return;
  dateSent = value;
  flushAll();
  api.postMessage({ type: 'moveDate', date: value });
}

function dateField(s: FormState): HTMLElement {
  const c = textField('Date of this 1:1 (YYYY-MM-DD)', s.header.date, { placeholder: 'YYYY-MM-DD', disabled: readOnly() });
  c.element.dataset.focusId = 'move-date';
  c.element.setAttribute('maxlength', '10');
  c.element.classList.add('date');
  c.onCommit(confirmDate);
  c.element.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
      e.preventDefault();
      confirmDate();
    }
  });
  // While the user types, a date that was shown as bad stops looking bad as soon as it is a date.
  c.onInput(() => {
    if (c.element.hasAttribute('aria-invalid') && isCalendarDate(c.get().trim())) markDate(true);
  });
  dateControl = c;
  // Its message goes below the header's fields (header()), where its length moves no field.
  dateInvalid = el('div', 'problem severity-error date-invalid');
  dateInvalid.setAttribute('role', 'alert');
  dateInvalid.append(el('span', 'problem-kind', 'Error: '), el('span', undefined, 'Not a calendar date: write it YYYY-MM-DD, e.g. 2026-11-24. The 1:1 was not moved.'));
  dateInvalid.hidden = true;
  return field('Date', c, 'date');
}

/** "12 days since the previous 1:1 (2026-10-20), 14 days of leave not counted". */
function sincePrevious(h: FormState['header']): string | undefined {
  if (h.daysSincePrevious === undefined || !h.previousDate) return undefined;
  const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;
  const leave = h.leaveDaysSincePrevious ?? 0;
  return `${days(h.daysSincePrevious)} since the previous 1:1 (${h.previousDate})${leave > 0 ? `, ${days(leave)} of leave not counted` : ''}`;
}

function header(s: FormState): HTMLElement {
  const h = el('header', 'section section-header');
  h.append(el('h1', undefined, s.header.reportName || 'Meeting'));
  const meta = el('p', 'meta');
  const movable = s.header.movable && !s.readOnly;
  // A movable 1:1 shows its date in the date field below; the line does not say it twice.
  const parts = movable ? [] : [s.header.date ? `1:1 on ${s.header.date}` : '1:1 (no date)'];
  const since = sincePrevious(s.header);
  if (since) parts.push(since);
  else if (s.header.reportName) parts.push('no earlier 1:1');
  if (s.header.cadence) parts.push(`cadence: ${s.header.cadence}`);
  meta.textContent = parts.join(' · ');
  const tools = el('div', 'toolbar');
  tools.append(button('Open in Text Editor', () => api.postMessage({ type: 'openText' }), { appearance: 'secondary' }));
  const fields = el('div', 'header-fields');
  dateControl = undefined;
  dateInvalid = undefined;
  if (movable) fields.append(dateField(s));
  fields.append(
    field('Status', choice(s.header.status, 'Status', [['planned', 'Planned'], ['held', 'Held'], ['skipped', 'Skipped']]), 'status'),
    field('Kind', choice(s.header.kind, 'Kind of 1:1', [['regular', 'Regular'], ['career', 'Career (bigger picture)']]), 'kind'),
  );
  if (s.header.status.value === 'skipped') {
    fields.append(field('Why skipped', text(s.header.skipReason, 'Why it was skipped', 'e.g. at the offsite'), 'skip-reason', 'field wide'));
  }
  h.append(meta, tools, slot('header'), fields);
  if (dateInvalid) h.append(dateInvalid);
  return h;
}

function feedbackRows(s: FormState): HTMLElement {
  return listEditor<FeedbackRow>(s.feedback, 'Feedback', '+ Add feedback', (row, i) => {
    const type = choice(row.type, `Feedback ${i + 1}: positive or negative`, [['positive', 'Positive'], ['negative', 'Negative']]);
    const t = text(row.text, `Feedback ${i + 1}`, 'What you will tell them, specifically');
    const d = check(row.delivered, 'Delivered');
    return {
      main: t,
      controls: [
        wrapSlot(type.element, `feedback/${row.index}/type`, 'cell type'),
        wrapSlot(t.element, `feedback/${row.index}/text`, 'cell grow'),
        wrapSlot(d.element, `feedback/${row.index}/delivered`, 'cell'),
      ],
    };
  });
}

function wrapSlot(control: HTMLElement, target: string, className: string): HTMLElement {
  const c = el('span', className);
  c.append(control, slot(target));
  return c;
}

function topicRows(list: ListState<TopicRow>, title: string, who: string, heading = true): HTMLElement {
  return listEditor<TopicRow>(list, title, '+ Add topic', (row, i) => {
    const t = text(row.text, `${title} ${i + 1}`, who);
    // The topic is the whole item: its problems go in the row's place (made by listEditor).
    const cell = el('span', 'cell grow');
    cell.append(t.element);
    return { main: t, controls: [cell] };
  }, heading);
}

function hasFeedback(s: FormState): boolean {
  return s.feedback.rows.some((r) => r.text.value.trim() !== '');
}

/** The "no feedback prepared" nudge: not for a 1:1 that was skipped (there is nothing to bring to it). */
function nudgeHidden(s: FormState): boolean {
  return hasFeedback(s) || s.header.status.value === 'skipped';
}

function prep(s: FormState): HTMLElement {
  const children: Node[] = [];
  // Always there, shown or hidden as feedback comes and goes (in place: typing the first feedback rebuilds nothing).
  const nudge = el('p', 'nudge', 'No feedback prepared yet. Bring at least one real piece of feedback, positive or negative, to every 1:1.');
  nudge.id = 'nudge';
  nudge.setAttribute('role', 'note');
  nudge.hidden = nudgeHidden(s);
  children.push(nudge);
  const b = s.balance;
  const balance = el('p', 'balance');
  balance.textContent = b.meetings === 0
    ? 'No earlier held 1:1s to compare your feedback with.'
    : `Feedback in the last ${b.meetings} held ${b.meetings === 1 ? '1:1' : '1:1s'}: ${b.positive} positive · ${b.negative} negative`;
  if (b.positive + b.negative >= 3 && (b.positive === 0 || b.negative === 0)) {
    balance.classList.add('one-sided');
    balance.textContent += b.negative === 0 ? ' (all positive: is there something they could do better?)' : ' (all negative: what went well?)';
  }
  children.push(balance, feedbackRows(s), topicRows(s.managerTopics, 'Your topics', 'What you want to talk about'));
  return section('prep', 'Your prep', ...children);
}

function goals(s: FormState): HTMLElement {
  const children: Node[] = [];
  if (s.goals.length === 0) children.push(el('p', 'hint', 'No active two-month goal.'));
  for (const g of s.goals) {
    const row = el('div', 'goal');
    const title = el('div', 'goal-title');
    title.append(el('strong', undefined, g.title));
    if (g.end) {
      const left = g.daysLeft > 1 ? `${g.daysLeft} days left` : g.daysLeft === 1 ? '1 day left' : g.daysLeft === 0 ? 'ends that day' : `ended ${-g.daysLeft} ${g.daysLeft === -1 ? 'day' : 'days'} before`;
      title.append(el('span', 'meta', ` · ends ${g.end} · ${left}`));
    }
    row.append(title, field('Check-in', text(g.checkIn, `Check-in on ${g.title}`, 'Progress, blockers, next step'), g.checkIn.id, 'field wide'));
    children.push(row);
  }
  if (!readOnly()) {
    const add = button('+ Add a two-month goal…', () => api.postMessage({ type: 'addGoal' }), { appearance: 'secondary' });
    children.push(add);
  }
  return section('goals', 'Two-month goals', ...children);
}

function notes(s: FormState): HTMLElement {
  const shared = field('Shared notes', text(s.notes, 'Shared notes', 'What you agreed, in a few lines', true, 5), 'notes', 'field wide');
  const priv = el('div', 'private');
  const warn = el('p', 'private-label', 'Private: only for you. Never exported, never shared.');
  priv.append(warn, field('Private notes', text(s.private, 'Private notes (only for you)', 'Your own observations', true, 3), 'private', 'field wide'));
  return section('notes', 'Notes', shared, priv);
}

function actions(s: FormState): HTMLElement {
  const list = listEditor<ActionRow>(s.actions, 'Action items', '+ Add action item', (row, i) => {
    const t = text(row.text, `Action item ${i + 1}`, 'What will be done');
    const owner = choice(row.owner, `Action item ${i + 1}: who`, [['report', 'Report'], ['manager', 'Manager (you)']]);
    const due = text(row.due, `Action item ${i + 1}: due date`, 'Due YYYY-MM-DD');
    const done = check(row.done, 'Done');
    const extra: HTMLElement[] = [];
    if (row.carriedFrom) extra.push(badge(`carried over from ${row.carriedFrom}`));
    return {
      main: t,
      controls: [
        wrapSlot(t.element, `actions/${row.index}/text`, 'cell grow'),
        wrapSlot(owner.element, `actions/${row.index}/owner`, 'cell'),
        wrapSlot(due.element, `actions/${row.index}/due`, 'cell due'),
        wrapSlot(done.element, `actions/${row.index}/done`, 'cell'),
      ],
      extra,
    };
  }, false);
  return section('actions', 'Action items', list);
}

function career(s: FormState): HTMLElement | undefined {
  if (!s.career) return undefined;
  const asp = el('ul', 'aspirations');
  for (const a of s.career.aspirations) asp.append(el('li', undefined, a));
  if (s.career.aspirations.length === 0) asp.append(el('li', 'hint', 'No aspirations written down yet (report.yaml, `aspirations`).'));
  const all = el('ul', 'all-goals');
  for (const g of s.career.goals) {
    const li = el('li');
    li.append(el('strong', undefined, g.title), el('span', `meta status-${g.status}`, ` · ${g.status === 'done' ? '✓ done' : g.status} · ${g.start} – ${g.end}`));
    if (g.aspiration) li.append(el('span', 'meta', ` · towards: ${g.aspiration}`));
    all.append(li);
  }
  if (s.career.goals.length === 0) all.append(el('li', 'hint', 'No goals yet.'));
  return section('career', 'The bigger picture', el('h3', undefined, 'Aspirations'), asp, el('h3', undefined, 'All goals'), all);
}

function buildForm(s: FormState): HTMLElement {
  const form = el('div', 'form');
  const top = el('div', 'top');
  if (s.readOnly) {
    const ro = el('p', 'readonly', s.readOnlyReason ?? 'Read-only.');
    ro.setAttribute('role', 'note');
    top.append(ro);
  }
  top.append(slot(''));
  form.append(top, header(s), prep(s), section('reportTopics', 'Their topics', topicRows(s.reportTopics, 'Their topics', 'What they bring', false)), goals(s), notes(s), actions(s));
  const c = career(s);
  if (c) form.append(c);
  return form;
}

function buildBroken(s: BrokenState): HTMLElement {
  const wrap = el('div', 'broken');
  wrap.setAttribute('role', 'alert');
  wrap.append(
    el('h1', undefined, 'This file cannot be shown as a form'),
    el('p', undefined, 'Fix these in the text editor. The form writes nothing to the file until it can read it again.'),
  );
  const ul = el('ul');
  for (const e of s.errors) ul.append(el('li', undefined, `Line ${e.line}: ${e.message}`));
  wrap.append(ul, button('Open in Text Editor', () => api.postMessage({ type: 'openText' }), { appearance: 'primary' }));
  return wrap;
}

// ------------------------------------------------------------------------------------------------------------
// Rendering: rebuild when the layout changes; otherwise update values in place.


/** Everything that decides the form's layout: the state without its values (except those that change layout). */
function layoutOf(s: ViewState): string {
  if (s.kind === 'broken') return `broken:${JSON.stringify(s.errors)}`;
  return JSON.stringify({ ...s, version: 0, problems: [] }, (key, value: unknown) => {
    if (key === 'value' && typeof value === 'string' && !['planned', 'held', 'skipped', 'regular', 'career'].includes(value)) return '';
    if (key === 'value' && typeof value === 'boolean') return false;
    return value;
  }) + `|${s.header.status.value}|${s.header.kind.value}`;
}

function placeProblems(problems: readonly FormProblem[]): void {
  for (const s of problemSlots.values()) s.replaceChildren();
  for (const p of problems) {
    let target = p.target ?? '';
    // A field's problem goes to its row, then its list, when the field itself has no place in the form.
    while (target !== '' && !problemSlots.has(target)) target = target.includes('/') ? target.slice(0, target.lastIndexOf('/')) : '';
    const box = problemSlots.get(target) ?? problemSlots.get('');
    if (!box) continue;
    const line = el('div', `problem severity-${p.severity}`);
    line.setAttribute('role', p.severity === 'error' ? 'alert' : 'note');
    line.append(el('span', 'problem-kind', `${p.severity === 'hint' ? 'Hint' : p.severity === 'info' ? 'Note' : p.severity === 'warning' ? 'Warning' : 'Error'}: `), el('span', undefined, p.message));
    box.append(line);
  }
}

function focusedField(): string | undefined {
  for (const [id, c] of controls) if (c.hasFocus()) return id;
  if (dateControl?.hasFocus()) return 'move-date';
  return undefined;
}

function render(next: ViewState): void {
  const previous = state;
  const nextLayout = layoutOf(next);
  const inPlace = next.kind === 'form' && previous?.kind === 'form' && nextLayout === layout;
  // Before a rebuild, what was typed and not sent goes out, still addressed to the version it was typed on.
  if (!inPlace) flushAll();
  state = next;
  // Which version of the file is shown (a number, no people data): for tests and for debugging.
  app.dataset.version = String(next.version);
  if (inPlace) {
    for (const f of fieldsOf(next)) {
      if (pending.has(f.id) || typing.has(f.id)) {
        // The user's own edit is on its way: the field keeps it, and its next edit still names the older version.
        if (!base.has(f.id) && previous) base.set(f.id, previous.version);
        continue;
      }
      known.set(f.id, f.value);
      const c = controls.get(f.id);
      if (c && c.get() !== f.value) c.set(f.value);
    }
    // A move keeps the layout: the moved item's field takes the focus once the host has made the move.
    if (focusNext && structuralSeq <= ackedSeq) {
      const target = controls.get(focusNext);
      focusNext = undefined;
      target?.focus();
    }
    const nudge = document.getElementById('nudge');
    if (nudge) nudge.hidden = nudgeHidden(next);
    placeProblems(next.problems);
    return;
  }
  layout = nextLayout;
  // Our own add/remove/move, once done, says where the focus goes. Otherwise it stays in its field, unless that
  // field is an item of a list that changed (the same id would now be another item).
  const listChanged = (id: string): boolean => {
    const list = itemOf(id)?.list;
    return list !== undefined && (previous?.kind !== 'form' || next.kind !== 'form' || previous[list].length !== next[list].length);
  };
  let refocus: string | undefined;
  if (focusNext && structuralSeq <= ackedSeq) {
    refocus = focusNext;
    focusNext = undefined;
  } else {
    const f = focusedField();
    refocus = f && !listChanged(f) ? f : undefined;
  }
  // What is on its way stays in its field after the rebuild (the state does not have it yet), so nothing typed
  // disappears while the layout changes.
  const inFlight = new Map<string, string | boolean>();
  // A date being typed (not confirmed yet) stays in the date field through the rebuild.
  const typedDate = dateControl?.hasFocus() && previous?.kind === 'form' && dateControl.get() !== previous.header.date && dateControl.get() !== dateSent ? dateControl.get() : undefined;
  if (next.kind === 'form' && dateSent === next.header.date) dateSent = undefined;
  for (const id of pending.keys()) {
    const c = controls.get(id);
    if (c && !listChanged(id)) inFlight.set(id, c.get());
  }
  controls.clear();
  problemSlots.clear();
  known.clear();
  if (next.kind === 'broken') {
    app.replaceChildren(buildBroken(next));
  } else {
    for (const f of fieldsOf(next)) known.set(f.id, f.value);
    app.replaceChildren(buildForm(next));
    for (const [id, value] of inFlight) {
      const c = controls.get(id);
      if (c && typeof c.get() === typeof value) {
        // `known` first: setting a checkbox fires its change event, which must not send the value again.
        known.set(id, value);
        c.set(value);
        if (!base.has(id) && previous) base.set(id, previous.version);
      }
    }
    if (typedDate !== undefined && next.header.date !== typedDate) dateControl?.set(typedDate);
    placeProblems(next.problems);
  }
  app.removeAttribute('aria-busy');
  if (refocus) {
    const target = controls.get(refocus)?.element ?? app.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(refocus)}"]`);
    // At once, in this task: a keystroke that comes next must land in the field, not in the page.
    const typed = keyBuffer;
    keyBuffer = '';
    const c = controls.get(refocus);
    if (c && typed && typeof c.get() === 'string') {
      // What was typed right after Enter, before the new item was there.
      c.set(`${c.get() as string}${typed}`);
      base.set(refocus, next.version);
      typing.set(refocus, setTimeout(() => flush(refocus), TYPING_IDLE_MS));
    }
    if (target) {
      target.focus();
      if (!target.contains(document.activeElement) && document.activeElement !== target) requestAnimationFrame(() => target.focus());
    }
  }
  if (!restoredScroll) {
    restoredScroll = true;
    const saved = api.getState() as Partial<WebviewUiState> | undefined;
    if (saved && typeof saved.scrollY === 'number') requestAnimationFrame(() => window.scrollTo(0, saved.scrollY as number));
  }
}

// ------------------------------------------------------------------------------------------------------------
// Messages from the host

let bannerTimer: ReturnType<typeof setTimeout> | undefined;
function showBanner(message: string): void {
  let banner = document.getElementById('banner');
  if (!banner) {
    banner = el('div', 'banner');
    banner.id = 'banner';
    banner.setAttribute('role', 'alert');
    document.body.prepend(banner);
  }
  banner.textContent = message;
  banner.hidden = false;
  if (bannerTimer) clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => {
    if (banner) banner.hidden = true;
  }, BANNER_MS);
}

function acknowledge(upTo: number): void {
  ackedSeq = Math.max(ackedSeq, upTo);
  for (const [id, s] of pending) {
    if (s > upTo) continue;
    pending.delete(id);
    if (!typing.has(id)) base.delete(id);
  }
}

function isHostMessage(m: unknown): m is HostMessage {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'state') {
    const s = (m as { state?: { kind?: unknown } }).state;
    return typeof (m as { ackSeq?: unknown }).ackSeq === 'number' && typeof s === 'object' && s !== null && (s.kind === 'form' || s.kind === 'broken');
  }
  return t === 'refused' && typeof (m as { message?: unknown }).message === 'string' && typeof (m as { seq?: unknown }).seq === 'number';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isHostMessage(m)) return;
  // Only edits this page sent can be answered (a state meant for the page before a reload may still come in).
  if (m.type === 'refused') {
    showBanner(m.message);
    // Seq 0: the move to another day was refused (that day has a note already): the field shows the 1:1's date again.
    if (m.seq === 0) {
      dateSent = undefined;
      if (state?.kind === 'form') showDate(state.header.date);
      return;
    }
    if (m.seq === structuralSeq) keyBuffer = '';
    acknowledge(Math.min(m.seq, seq));
    return;
  }
  acknowledge(Math.min(m.ackSeq, seq));
  render(m.state);
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer) clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => api.setState({ scrollY: Math.round(window.scrollY) }), 200);
});

// Leaving the page (tab closed or hidden) sends what was typed; so does Ctrl/Cmd+S, before VS Code saves.
window.addEventListener('blur', flushAll);
window.addEventListener('pagehide', flushAll);
document.addEventListener('visibilitychange', flushAll);
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') flushAll();
  // Right after Enter added an item, typing belongs to the new item, which is not there yet: keep the keys for it.
  if (focusNext && structuralSeq > ackedSeq && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && !e.isComposing) {
    keyBuffer += e.key;
    e.preventDefault();
    e.stopPropagation();
  }
}, true);

api.postMessage({ type: 'ready' });
