/**
 * The page's side of the edits: a text field sends its edit after a pause in typing (or on leaving it), a choice at
 * once; each edit names the version it was made on and counts a `seq` the host acknowledges. While an edit of a
 * field is on its way, new states leave that field alone (render.ts). Adds, removes and moves go one at a time.
 */
import type { FormEdit } from '../../src/shared/formProtocol';
import type { FormPage } from './page';
import type { Control } from './toolkit';

export const TYPING_IDLE_MS = 300;

function send(page: FormPage, edit: FormEdit, version = page.state?.version ?? 0): number {
  page.seq += 1;
  page.client.post({ type: 'edit', seq: page.seq, version, edit });
  if (edit.op !== 'set') page.structuralSeq = page.seq;
  return page.seq;
}

/**
 * Adds, removes and moves one at a time: a second one before the first came back would name indices of the old
 * list (a double click on ✕ would remove two items). The host refuses such an edit too; this avoids the message.
 */
export function structural(page: FormPage, edit: FormEdit): boolean {
  if (page.structuralSeq > page.ackedSeq) return false;
  flushAll(page);
  send(page, edit);
  return true;
}

/** Sends the field's value now, when it differs from what the host has. */
export function flush(page: FormPage, id: string): void {
  const t = page.typing.get(id);
  if (t !== undefined) clearTimeout(t);
  page.typing.delete(id);
  const c = page.controls.get(id);
  if (!c) return;
  const value = c.get();
  const from = page.base.get(id) ?? page.state?.version ?? 0;
  page.base.delete(id);
  if (value === page.known.get(id)) return;
  page.known.set(id, value);
  page.pending.set(id, send(page, { op: 'set', field: id, value }, from));
}

export function flushAll(page: FormPage): void {
  for (const id of [...page.typing.keys()]) flush(page, id);
}

/** Sends the field's edit after a pause in typing (started now, or again). */
export function typeLater(page: FormPage, id: string): void {
  const t = page.typing.get(id);
  if (t !== undefined) clearTimeout(t);
  page.typing.set(id, setTimeout(() => flush(page, id), TYPING_IDLE_MS));
}

/** Makes `c` the control of field `id`: text sends after a pause in typing, anything else at once. */
export function bind(page: FormPage, id: string, c: Control, text: boolean): Control {
  page.controls.set(id, c);
  if (text) {
    c.onInput(() => {
      if (!page.base.has(id)) page.base.set(id, page.state?.version ?? 0);
      typeLater(page, id);
    });
  } else {
    c.onInput(() => flush(page, id));
  }
  c.onCommit(() => flush(page, id));
  return c;
}

/** The host has dealt with every edit up to `upTo`: their fields take the host's values again. */
export function acknowledge(page: FormPage, upTo: number): void {
  page.ackedSeq = Math.max(page.ackedSeq, upTo);
  for (const [id, s] of page.pending) {
    if (s > upTo) continue;
    page.pending.delete(id);
    if (!page.typing.has(id)) page.base.delete(id);
  }
}
