/**
 * Rendering the host's states: a state with the same layout updates values in place, so the field being typed in
 * keeps its focus and caret; another layout rebuilds the form, keeping what is on its way in its field and the
 * focus where it was (or where our own add, remove or move says).
 */
import type { FormProblem, ViewState } from '../../src/shared/formProtocol';
import { fieldsOf, itemOf } from '../../src/shared/formProtocol';
import { el } from '../shared/dom';
import type { FormPage } from './page';
import type { FormSections } from './sections';
import { flushAll, typeLater } from './sync';
/** Everything that decides the form's layout: the state without its values (except those that change the layout). */
function layoutOf(s: ViewState): string {
  if (s.kind === 'broken') return `broken:${JSON.stringify(s.errors)}`;
  return JSON.stringify({ ...s, version: 0, problems: [] }, (key, value: unknown) => {
    if (key === 'value' && typeof value === 'string' && !['planned', 'held', 'skipped', 'regular', 'career'].includes(value)) return '';
    if (key === 'value' && typeof value === 'boolean') return false;
    return value;
  }) + `|${s.header.status.value}|${s.header.kind.value}`;
}

function placeProblems(page: FormPage, problems: readonly FormProblem[]): void {
  for (const s of page.problemSlots.values()) s.replaceChildren();
  for (const p of problems) {
    let target = p.target ?? '';
    // A field's problem goes to its row, then its list, when the field itself has no place in the form.
    while (target !== '' && !page.problemSlots.has(target)) target = target.includes('/') ? target.slice(0, target.lastIndexOf('/')) : '';
    const box = page.problemSlots.get(target) ?? page.problemSlots.get('');
    if (!box) continue;
    const line = el('div', `problem severity-${p.severity}`);
    line.setAttribute('role', p.severity === 'error' ? 'alert' : 'note');
    line.append(el('span', 'problem-kind', `${p.severity === 'hint' ? 'Hint' : p.severity === 'info' ? 'Note' : p.severity === 'warning' ? 'Warning' : 'Error'}: `), el('span', undefined, p.message));
    box.append(line);
  }
}

function focusedField(page: FormPage): string | undefined {
  for (const [id, c] of page.controls) if (c.hasFocus()) return id;
  if (page.date.control?.hasFocus()) return 'move-date';
  return undefined;
}

/** Shows a state of the host: values in place when the layout is the same, else the form built again. */
export function render(page: FormPage, sections: FormSections, next: ViewState): void {
  const previous = page.state;
  const nextLayout = layoutOf(next);
  const inPlace = next.kind === 'form' && previous?.kind === 'form' && nextLayout === page.layout;
  // Before a rebuild, what was typed and not sent goes out, still addressed to the version it was typed on.
  if (!inPlace) flushAll(page);
  page.state = next;
  // Which version of the file is shown (a number, no people data): for tests and for debugging.
  page.app.dataset.version = String(next.version);
  if (inPlace) {
    for (const f of fieldsOf(next)) {
      if (page.pending.has(f.id) || page.typing.has(f.id)) {
        // The user's own edit is on its way: the field keeps it, and its next edit still names the older version.
        if (!page.base.has(f.id) && previous) page.base.set(f.id, previous.version);
        continue;
      }
      page.known.set(f.id, f.value);
      const c = page.controls.get(f.id);
      if (c && c.get() !== f.value) c.set(f.value);
    }
    // A move keeps the layout: the moved item's field takes the focus once the host has made the move.
    if (page.focusNext && page.structuralSeq <= page.ackedSeq) {
      const target = page.controls.get(page.focusNext);
      page.focusNext = undefined;
      target?.focus();
    }
    const nudge = document.getElementById('nudge');
    if (nudge) nudge.hidden = sections.nudgeHidden(next);
    placeProblems(page, next.problems);
    return;
  }
  page.layout = nextLayout;
  // Our own add/remove/move, once done, says where the focus goes. Otherwise it stays in its field, unless that
  // field is an item of a list that changed (the same id would now be another item).
  const listChanged = (id: string): boolean => {
    const list = itemOf(id)?.list;
    return list !== undefined && (previous?.kind !== 'form' || next.kind !== 'form' || previous[list].length !== next[list].length);
  };
  let refocus: string | undefined;
  if (page.focusNext && page.structuralSeq <= page.ackedSeq) {
    refocus = page.focusNext;
    page.focusNext = undefined;
  } else {
    const f = focusedField(page);
    refocus = f && !listChanged(f) ? f : undefined;
  }
  // What is on its way stays in its field after the rebuild (the state does not have it yet), so nothing typed
  // disappears while the layout changes.
  const inFlight = new Map<string, string | boolean>();
  // A date being typed (not confirmed yet) stays in the date field through the rebuild.
  const typedDate = page.date.control?.hasFocus() && previous?.kind === 'form' && page.date.control.get() !== previous.header.date && page.date.control.get() !== page.date.sent ? page.date.control.get() : undefined;
  if (next.kind === 'form' && page.date.sent === next.header.date) page.date.sent = undefined;
  for (const id of page.pending.keys()) {
    const c = page.controls.get(id);
    if (c && !listChanged(id)) inFlight.set(id, c.get());
  }
  page.controls.clear();
  page.problemSlots.clear();
  page.known.clear();
  if (next.kind === 'broken') {
    page.app.replaceChildren(sections.buildBroken(next));
  } else {
    for (const f of fieldsOf(next)) page.known.set(f.id, f.value);
    page.app.replaceChildren(sections.buildForm(next));
    for (const [id, value] of inFlight) {
      const c = page.controls.get(id);
      if (c && typeof c.get() === typeof value) {
        // `known` first: setting a checkbox fires its change event, which must not send the value again.
        page.known.set(id, value);
        c.set(value);
        if (!page.base.has(id) && previous) page.base.set(id, previous.version);
      }
    }
    if (typedDate !== undefined && next.header.date !== typedDate) page.date.control?.set(typedDate);
    placeProblems(page, next.problems);
  }
  page.app.removeAttribute('aria-busy');
  if (refocus) {
    const target = page.controls.get(refocus)?.element ?? page.app.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(refocus)}"]`);
    // At once, in this task: a keystroke that comes next must land in the field, not in the page.
    const typed = page.keyBuffer;
    page.keyBuffer = '';
    const c = page.controls.get(refocus);
    if (c && typed && typeof c.get() === 'string') {
      // What was typed right after Enter, before the new item was there.
      c.set(`${c.get() as string}${typed}`);
      page.base.set(refocus, next.version);
      typeLater(page, refocus);
    }
    if (target) {
      target.focus();
      if (!target.contains(document.activeElement) && document.activeElement !== target) requestAnimationFrame(() => target.focus());
    }
  }
  if (!page.restoredScroll) {
    page.restoredScroll = true;
    const saved = page.client.savedUi()?.scrollY;
    if (typeof saved === 'number') requestAnimationFrame(() => window.scrollTo(0, saved));
  }
}

