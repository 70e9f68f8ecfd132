/**
 * The form's sections, built from a state: every text goes in through `textContent` or a control's value, never
 * HTML. Controls are bound to their field ids (sync.ts); a problem's place is a slot named by the id of its field,
 * row, list or section (render.ts fills them). The ids come from the protocol's `fieldId`, nowhere else.
 */
import type { ActionRow, BoolFieldState, BrokenState, FeedbackRow, FormState, ListId, ListState, TextFieldState, TopicRow } from '../../src/shared/formProtocol';
import { fieldId } from '../../src/shared/formProtocol';
import { el } from '../shared/dom';
import { readOnly } from './page';
import type { FormPage } from './page';
import { bind, flushAll, structural } from './sync';
import { badge, button, checkbox, dropdown, textArea, textField } from './toolkit';
import type { Control } from './toolkit';

export interface FormSections {
  buildForm(s: FormState): HTMLElement;
  buildBroken(s: BrokenState): HTMLElement;
  /** The "no feedback prepared" nudge is hidden in this state (render.ts updates it in place). */
  nudgeHidden(s: FormState): boolean;
  /** Shows this date in the date field (the move was refused: the 1:1's own day again). */
  showDate(value: string): void;
}

/** True for a real calendar date written `YYYY-MM-DD` (not 2026-02-30, not 2026-1-5): what `moveDate` takes. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** What one item of each list is called, for the labels of its buttons. */
const ITEM_NAME: Readonly<Record<ListId, string>> = {
  feedback: 'feedback',
  managerTopics: 'topic',
  reportTopics: 'topic',
  actions: 'action item',
};

