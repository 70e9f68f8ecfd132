/**
 * Chords (keys held with Ctrl, Alt or Meta) never change a value in the form: they are VS Code's shortcuts (save,
 * undo, the command palette…), not edits. A dropdown's type-ahead took the `s` of Ctrl+S and saved `skipped`.
 *
 * How: one capture-phase listener on the window, which runs before any control sees the key, cancels the browser's
 * default action of a chord (the text a key types, a button's or checkbox's activation, native undo). It never stops
 * the event: VS Code forwards keys to the workbench from a bubbling `keydown` listener on this window (the
 * webview's `did-keydown`, which does not look at `defaultPrevented`), so every shortcut still reaches VS Code. The
 * toolkit's dropdown and checkbox act in their own listeners, which ignore chords (toolkit.ts).
 */

/** What kind of control a key goes to: text is typed into text fields and areas. */
export type KeyTarget = 'text' | 'other';

export interface Chord {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  /** AltGr held (Linux reports it this way; Windows reports Ctrl+Alt). */
  readonly altGraph: boolean;
}

export function isChord(k: Pick<Chord, 'ctrlKey' | 'altKey' | 'metaKey'>): boolean {
  return k.ctrlKey || k.altKey || k.metaKey;
}

/** Caret moves and deletions that text fields do with Ctrl/Alt/Meta (word by word, to the line's end). */
const TEXT_EDITING_KEYS = new Set(['Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);
/** Select all, copy, cut, paste: the user's own text edits (VS Code lets the browser do these in a webview). */
const CLIPBOARD_KEYS = new Set(['a', 'c', 'v', 'x']);

/**
 * True when the browser's default action of this key must be cancelled: a chord, except copying, and in a text field
 * the text editing the user aims at (clipboard, moving the caret or deleting by word) and a character typed with AltGr or
 * Option (ł on a Polish keyboard, é on a Mac), which is what those keyboards type text with.
 */
export function cancelsDefault(k: Chord, target: KeyTarget): boolean {
  if (!isChord(k)) return false;
  // Copying changes nothing, from any control or selected text of the page.
  if ((k.ctrlKey || k.metaKey) && !k.altKey && k.key.toLowerCase() === 'c') return false;
  if (target !== 'text') return true;
  if (TEXT_EDITING_KEYS.has(k.key)) return false;
  if ((k.ctrlKey || k.metaKey) && !k.altKey && CLIPBOARD_KEYS.has(k.key.toLowerCase())) return false;
  // A printable character from AltGr (or Ctrl+Alt on Windows) or Option on a Mac: typed text, not a shortcut. Where
  // Alt alone types nothing (Linux, Windows), the browser inserts nothing either.
  const typesText = [...k.key].length === 1 && k.key !== ' ';
  if (typesText && (k.altGraph || (k.altKey && !k.metaKey))) return false;
  return true;
}

function targetOf(e: KeyboardEvent): KeyTarget {
  // The innermost element: toolkit text fields keep their <input>/<textarea> in a shadow root.
  const inner = e.composedPath()[0];
  return inner instanceof HTMLInputElement || inner instanceof HTMLTextAreaElement ? 'text' : 'other';
}

/** Installs the guard; call once, before anything else listens to keys. */
export function guardChords(win: Window): void {
  win.addEventListener('keydown', (e: KeyboardEvent) => {
    const chord: Chord = {
      key: e.key,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
      shiftKey: e.shiftKey,
      altGraph: e.getModifierState('AltGraph'),
    };
    if (cancelsDefault(chord, targetOf(e))) e.preventDefault();
  }, true);
}
