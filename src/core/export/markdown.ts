/**
 * The exports' Markdown: one escaping rule for every piece of user text (names, titles, topics, check-ins), the
 * dashboard's `markdownCell` (src/core/dashboard/share.ts): one line, markup and HTML characters escaped, so a name
 * like `<script>` or `[x](y)` reads as written and never becomes a tag, a link or a table column.
 */
import { markdownCell } from '../dashboard/share';
import { weekdayName } from '../planning';
import type { IsoDate } from '../dates';

/** User text inside a line of Markdown (a heading, a list item, a table cell). */
export function md(text: string): string {
  return markdownCell(text);
}

/** A list item of user text; an empty text reads as `(empty)` rather than an empty bullet. */
export function item(text: string, prefix = ''): string {
  const t = md(text);
  return `- ${prefix}${t === '' ? '_(empty)_' : t}`;
}

/** `Tuesday 2026-12-01`. */
export function day(date: IsoDate): string {
  return `${weekdayName(date)} ${date}`;
}

/** Sections joined by one blank line, ending with a newline; empty sections (no lines) left out. */
export function document(sections: ReadonlyArray<readonly string[]>): string {
  return `${sections.filter((s) => s.length > 0).map((s) => s.join('\n')).join('\n\n')}\n`;
}
