/**
 * How a typed box and a highlighted suggestion combine when a picker accepts (Enter): the suggestion is taken only
 * when what is typed is still a filter for it; text typed beyond it (an example edited to make it theirs) is taken as
 * typed. VS Code may keep the last highlighted item while the box no longer matches it, so "an item is active" alone
 * does not say the user chose it.
 */

/** Whether `typed` filters to `label`: empty, or its characters appear in the label in order (case-insensitive). */
export function isFilterFor(typed: string, label: string): boolean {
  const t = typed.trim().toLocaleLowerCase();
  const l = label.toLocaleLowerCase();
  let at = 0;
  for (const ch of t) {
    if (ch === ' ') continue; // words may be typed apart: "clear feed" filters "Provide clearer feedback"
    at = l.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

/**
 * What Enter does in a picker of suggestions whose pick goes into the box to be edited: `put` the highlighted
 * suggestion into the box (the box is empty or a filter for it, and differs from it), `take` the typed text, or
 * `nothing` (an empty box with nothing highlighted).
 */
export function acceptSuggestion(typed: string, highlighted: string | undefined): { readonly put: string } | { readonly take: string } | undefined {
  const value = typed.trim();
  if (highlighted !== undefined && highlighted !== value && isFilterFor(value, highlighted)) return { put: highlighted };
  return value !== '' ? { take: value } : undefined;
}