/** The sections of the form of one page (its state object): built again at each change of layout. */
export function formSections(page: FormPage): FormSections {
  function slot(target: string): HTMLElement {
    const s = el('div', 'problems');
    s.dataset.target = target;
    page.problemSlots.set(target, s);
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

  /** Enter adds an item after this one; Alt+↑/↓ moves this one. */
  function listKeys(control: Control, list: ListState<{ index: number }>, position: number): void {
    control.element.addEventListener('keydown', (e: KeyboardEvent) => {
      if (readOnly(page) || !list.editable) return;
      const row = list.rows[position];
      if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
        e.preventDefault();
        if (structural(page, { op: 'add', list: list.id, after: row.index })) page.focusNext = fieldId.main(list.id, row.index + 1);
      } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        const other = list.rows[position + (e.key === 'ArrowUp' ? -1 : 1)];
        if (!other) return;
        e.preventDefault();
        if (structural(page, { op: 'move', list: list.id, index: row.index, to: other.index })) page.focusNext = fieldId.main(list.id, other.index);
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
    const ro = readOnly(page) || !list.editable;
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
            if (structural(page, { op: 'move', list: list.id, index: row.index, to: prev.index })) page.focusNext = fieldId.main(list.id, prev.index);
          }, { appearance: 'icon', ariaLabel: `Move ${name} up`, title: 'Move up (Alt+↑)', disabled: !prev }),
          button('↓', () => {
            if (structural(page, { op: 'move', list: list.id, index: row.index, to: next.index })) page.focusNext = fieldId.main(list.id, next.index);
          }, { appearance: 'icon', ariaLabel: `Move ${name} down`, title: 'Move down (Alt+↓)', disabled: !next }),
          button('✕', () => {
            if (structural(page, { op: 'remove', list: list.id, index: row.index })) page.focusNext = prev ? fieldId.main(list.id, prev.index) : `add:${list.id}`;
          }, { appearance: 'icon', ariaLabel: `Remove ${name}`, title: 'Remove' }),
        );
        r.append(tools);
      }
      r.append(...(extra ?? []), slot(fieldId.item(list.id, row.index)));
      wrap.append(r);
    });
    if (!ro) {
      const add = button(addLabel, () => {
        if (structural(page, { op: 'add', list: list.id })) page.focusNext = fieldId.main(list.id, list.length);
      }, { appearance: 'secondary' });
      add.dataset.focusId = `add:${list.id}`;
      wrap.append(add);
    }
    return wrap;
  }

  function text(f: TextFieldState, ariaLabel: string, placeholder?: string, area = false, rows?: number): Control {
    const disabled = readOnly(page) || !f.editable;
    const c = area ? textArea(ariaLabel, f.value, { placeholder, disabled, rows }) : textField(ariaLabel, f.value, { placeholder, disabled });
    return bind(page, f.id, c, true);
  }

  function choice(f: TextFieldState, ariaLabel: string, choices: ReadonlyArray<readonly [string, string]>): Control {
    return bind(page, f.id, dropdown(ariaLabel, choices, f.value, { disabled: readOnly(page) || !f.editable }), false);
  }

  function check(f: BoolFieldState, label: string): Control {
    return bind(page, f.id, checkbox(label, f.value, { disabled: readOnly(page) || !f.editable }), false);
  }

  // ------------------------------------------------------------------------------------------------------------
  // The form

  function showDate(value: string): void {
    if (!page.date.control) return;
    if (page.date.control.get() !== value) page.date.control.set(value);
    markDate(true);
  }

  function markDate(valid: boolean): void {
    if (!page.date.control || !page.date.invalid) return;
    if (valid) page.date.control.element.removeAttribute('aria-invalid');
    else page.date.control.element.setAttribute('aria-invalid', 'true');
    page.date.invalid.hidden = valid;
  }

  /** Enter or leaving the field: a new valid date moves the 1:1; a bad one is shown as such and not sent. */
  function confirmDate(): void {
    const state = page.state;
    if (!page.date.control || state?.kind !== 'form') return;
    const value = page.date.control.get().trim();
    if (value === state.header.date) {
      markDate(true);
      return;
    }
    if (!isCalendarDate(value)) {
      markDate(false);
      return;
    }
    markDate(true);
    if (value === page.date.sent) return;
    page.date.sent = value;
    flushAll(page);
    page.client.post({ type: 'moveDate', date: value });
  }

  function dateField(s: FormState): HTMLElement {
    const c = textField('Date of this 1:1 (YYYY-MM-DD)', s.header.date, { placeholder: 'YYYY-MM-DD', disabled: readOnly(page) });
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
    page.date.control = c;
    // Its message goes below the header's fields (header()), where its length moves no field.
    page.date.invalid = el('div', 'problem severity-error date-invalid');
    page.date.invalid.setAttribute('role', 'alert');
    page.date.invalid.append(el('span', 'problem-kind', 'Error: '), el('span', undefined, 'Not a calendar date: write it YYYY-MM-DD, e.g. 2026-11-24. The 1:1 was not moved.'));
    page.date.invalid.hidden = true;
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
    tools.append(button('Open in Text Editor', () => page.client.post({ type: 'openText' }), { appearance: 'secondary' }));
    const fields = el('div', 'header-fields');
    page.date.control = undefined;
    page.date.invalid = undefined;
    if (movable) fields.append(dateField(s));
    fields.append(
      field('Status', choice(s.header.status, 'Status', [['planned', 'Planned'], ['held', 'Held'], ['skipped', 'Skipped']]), 'status'),
      field('Kind', choice(s.header.kind, 'Kind of 1:1', [['regular', 'Regular'], ['career', 'Career (bigger picture)']]), 'kind'),
    );
    if (s.header.status.value === 'skipped') {
      fields.append(field('Why skipped', text(s.header.skipReason, 'Why it was skipped', 'e.g. at the offsite'), 'skip-reason', 'field wide'));
    }
    h.append(meta, tools, slot('header'), fields);
    if (page.date.invalid) h.append(page.date.invalid);
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
          wrapSlot(type.element, fieldId.item('feedback', row.index, 'type'), 'cell type'),
          wrapSlot(t.element, fieldId.item('feedback', row.index, 'text'), 'cell grow'),
          wrapSlot(d.element, fieldId.item('feedback', row.index, 'delivered'), 'cell'),
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
    if (!readOnly(page) && s.managerTopics.editable) {
      const bank = button('Add from question bank…', () => {
        flushAll(page);
        page.client.post({ type: 'questionBank' });
      }, { appearance: 'secondary', title: 'Pick a question (feedback, growth, their topics) to add to your topics' });
      bank.dataset.focusId = 'question-bank';
      children.push(bank);
    }
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
    if (!readOnly(page)) {
      const add = button('+ Add a two-month goal…', () => page.client.post({ type: 'addGoal' }), { appearance: 'secondary' });
      children.push(add);
    }
    if (s.buddyOf && s.buddyOf.length > 0) {
      // Goals of teammates this report helps with (`buddy: <their id>` in the teammate's goals.yaml).
      const list = el('ul', 'buddy-of');
      list.setAttribute('aria-label', 'Buddy for teammates');
      for (const b of s.buddyOf) list.append(el('li', undefined, `buddy for ${b.name}: ${b.title}`));
      children.push(el('h3', undefined, 'Buddy for teammates'), list);
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
          wrapSlot(t.element, fieldId.item('actions', row.index, 'text'), 'cell grow'),
          wrapSlot(owner.element, fieldId.item('actions', row.index, 'owner'), 'cell'),
          wrapSlot(due.element, fieldId.item('actions', row.index, 'due'), 'cell due'),
          wrapSlot(done.element, fieldId.item('actions', row.index, 'done'), 'cell'),
        ],
        extra,
      };
    }, false);
    return section('actions', 'Action items', list);
  }

  function career(s: FormState): HTMLElement | undefined {
    if (!s.career) return undefined;
    const asp = el('ul', 'aspirations');
    const offer = s.career.offerGoals && !readOnly(page);
    s.career.aspirations.forEach((a, index) => {
      const li = el('li', undefined, a);
      if (offer) {
        // The goal the conversation agreed on, linked to the aspiration it is a step towards.
        const b = button('Add a two-month goal for this aspiration', () => page.client.post({ type: 'addGoalForAspiration', index }), {
          appearance: 'secondary', ariaLabel: `Add a two-month goal for this aspiration: ${a}`,
        });
        b.dataset.focusId = `aspiration-goal:${index}`;
        b.classList.add('aspiration-goal');
        li.append(' ', b);
      }
      asp.append(li);
    });
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
    wrap.append(ul, button('Open in Text Editor', () => page.client.post({ type: 'openText' }), { appearance: 'primary' }));
    return wrap;
  }

  return { buildForm, buildBroken, nudgeHidden, showDate };
}
