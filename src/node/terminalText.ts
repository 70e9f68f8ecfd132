/**
 * User-controlled text (file and folder names, YAML keys and values quoted in messages) on its way to a terminal or a
 * CI log. Raw, a newline forges an output line, ESC drives the terminal, bidi controls reorder what is shown and
 * `::` at a line's start is a GitHub Actions workflow command. Text output shows each of them as a visible escape;
 * JSON output stays JSON (the same strings once parsed) with those characters written as `\uXXXX`.
 */

/** C0 and C1 controls, DEL, bidi overrides and isolates, line/paragraph separators, BOM-like invisibles. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(c: string): string {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/**
 * One line of text output: backslashes doubled (so an escape cannot be forged), controls and invisibles as `\n`,
 * `\x1b`, `\u202e`, and `::` as `:\x3a` so no workflow command can start anywhere in it.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(UNSAFE, (c) => NAMED[c] ?? hex(c))
    .replace(/::/g, ':\\x3a');
}

/** What JSON.stringify leaves raw inside strings (it escapes C0 itself; its own layout uses `\n` and spaces). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** JSON.stringify, plus `\uXXXX` for the characters it leaves raw (DEL, C1, bidi, separators): still valid JSON. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
