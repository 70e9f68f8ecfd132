/**
 * Moving a 1:1 to another day, the pure part: whether that day already has a note, and the one edit of `date:`
 * that goes with the rename. The host (src/vscode/form) does the rename and this edit in one WorkspaceEdit.
 */
import { isMap, isScalar, Lexer, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { applyEdit, setIn, YamlEditError } from '../edit/yamlEdit';
import type { TextEdit } from '../edit/yamlEdit';
import { MEETING_FILE_NAME } from '../format/schema';

export class MoveRefused extends Error {}

/** True when one of `names` (the entries of a meetings folder) is a note of `date`: `<date>.yaml` or `<date>-N.yaml`. */
export function dayHasNote(names: readonly string[], date: string): boolean {
  return names.some((n) => MEETING_FILE_NAME.exec(n)?.[1] === date);
}

function newlineOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

function commentsOf(text: string): string[] {
  return [...new Lexer().lex(text)].filter((t) => t.startsWith('#')).map((t) => t.trim());
}

/** The content as plain data without `date`, for comparing before and after (key order kept). */
function withoutDate(js: unknown): string {
  if (js === null || js === undefined) return '[]';
  return JSON.stringify(Object.entries(js as Record<string, unknown>).filter(([k]) => k !== 'date'));
}

const CANNOT = 'The date of this 1:1 cannot be changed safely in this file as it is written; change `date:` in the text editor.';

/**
 * The edit that sets `date:` to `date`: its value replaced where it is written (a comment after it stays), or, when
 * the file has none, a `date:` line added before the first key. Checked before it is returned: the new text parses
 * to the same content with only `date` changed, and keeps every comment in order. Throws MoveRefused otherwise.
 */
export function moveDateEdit(text: string, date: string): TextEdit {
  const before = parseDocument(text, { uniqueKeys: true });
  if (before.errors.length > 0) throw new MoveRefused('This 1:1 does not parse as YAML; fix it in the text editor before moving it.');
  const root = before.contents;
  if (root !== null && !isMap(root) && !(isScalar(root) && root.value === null)) throw new MoveRefused(CANNOT);
  let edit: TextEdit;
  try {
    const first = isMap(root) && !root.flow && !root.has('date') ? (root.items[0]?.key as YamlNode | undefined) : undefined;
    if (first?.range) {
      // A new `date:` goes first, where the format's examples have it, at the indentation of the first key.
      const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
      const indent = text.slice(lineStart, first.range[0]);
      if (indent.trim() !== '') throw new MoveRefused(CANNOT);
      edit = { offset: lineStart, length: 0, text: `${indent}date: ${date}${newlineOf(text)}` };
    } else {
      edit = setIn(text, ['date'], date);
    }
  } catch (e) {
    if (e instanceof MoveRefused) throw e;
    if (e instanceof YamlEditError) throw new MoveRefused(CANNOT);
    throw e;
  }
  const out = applyEdit(text, edit);
  const after = parseDocument(out, { uniqueKeys: true });
  try {
    const a = after.toJS({ maxAliasCount: 1000 }) as unknown;
    const b = before.toJS({ maxAliasCount: 1000 }) as unknown;
    if (after.errors.length > 0 || (a as { date?: unknown } | null)?.date !== date || withoutDate(a) !== withoutDate(b)) throw new MoveRefused(CANNOT);
  } catch (e) {
    if (e instanceof MoveRefused) throw e;
    throw new MoveRefused(CANNOT);
  }
  if (JSON.stringify(commentsOf(out)) !== JSON.stringify(commentsOf(text))) throw new MoveRefused(CANNOT);
  return edit;
}
