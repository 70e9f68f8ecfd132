/**
 * Minimal edits of YAML text. Each function returns one text edit (offset, length, new text) that changes only the
 * value it is about: comments, key order, unknown keys, blank lines and quoting elsewhere stay byte-identical.
 * The VS Code layer turns the edit into a WorkspaceEdit on the document; the tests apply it to a string.
 */
import { isAlias, isMap, isScalar, isSeq, Lexer, parseDocument, stringify } from 'yaml';
import type { Document, Node as YamlNode, YAMLMap, YAMLSeq } from 'yaml';

export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export type EditPath = ReadonlyArray<string | number>;
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue | undefined };

export class YamlEditError extends Error {}

/** A node's source range. Nodes parsed from text always have one; an edit of one that does not is refused. */
function span(node: { readonly range?: readonly [number, number, number] | null }): readonly [number, number, number] {
  if (!node.range) throw new YamlEditError('This edit cannot be made safely: a node of the file has no position.');
  return node.range;
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

function parse(text: string): Document.Parsed {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new YamlEditError('The file has YAML syntax errors; fix them before editing it here.');
  return doc;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

const PLAIN_SAFE = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^\n#]*$/;

/** A scalar as YAML text. In flow context (inside `[...]` or `{...}`) strings are double-quoted unless plainly safe. */
export function renderScalar(value: string | number | boolean | null, flow: boolean, indent: number, newline = '\n'): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (value.includes('\n')) {
    // Leading white space, or blank lines at the end, cannot be written exactly as a block scalar in every place.
    if (flow || /^\s/.test(value) || /\n[ \t]*\n$/.test(value)) return JSON.stringify(value);
    const chomp = value.endsWith('\n') ? '' : '-';
    const body = (value.endsWith('\n') ? value.slice(0, -1) : value).split('\n');
    return `|${chomp}${body.map((l) => `${newline}${l === '' ? '' : ' '.repeat(indent) + l}`).join('')}`;
  }
  if (flow) {
    // Plain only when it cannot be read as anything but this string and has no flow indicators.
    return PLAIN_SAFE.test(value) && !/[,[\]{}]|: | $/.test(value) && readsBack(value) ? value : JSON.stringify(value);
  }
  const out = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return out.includes('\n') ? JSON.stringify(value) : out;
}

function readsBack(plain: string): boolean {
  try {
    return parseDocument(plain).toJS() === plain;
  } catch {
    return false;
  }
}

/** A value (scalar or collection) as block YAML lines, each indented by `indent` spaces, ending with a newline. */
function renderBlock(value: PlainValue, indent: number, newline: string): string {
  const text = stringify(value, { lineWidth: 0 });
  return text.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : ' '.repeat(indent) + l)).join(newline) + newline;
}

function renderFlow(value: PlainValue): string {
  if (value === null || typeof value !== 'object') return renderScalar(value, true, 0);
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  return `{${Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${renderScalar(k, true, 0)}: ${renderFlow(v as PlainValue)}`).join(', ')}}`;
}

function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function nodeAt(doc: Document.Parsed, path: EditPath): unknown {
  return path.length === 0 ? doc.contents : doc.getIn(path, true);
}

/** The last node inside a block collection (the last item, or the last pair's value, or its key when empty). */
function lastContent(node: YAMLMap | YAMLSeq): YamlNode {
  const last = node.items[node.items.length - 1] as unknown;
  if (last && typeof last === 'object' && 'key' in (last as object)) {
    const pair = last as { key: YamlNode; value: YamlNode | null };
    return pair.value?.range && pair.value.range[1] > span(pair.key)[1] ? pair.value : pair.key;
  }
  return (last as YamlNode | undefined) ?? (node as unknown as YamlNode);
}

/**
 * Where a new line can go after a block collection's content: the start of the line after its last item, so that
 * blank lines and comments after it stay where they are.
 */
function afterNode(text: string, collection: YAMLMap | YAMLSeq): { offset: number; prefix: string } {
  const last = lastContent(collection);
  let offset = span(last)[1];
  // A block scalar's range takes in the blank lines after it; the new line goes before them (not for `|+`, where
  // they are content).
  const keep = isScalar(last) && /^[|>][1-9]?\+/.test(text.slice(span(last)[0], span(last)[0] + 3));
  while (!keep && offset > span(last)[0] && text[offset - 1] === '\n') {
    const prevStart = lineStart(text, offset - 1);
    if (prevStart <= span(last)[0] || text.slice(prevStart, offset - 1).trim() !== '') break;
    offset = prevStart;
  }
  // Collections end at the start of the next line: that is the place. Scalars end where the value ends: go on to
  // the end of that line (past a trailing comment) and then to the next line.
  if (offset > 0 && text[offset - 1] === '\n') return { offset, prefix: '' };
  offset = lineEnd(text, offset);
  if (offset >= text.length && (text.length === 0 || text[text.length - 1] !== '\n')) return { offset: text.length, prefix: newlineOf(text) };
  if (text[offset] === '\n') return { offset: offset + 1, prefix: '' };
  if (text[offset] === '\r' && text[offset + 1] === '\n') return { offset: offset + 2, prefix: '' };
  return { offset, prefix: '' };
}

/** Sets the value at `path` (a key in a mapping). Replaces an existing value, or adds the key at the mapping's end. */
export function setValue(text: string, path: EditPath, value: PlainValue): TextEdit {
  if (path.length === 0) throw new YamlEditError('No key given.');
  const doc = parse(text);
  const nl = newlineOf(text);
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (isSeq(parent) && typeof key === 'number') {
    const item = parent.items[key] as YamlNode | null | undefined;
    if (!item?.range) throw new YamlEditError(`No item ${key + 1} in ${path.slice(0, -1).join('.')}.`);
    return replaceNode(text, item, value, parent.flow ?? false, columnOf(text, item.range[0]), nl, path);
  }
  if (!isMap(parent)) {
    if (path.length === 1 && (parent === null || (isScalar(parent) && parent.value === null))) {
      return { offset: text.length, length: 0, text: (text.length > 0 && !text.endsWith('\n') ? nl : '') + renderBlock({ [String(key)]: value }, 0, nl) };
    }
    throw new YamlEditError(`Cannot set ${path.join('.')}: its parent is not a mapping.`);
  }
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
  if (pair) {
    const v = pair.value as YamlNode | null;
    const keyNode = pair.key as YamlNode;
    const keyCol = columnOf(text, span(keyNode)[0]);
    if (!v || (isScalar(v) && v.value === null && v.range && v.range[0] === v.range[1])) {
      // `key:` with nothing after it.
      return insertAfterKey(text, keyNode, value, parent.flow ?? false, keyCol, nl);
    }
    return replaceNode(text, v, value, parent.flow ?? false, keyCol + 2, nl, path);
  }
  return addPair(text, parent, String(key), value, nl);
}

/** Replaces a value node in place; `indent` is the column block content under it starts at. */
function replaceNode(text: string, v: YamlNode, value: PlainValue, parentFlow: boolean, indent: number, nl: string, path: EditPath): TextEdit {
  if (!v.range || !(isScalar(v) || (value !== null && typeof value === 'object') || isMap(v) || isSeq(v))) {
    throw new YamlEditError(`Cannot replace the value of ${path.join('.')}.`);
  }
  const flow = parentFlow;
  let rendered = value !== null && typeof value === 'object'
    ? (flow || (v as YAMLMap).flow || (Array.isArray(value) && value.length === 0) ? renderFlow(value) : nl + renderBlock(value, indent, nl).replace(new RegExp(`${nl}$`), ''))
    : renderScalar(value, flow, indent, nl);
  // A block scalar's header may carry a comment (`| # note`), inside the value's range: it is kept.
  if (isScalar(v) && (v.type === 'BLOCK_LITERAL' || v.type === 'BLOCK_FOLDED')) {
    const header = text.slice(v.range[0], lineEnd(text, v.range[0])).replace(/\r$/, '');
    const comment = /\s(#.*)$/.exec(header)?.[1];
    if (comment) {
      const cut = rendered.indexOf(nl);
      rendered = cut < 0 ? `${rendered} ${comment}` : `${rendered.slice(0, cut)} ${comment}${rendered.slice(cut)}`;
    }
  }
  // An empty item (`-` alone on its line) has an empty value right after the dash: keep a space between them.
  if (isScalar(v) && v.value === null && v.range[0] === v.range[1] && v.range[0] > 0 && !/\s/.test(text[v.range[0] - 1]) && !rendered.startsWith(nl)) {
    rendered = ` ${rendered}`;
  }
  // Block scalars and block collections own the line breaks after them; those stay.
  let end = v.range[1];
  while (end > v.range[0] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  // A comment after the old value on its line would end up inside a new block scalar: it moves onto the block
  // header (`| # comment`), where it stays a comment.
  const eol = lineEnd(text, end);
  const rest = text.slice(end, text[eol - 1] === '\r' ? eol - 1 : eol);
  if (/^[|>]/.test(rendered) && rendered.includes(nl) && rest.trim() !== '') {
    const header = rendered.slice(0, rendered.indexOf(nl));
    return { offset: v.range[0], length: end + rest.length - v.range[0], text: header + rest + rendered.slice(header.length) };
  }
  return { offset: v.range[0], length: end - v.range[0], text: rendered };
}

function insertAfterKey(text: string, keyNode: YamlNode, value: PlainValue, flow: boolean, keyCol: number, nl: string): TextEdit {
  const colon = text.indexOf(':', span(keyNode)[1]);
  const at = colon + 1;
  // The end of the key's line, before its line break (`\r\n` too), and what is written after the colon (a comment).
  let end = lineEnd(text, at);
  if (text[end - 1] === '\r') end--;
  const rest = text.slice(at, end);
  if (flow || value === null || typeof value !== 'object') {
    const rendered = flow ? renderFlow(value) : renderScalar(value as string, false, keyCol + 2, nl);
    const cut = rendered.indexOf(nl);
    if (cut < 0 || rest.trim() === '') return { offset: at, length: 0, text: ` ${rendered}` };
    // A block scalar: its header goes right after the colon and keeps the comment; the lines follow.
    return { offset: at, length: end - at, text: ` ${rendered.slice(0, cut)}${rest}${rendered.slice(cut)}` };
  }
  return { offset: end, length: 0, text: nl + renderBlock(value, keyCol + 2, nl).replace(new RegExp(`${nl}$`), '') };
}

/** What goes before a new entry of a flow collection: `, ` after an entry, nothing after `[`, `{` or a trailing `,`. */
function flowSeparator(text: string, open: number, close: number, items: number): string {
  if (items === 0) return '';
  // The text before the closing bracket, comments aside: `[a, b,]` already ends with a separator.
  const before = text.slice(open, close).replace(/#[^\n]*/g, '').trimEnd();
  return before.endsWith(',') ? ' ' : ', ';
}

function addPair(text: string, map: YAMLMap, key: string, value: PlainValue, nl: string): TextEdit {
  if (map.flow) {
    const close = text.lastIndexOf('}', span(map)[1] - 1);
    const sep = flowSeparator(text, span(map)[0], close, map.items.length);
    return { offset: close, length: 0, text: `${sep}${renderScalar(key, true, 0)}: ${renderFlow(value)}` };
  }
  const first = map.items[0]?.key as YamlNode | undefined;
  const indent = first?.range ? columnOf(text, first.range[0]) : 0;
  const { offset, prefix } = afterNode(text, map);
  return { offset, length: 0, text: prefix + renderBlock({ [key]: value }, indent, nl) };
}

/**
 * For a list that is the value of a key in a block mapping: where the text after `key:` starts (just after the
 * colon), the comment on that line if any, and the end of the list's own text. Undefined for any other layout.
 */
function keyedList(text: string, doc: Document.Parsed, path: EditPath, seq: YAMLSeq): { colon: number; comment: string; end: number; keyCol: number } | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isMap(parent) || parent.flow || typeof key !== 'string') return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  const keyRange = (pair?.key as YamlNode | undefined)?.range;
  if (!keyRange || !seq.range) return undefined;
  const colon = text.indexOf(':', keyRange[1]);
  const between = /^([ \t]*)(#[^\r\n]*)?(\r?\n[ \t\r\n]*)?$/.exec(text.slice(colon + 1, seq.range[0]));
  if (colon < 0 || !between) return undefined;
  let end = seq.range[1];
  while (end > seq.range[0] && /\s/.test(text[end - 1])) end--;
  return { colon, comment: between[2] ?? '', end, keyCol: columnOf(text, keyRange[0]) };
}

/**
 * Appends an item to the list at `path`; creates the list (as a block list) when the key is missing or empty. Into a
 * list with items only the new item's text goes (checked: else refused).
 */
export function appendItem(text: string, path: EditPath, item: PlainValue): TextEdit {
  const edit = appendEdit(text, path, item);
  const doc = parse(text);
  const node = nodeAt(doc, path);
  if (isSeq(node) && node.items.length > 0) {
    const out = applyEdit(text, edit);
    if (!readsAs(out, documentWith(doc, path, [...listOf(doc, path), item])) || !insertsOnly(text, out, path, node.items.length)) {
      throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
    }
  }
  return edit;
}

function appendEdit(text: string, path: EditPath, item: PlainValue): TextEdit {
  const doc = parse(text);
  const nl = newlineOf(text);
  const node = nodeAt(doc, path);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return setValue(text, path, [item]);
  if (!isSeq(node)) throw new YamlEditError(`${path.join('.')} is not a list.`);
  const seq = node as YAMLSeq;
  if (seq.flow && seq.items.length === 0) {
    // `feedback: []` (a new note's empty list) becomes a block list with its first item, as people write lists.
    const at = keyedList(text, doc, path, seq);
    const rest = at ? text.slice(at.end, lineEnd(text, at.end)).trim() : '#';
    if (at && rest === '' && at.comment === '') {
      return { offset: at.colon + 1, length: at.end - (at.colon + 1), text: nl + renderBlock([item], at.keyCol + 2, nl).replace(new RegExp(`${nl}$`), '') };
    }
  }
  if (seq.flow && seq.items.length > 0) {
    // After the last item: on a line of its own when the items are one per line and the last one has a comma or a
    // comment after it (which must stay on its line); else right after its value.
    const last = layoutOf(text, doc, path).items[seq.items.length - 1];
    const rest = text.slice(last.end, lineEnd(text, last.end));
    const comma = /^[ \t]*,/.test(rest);
    if (last.lineFrom >= 0 && last.lineTo >= 0 && (comma || rest.includes('#'))) {
      const ws = indentOf(text, last);
      return { offset: last.lineTo, length: 0, text: comma ? `${ws}${renderFlow(item)},${nl}` : `${ws}, ${renderFlow(item)}${nl}` };
    }
    if (!comma && !/^[ \t]*#/.test(rest)) return { offset: last.end, length: 0, text: `, ${renderFlow(item)}` };
  }
  if (seq.flow) {
    const close = text.lastIndexOf(']', span(seq)[1] - 1);
    return { offset: close, length: 0, text: `${flowSeparator(text, span(seq)[0], close, seq.items.length)}${renderFlow(item)}` };
  }
  const indent = columnOf(text, span(seq)[0]);
  const { offset, prefix } = afterNode(text, seq);
  const block = renderBlock([item], indent, nl);
  // At the end of a text without a final line break, none is added after the new item either.
  return { offset, length: 0, text: prefix === '' ? block : prefix + block.slice(0, -nl.length) };
}

/** Renames the key at `path`, keeping its value and everything around it. */
export function renameKey(text: string, path: EditPath, newKey: string): TextEdit {
  const doc = parse(text);
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = String(path[path.length - 1]);
  if (!isMap(parent)) throw new YamlEditError(`Cannot rename ${path.join('.')}.`);
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (!pair || !(pair.key as YamlNode).range) throw new YamlEditError(`No key ${path.join('.')}.`);
  const r = span(pair.key as YamlNode);
  return { offset: r[0], length: r[1] - r[0], text: renderScalar(newKey, parent.flow ?? false, 0) };
}

function seqAt(doc: Document.Parsed, path: EditPath): YAMLSeq {
  const node = nodeAt(doc, path);
  if (!isSeq(node)) throw new YamlEditError(`${path.join('.')} is not a list.`);
  return node as YAMLSeq;
}

/**
 * Every comment of a text as [start, end) offsets, from the lexer's tokens: exact, never a `#` inside a quoted string
 * or a block scalar. Linear in the text's size.
 */
export function commentSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let offset = 0;
  let scalar = false;
  for (const token of new Lexer().lex(text)) {
    // The lexer's control tokens (document start, flow end, scalar mark) take no room in the text.
    if (token === '\x02' || token === '\x18') continue;
    if (token === '\x1f') {
      scalar = true;
      continue;
    }
    if (!scalar && token.startsWith('#')) out.push([offset, offset + token.length]);
    scalar = false;
    offset += token.length;
  }
  return out;
}

/** An item of a list, as offsets into the text. */
interface ItemSpan {
  /** Where the item's own text starts: its dash in a block list, its first character in a flow list. */
  readonly head: number;
  /** The item's value: [start, end), white space after it left out. */
  readonly start: number;
  readonly end: number;
  /** The end of a comment on the value's last line (the item's own), or `end`. */
  readonly tail: number;
  /** The start of the item's first line when only indentation is before `head`, or -1. */
  readonly lineFrom: number;
  /** Just after the line break that ends the item's last line when nothing but its comment (and, in a flow list, its
   * comma) follows it there; the text's end for a last line without a line break; -1 when more text follows. */
  readonly lineTo: number;
}

interface Layout {
  readonly seq: YAMLSeq;
  readonly flow: boolean;
  readonly items: ItemSpan[];
  readonly comments: Array<[number, number]>;
}

function nextLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function layoutOf(text: string, doc: Document.Parsed, path: EditPath): Layout {
  const seq = seqAt(doc, path);
  const flow = Boolean(seq.flow);
  const comments = commentSpans(text);
  const startOf = new Map(comments.map(([a, b]) => [b, a])); // a comment's start by its end
  const commentAt = new Map(comments); // a comment's end by its start
  const items = seq.items.map((it): ItemSpan => {
    const r = (it as YamlNode | null)?.range;
    if (!r) throw new YamlEditError('A list item has no position; edit it in the text editor.');
    let end = r[1];
    while (end > r[0] && /\s/.test(text[end - 1])) end--;
    let head = r[0];
    if (!flow) {
      // Back from the value over white space and comments (`- # note` above a mapping) to the item's dash.
      let p = r[0];
      for (;;) {
        while (p > 0 && /\s/.test(text[p - 1])) p--;
        const c = startOf.get(p);
        if (c === undefined) break;
        p = c;
      }
      if (text[p - 1] !== '-') throw new YamlEditError('A list item is written in a way this form cannot follow; edit it in the text editor.');
      head = p - 1;
    }
    // Only short scans next to the item (never to its line's ends): a long one-line list stays linear.
    const blank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';
    // Before it on its line: only indentation (in a flow list, and the comma before it: `, b`).
    let p = head;
    while (blank(text[p - 1])) p--;
    if (flow && text[p - 1] === ',') {
      p--;
      while (blank(text[p - 1])) p--;
    }
    const lineFrom = p === 0 || text[p - 1] === '\n' ? p : -1;
    // After the value on its last line: in a block list its comment; in a flow list a comma and a comment.
    let q = end;
    while (blank(text[q])) q++;
    if (flow && text[q] === ',') {
      q++;
      while (blank(text[q])) q++;
    }
    const commentEnd = commentAt.get(q);
    let e = commentEnd ?? q;
    while (blank(text[e]) || text[e] === '\r') e++;
    const lineTo = e >= text.length ? text.length : text[e] === '\n' ? e + 1 : -1;
    return { head, start: r[0], end, tail: !flow && commentEnd !== undefined ? commentEnd : end, lineFrom, lineTo };
  });
  return { seq, flow, items, comments };
}

/** The blank lines an item of a block list owns as its separator: above it (below it for the first item). */
function blankSeparator(text: string, items: ItemSpan[], k: number): [number, number] | undefined {
  const it = items[k];
  if (it.lineFrom < 0 || it.lineTo < 0) return undefined;
  if (k > 0) {
    const prev = items[k - 1];
    let q = it.lineFrom;
    while (q > prev.lineTo && q > 0) {
      const s = lineStart(text, q - 1);
      if (text.slice(s, q).trim() !== '') break;
      q = s;
    }
    return q < it.lineFrom && q === prev.lineTo ? [q, it.lineFrom] : undefined;
  }
  const next = items[1];
  if (!next || next.lineFrom < 0) return undefined;
  let q = it.lineTo;
  while (q < next.lineFrom && text.slice(q, nextLine(text, q)).trim() === '') q = nextLine(text, q);
  return q > it.lineTo && q === next.lineFrom ? [it.lineTo, q] : undefined;
}

/**
 * Whether `edit` takes out exactly one item (or mapping entry) and nothing that is not its own: the deleted text is
 * the item's value, white space, the item's own comments (after its dash, or on its last line) and at most one
 * separator (`sep`: the item's dash in a block list, one comma in a flow collection). The only item of a block list
 * may be replaced by `[]`.
 */
function removesOnly(text: string, edit: TextEdit, it: { head: number; start: number; end: number }, sep: '-' | ',' | '', comments: Array<[number, number]>): boolean {
  let a = edit.offset;
  const b = edit.offset + edit.length;
  // `[]` put in before text that is written again unchanged (the rest of the key's line): that text stays.
  const again = edit.text.replace(/^ ?\[\]/, '');
  if (again !== '' && again.length <= b - a && text.startsWith(again, a)) a += again.length;
  else if (again !== '') return false;
  if (a > it.start || b < it.end || a > it.head) return false;
  let seps = 0;
  let c = 0;
  while (c < comments.length && comments[c][1] <= a) c++;
  if (c < comments.length && comments[c][0] < a) return false; // the edit starts inside a comment
  for (let p = a; p < b; p++) {
    if (p === it.start && it.end > it.start) {
      p = it.end - 1;
      while (c < comments.length && comments[c][1] <= it.end) c++;
      continue;
    }
    if (c < comments.length && comments[c][0] === p) {
      const [cs, ce] = comments[c++];
      if (ce > b) return false;
      // Before the value: only after the item's own dash. After it: only on its last line.
      const own = cs < it.start ? sep === '-' && it.head < cs : !text.slice(it.end, cs).includes('\n');
      if (!own) return false;
      p = ce - 1;
      continue;
    }
    const ch = text[p];
    if (/\s/.test(ch)) continue;
    if (ch === sep && seps === 0 && (sep !== '-' || p === it.head)) {
      seps++;
      continue;
    }
    return false;
  }
  return true;
}

/** Whether the text parses and reads back as exactly `expected` (aliases resolved). */
function readsAs(text: string, expected: string): boolean {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && JSON.stringify(doc.toJS({ maxAliasCount: 1000 }) ?? null) === expected;
}

function documentWith(doc: Document.Parsed, path: EditPath, list: unknown[]): string {
  const js = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const set = (v: unknown, i: number): unknown => {
    if (i === path.length) return list;
    const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
    copy[path[i]] = set(copy[path[i]], i + 1);
    return copy;
  };
  return JSON.stringify(set(js, 0) ?? null);
}

function listOf(doc: Document.Parsed, path: EditPath): unknown[] {
  const js = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const v = path.reduce<unknown>((cur, k) => (cur === null || typeof cur !== 'object' ? undefined : (cur as Record<string | number, unknown>)[k]), js);
  return Array.isArray(v) ? v : [];
}

/**
 * Whether a node is, holds, or has in it an anchor or an alias: its values are shared with other places, so it is
 * never written again from its values (and the form does not edit it).
 */
export function hasAnchors(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (isAlias(node) || (node as { anchor?: string }).anchor) return true;
  if (isMap(node)) return node.items.some((p) => hasAnchors(p.value));
  if (isSeq(node)) return node.items.some(hasAnchors);
  return false;
}

const UNUSUAL = 'cannot be changed here without touching other text (an unusual layout); change it in the text editor.';

interface Removal {
  readonly edit: TextEdit;
  readonly item: ItemSpan;
  /** The item's whole lines went (not only its value). */
  readonly lines: boolean;
}

interface Tries {
  readonly item: ItemSpan;
  readonly flow: boolean;
  readonly comments: Array<[number, number]>;
  /** Ways to take the item out, from the most natural to the smallest; none is checked yet. */
  readonly tries: ReadonlyArray<{ readonly edit: TextEdit; readonly lines: boolean }>;
  readonly doc: Document.Parsed;
}

function removalTries(text: string, path: EditPath, k: number): Tries {
  const doc = parse(text);
  const lay = layoutOf(text, doc, path);
  const { items, flow, comments } = lay;
  const n = items.length;
  if (k < 0 || k >= n) throw new YamlEditError(`No item ${k + 1} in ${path.join('.')}.`);
  const it = items[k];
  const tries: Array<{ edit: TextEdit; lines: boolean }> = [];
  const del = (a: number, b: number, lines: boolean, with_ = ''): void => {
    if (a >= 0 && b >= a) tries.push({ edit: { offset: a, length: b - a, text: with_ }, lines });
  };
  const lines = it.lineFrom >= 0 && it.lineTo >= 0;
  // The item's lines; at the end of a text without a final line break, the line break before them instead.
  const linesFrom = (a: number): number => {
    if (it.lineTo !== text.length || text.endsWith('\n') || a === 0) return a;
    return a - (text[a - 2] === '\r' ? 2 : 1);
  };
  // In a flow list: the value and the comma after it (a comma left before `]` is allowed in YAML).
  const valueAndComma = (): void => {
    const comma = /^[ \t]*,[ \t]*/.exec(text.slice(it.end, lineEnd(text, it.end)));
    del(it.start, it.end + (comma ? comma[0].length : 0), false);
  };
  if (n === 1) {
    if (flow) {
      if (lines) del(it.lineFrom, it.lineTo, true);
      valueAndComma();
    } else {
      // The only item: the list becomes `key: []` right after the colon, or `[]` where the item was.
      const at = keyedList(text, doc, path, lay.seq);
      if (at) del(at.colon + 1, it.tail, false, ' []');
      // With a comment after the key: `[]` goes before it, the item's lines go.
      if (at && lines) del(at.colon + 1, it.lineTo, false, ` []${text.slice(at.colon + 1, nextLine(text, at.colon + 1))}`);
      del(it.head, it.tail, false, '[]');
    }
  } else if (flow) {
    if (lines) del(it.lineFrom, it.lineTo, true);
    if (k + 1 < n) del(it.start, items[k + 1].start, false);
    else {
      const prev = items[k - 1].end;
      del(prev, it.end, false);
      // After a comma that stays (`[a, b,]` without b is `[a,]`).
      const comma = /^[ \t]*,/.exec(text.slice(prev, it.start));
      if (comma) del(prev + comma[0].length, it.end, false);
    }
    valueAndComma();
  } else {
    if (lines) {
      const sep = blankSeparator(text, items, k);
      if (sep) del(linesFrom(Math.min(sep[0], it.lineFrom)), Math.max(sep[1], it.lineTo), true);
      del(linesFrom(it.lineFrom), it.lineTo, true);
    }
    if (k + 1 < n) del(it.head, items[k + 1].head, false);
  }
  return { item: it, flow, comments, tries, doc };
}

/** The first way to take item `k` out that takes nothing else and reads back as the list without it; or refused. */
function removal(text: string, path: EditPath, k: number): Removal {
  const r = removalTries(text, path, k);
  const expected = documentWith(r.doc, path, listOf(r.doc, path).filter((_, i) => i !== k));
  for (const t of r.tries) {
    if (removesOnly(text, t.edit, r.item, r.flow ? ',' : '-', r.comments) && readsAs(applyEdit(text, t.edit), expected)) {
      return { edit: t.edit, item: r.item, lines: t.lines };
    }
  }
  throw new YamlEditError(`Item ${k + 1} of ${path.join('.')} ${UNUSUAL}`);
}

/** Every way to take item `k` out of `text` that takes nothing but the item's own text, with the text it leaves. */
function ownRemovals(text: string, path: EditPath, k: number): Array<{ rest: string; own: string; value: string }> {
  const r = removalTries(text, path, k);
  return r.tries
    .filter((t) => removesOnly(text, t.edit, r.item, r.flow ? ',' : '-', r.comments))
    .map((t) => ({
      rest: applyEdit(text, t.edit),
      // The item's own text, separators and white space aside.
      own: text.slice(t.edit.offset, t.edit.offset + t.edit.length).replace(/[\s,]/g, ''),
      value: text.slice(r.item.start, r.item.end),
    }));
}

/**
 * Removes item `index` of the list at `path`: its own text (its lines in a block list, with its comments and the
 * blank lines it owns as a separator; the value and one comma in a flow list). Every other byte stays; when that
 * cannot be done the edit is refused (YamlEditError).
 */
export function removeItem(text: string, path: EditPath, index: number): TextEdit {
  return removal(text, path, index).edit;
}

/** An item's text, ready to be put into a list of the same kind. */
type Unit = { readonly kind: 'lines'; readonly text: string } | { readonly kind: 'flow'; readonly value: string; readonly comment: string };

function indentOf(text: string, it: ItemSpan): string {
  return /^[ \t]*/.exec(text.slice(it.lineFrom, it.head))?.[0] ?? '';
}

/** Puts `unit` into the list at `path` so that it becomes item `at`; only new bytes are added. */
function insertUnit(text: string, path: EditPath, at: number, unit: Unit): TextEdit {
  const doc = parse(text);
  const { items, flow } = layoutOf(text, doc, path);
  const n = items.length;
  const nl = newlineOf(text);
  if (n === 0 || at < 0 || at > n || flow !== (unit.kind === 'flow')) throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
  if (unit.kind === 'lines') {
    const sepOf = (k: number): string => {
      const s = blankSeparator(text, items, k);
      return s ? text.slice(s[0], s[1]) : '';
    };
    if (at < n) {
      const it = items[at];
      if (it.lineFrom < 0) throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
      return { offset: it.lineFrom, length: 0, text: unit.text + sepOf(at) };
    }
    const last = items[n - 1];
    if (last.lineTo < 0) throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
    const sep = n > 1 ? sepOf(n - 1) : '';
    if (last.lineTo === text.length && !text.endsWith('\n')) return { offset: text.length, length: 0, text: nl + sep + unit.text.replace(/\r?\n$/, '') };
    return { offset: last.lineTo, length: 0, text: sep + unit.text };
  }
  if (at < n) {
    const it = items[at];
    if (it.lineFrom >= 0 && it.lineTo >= 0) return { offset: it.lineFrom, length: 0, text: `${indentOf(text, it)}${unit.value},${unit.comment}${nl}` };
    if (unit.comment !== '') throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
    return { offset: it.start, length: 0, text: `${unit.value}, ` };
  }
  const last = items[n - 1];
  const after = text.slice(last.end, lineEnd(text, last.end));
  const comma = /^[ \t]*,/.test(after);
  // One per line: a line of its own, with a comma after it as the last item has one, else with the comma before it.
  if (last.lineFrom >= 0 && last.lineTo >= 0) {
    const line = comma ? `${unit.value},${unit.comment}` : `, ${unit.value}${unit.comment}`;
    return { offset: last.lineTo, length: 0, text: `${indentOf(text, last)}${line}${nl}` };
  }
  // A comment after the last value would end up after the new one: refused.
  if (unit.comment !== '' || comma || /^[ \t]*#/.test(after)) throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
  return { offset: last.end, length: 0, text: `, ${unit.value}` };
}

/** Whether `after` is `before` with one more item at `index` of the list at `path`, and not one other byte changed. */
export function insertsOnly(before: string, after: string, path: EditPath, index: number): boolean {
  try {
    return ownRemovals(after, path, index).some((r) => r.rest === before);
  } catch {
    return false;
  }
}

/**
 * Whether `after` is `before` with item `from` of the list at `path` moved to `to`: the item's own text is the same,
 * and without it the two texts are byte-identical.
 */
export function movesOnly(before: string, after: string, path: EditPath, from: number, to: number): boolean {
  try {
    const bs = ownRemovals(after, path, to);
    return ownRemovals(before, path, from).some((a) => bs.some((b) => a.rest === b.rest && a.value === b.value && a.own === b.own));
  } catch {
    return false;
  }
}

/** Whether `edit` removes item `index` of the list at `path` and nothing that is not its own. */
export function removesItemOnly(text: string, edit: TextEdit, path: EditPath, index: number): boolean {
  try {
    const lay = layoutOf(text, parse(text), path);
    const it = lay.items[index];
    return it !== undefined && removesOnly(text, edit, it, lay.flow ? ',' : '-', lay.comments);
  } catch {
    return false;
  }
}

/** Whether `edit` removes the entry `path` of its mapping and nothing that is not its own. */
export function removesKeyOnly(text: string, edit: TextEdit, path: EditPath): boolean {
  const doc = parseDocument(text);
  const parent = nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) return false;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[path.length - 1]));
  const k = (pair?.key as YamlNode | undefined)?.range;
  if (!k) return false;
  let end = (pair?.value as YamlNode | null | undefined)?.range?.[1] ?? k[1];
  while (end > k[0] && /\s/.test(text[end - 1])) end--;
  return removesOnly(text, edit, { head: k[0], start: k[0], end }, parent.flow ? ',' : '', commentSpans(text));
}

/**
 * Where the value at `path` may change: from just after its key's colon (or from the value, in a flow collection or a
 * list) to the end of the value's last line in block style (its comment may move onto a new block scalar's header).
 * Undefined when there is no such key or item.
 */
function valueRegion(text: string, doc: Document.Parsed, path: EditPath): [number, number] | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  let from: number;
  let v: YamlNode | null | undefined;
  let flow: boolean;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
    const k = (pair?.key as YamlNode | undefined)?.range;
    if (!pair || !k) return undefined;
    from = text.indexOf(':', k[1]) + 1;
    v = pair.value as YamlNode | null;
    flow = Boolean(parent.flow);
  } else if (isSeq(parent) && typeof key === 'number') {
    v = parent.items[key] as YamlNode | null | undefined;
    if (!v?.range) return undefined;
    from = v.range[0];
    flow = Boolean(parent.flow);
  } else return undefined;
  let end = v?.range ? v.range[1] : from;
  while (end > from && /\s/.test(text[end - 1])) end--;
  return [from, flow ? end : lineEnd(text, end)];
}

/**
 * Whether `edit`, made to set the value at `path`, changes nothing but that value: new text where a key or an item
 * is missing, or a change within the value's own text (or of the deepest key on the way that exists, when mappings
 * are created under an empty one). Every comment the edit spans is in its new text, in the same order; new lines are
 * never put in front of a comment.
 */
export function changesOnlyValue(text: string, edit: TextEdit, path: EditPath): boolean {
  const a = edit.offset;
  const b = edit.offset + edit.length;
  const comments = commentSpans(text);
  const touched = comments.filter(([cs, ce]) => ce > a && cs < b);
  if (touched.some(([cs, ce]) => cs < a || ce > b)) return false;
  let from = 0;
  for (const [cs, ce] of touched) {
    const i = edit.text.indexOf(text.slice(cs, ce), from);
    if (i < 0) return false;
    from = i + ce - cs;
  }
  if (edit.length === 0) {
    // New text: a comment after the insertion point on its line would be moved onto another line.
    const eol = lineEnd(text, a);
    return !(a > lineStart(text, a) && edit.text.includes('\n') && comments.some(([cs]) => cs >= a && cs < eol));
  }
  const doc = parseDocument(text);
  for (let n = path.length; n > 0; n--) {
    const region = valueRegion(text, doc, path.slice(0, n));
    if (region) return a >= region[0] && b <= region[1];
  }
  return false;
}

/** Inserts `item` into the list at `path` as item `at` (0 = first), adding only the new item's text. */
export function insertItem(text: string, path: EditPath, at: number, item: PlainValue): TextEdit {
  const doc = parse(text);
  const { items, flow } = layoutOf(text, doc, path);
  if (at === items.length) return appendItem(text, path, item);
  if (at < 0 || at > items.length) throw new YamlEditError(`No item ${at + 1} in ${path.join('.')}.`);
  const nl = newlineOf(text);
  const target = items[at];
  const unit: Unit = flow
    ? { kind: 'flow', value: renderFlow(item), comment: '' }
    : { kind: 'lines', text: renderBlock([item], columnOf(text, target.head), nl) };
  const edit = insertUnit(text, path, at, unit);
  const next = [...listOf(doc, path)];
  next.splice(at, 0, item);
  if (!readsAs(applyEdit(text, edit), documentWith(doc, path, next)) || !insertsOnly(text, applyEdit(text, edit), path, at)) {
    throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
  }
  return edit;
}

/**
 * Moves item `from` of the list at `path` to position `to`: the item's own text is taken out (as `removeItem` does)
 * and put in at its new place; comment lines between items, blank lines and every other item stay where they are.
 */
export function moveItem(text: string, path: EditPath, from: number, to: number): TextEdit {
  const doc = parse(text);
  const seq = seqAt(doc, path);
  const n = seq.items.length;
  if (from < 0 || from >= n || to < 0 || to >= n) throw new YamlEditError(`Cannot move item ${from + 1} to ${to + 1} in ${path.join('.')}.`);
  if (from === to) return { offset: 0, length: 0, text: '' };
  const r = removal(text, path, from);
  const nl = newlineOf(text);
  let unit: Unit;
  if (seq.flow) {
    const it = r.item;
    // The comment on the item's line goes with it, with the white space before it (the comma left out).
    const c = r.lines ? text.slice(it.end, lineEnd(text, it.end)).replace(/\r$/, '').replace(/^([ \t]*),/, '$1') : '';
    unit = { kind: 'flow', value: text.slice(it.start, it.end), comment: c.trim() === '' ? '' : c };
  } else {
    if (!r.lines) throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
    const own = text.slice(r.item.lineFrom, r.item.lineTo);
    unit = { kind: 'lines', text: /\n$/.test(own) ? own : own + nl };
  }
  const rest = applyEdit(text, r.edit);
  const out = applyEdit(rest, insertUnit(rest, path, to, unit));
  const values = [...listOf(doc, path)];
  const [moved] = values.splice(from, 1);
  values.splice(to, 0, moved);
  if (!readsAs(out, documentWith(doc, path, values)) || !movesOnly(text, out, path, from, to)) {
    throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
  }
  return diffEdit(text, out);
}

/**
 * Sets the value at `path`, creating the mappings on the way when they are missing or empty (`prep:` with nothing
 * under it). Lists on the way must exist: an index into a missing list is an error.
 */
export function setIn(text: string, path: EditPath, value: PlainValue): TextEdit {
  if (path.length === 0) throw new YamlEditError('No key given.');
  const doc = parse(text);
  // Walk down while the path exists; stop at the first missing (or empty) step and create the rest from there.
  // Anything else on the way (a text where a mapping belongs, a list) is the user's: it is never replaced.
  let node: unknown = doc.contents;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const seg = path[depth];
    let child: unknown;
    if (isMap(node)) child = (node as YAMLMap).items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') child = (node as YAMLSeq).items[seg];
    else if (depth === 0 && (node === null || (isScalar(node) && node.value === null))) child = undefined;
    else throw new YamlEditError(`${path.slice(0, depth).join('.') || 'The file'} holds something else than a mapping; edit it in the text editor.`);
    if (child === undefined || child === null || (isScalar(child) && child.value === null)) {
      if (typeof seg === 'number') throw new YamlEditError(`No item ${seg + 1} in ${path.slice(0, depth).join('.')}.`);
      let nested: PlainValue = value;
      for (let i = path.length - 1; i > depth; i--) {
        const s = path[i];
        if (typeof s === 'number') throw new YamlEditError(`No list at ${path.slice(0, i).join('.')}.`);
        nested = { [s]: nested };
      }
      return setValue(text, path.slice(0, depth + 1), nested);
    }
    if (isAlias(child)) throw new YamlEditError(`${path.slice(0, depth + 1).join('.')} is written elsewhere (an alias); edit it in the text editor.`);
    node = child;
  }
  if (!isMap(node) && !(isSeq(node) && typeof path[path.length - 1] === 'number') && !(path.length === 1 && (node === null || (isScalar(node) && node.value === null)))) {
    throw new YamlEditError(`${path.slice(0, -1).join('.') || 'The file'} holds something else than a mapping; edit it in the text editor.`);
  }
  return setValue(text, path, value);
}

/** Appends to the list at `path`, creating the list (and mappings above it) when missing. */
export function appendIn(text: string, path: EditPath, item: PlainValue): TextEdit {
  const doc = parse(text);
  const node = nodeAt(doc, path);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return setIn(text, path, [item]);
  return appendItem(text, path, item);
}

/** Removes the key at `path` from its mapping, with its value and the line break after it. */
export function removeKey(text: string, path: EditPath): TextEdit {
  if (path.length === 0) throw new YamlEditError('No key given.');
  const doc = parse(text);
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = String(path[path.length - 1]);
  if (!isMap(parent)) throw new YamlEditError(`Cannot remove ${path.join('.')}.`);
  const map = parent as YAMLMap;
  const index = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  if (index < 0) return { offset: 0, length: 0, text: '' };
  const expected = Object.fromEntries(Object.entries(map.toJSON() as Record<string, PlainValue>).filter(([k]) => k !== key)) as PlainValue;
  const pair = map.items[index];
  const start = span(pair.key as YamlNode)[0];
  const valueNode = pair.value as YamlNode | null;
  let end = valueNode?.range ? valueNode.range[1] : span(pair.key as YamlNode)[1];
  let valueEnd = end;
  while (valueEnd > start && /\s/.test(text[valueEnd - 1])) valueEnd--;
  const tries: TextEdit[] = [];
  if (map.flow) {
    // `{a: 1, b: 2}`: the entry and the separator after it (or before it, for the last entry); else the entry and a
    // comma right after it (a comma left before `}` is allowed in YAML).
    const next = map.items[index + 1];
    if (next) tries.push({ offset: start, length: span(next.key as YamlNode)[0] - start, text: '' });
    else if (index > 0) {
      const prev = map.items[index - 1];
      const prevEnd = ((prev.value as YamlNode | null)?.range ?? span(prev.key as YamlNode))[1];
      tries.push({ offset: prevEnd, length: end - prevEnd, text: '' });
    }
    const comma = /^[ \t]*,[ \t]*/.exec(text.slice(valueEnd, lineEnd(text, valueEnd)));
    tries.push({ offset: start, length: valueEnd + (comma ? comma[0].length : 0) - start, text: '' });
  } else {
    // Block: whole lines, from the key's line to the end of the value's last line (a comment on it goes too).
    while (end > start && /\s/.test(text[end - 1])) end--;
    const from = lineStart(text, start);
    const prefix = text.slice(from, start).trim();
    // Before the key on its line: nothing (a whole-line entry), or the dashes of the list items it opens (`- - key:`).
    const opensItem = /^-(\s+-)*$/.test(prefix);
    if (prefix !== '' && !opensItem) throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
    const eol = lineEnd(text, end);
    const through = eol < text.length ? eol + 1 : eol;
    // A `- key: value` first entry of a list item keeps its dash: only the entry goes, and the next entry moves up.
    if (opensItem) {
      const next = map.items[index + 1];
      if (!next) throw new YamlEditError(`Cannot remove the only key of a list item (${path.join('.')}); edit it in the text editor.`);
      tries.push({ offset: start, length: span(next.key as YamlNode)[0] - start, text: '' });
    } else {
      tries.push({ offset: from, length: through - from, text: '' });
    }
  }
  // Only the entry's own text goes (never a rewrite of the mapping): checked, or refused.
  const comments = commentSpans(text);
  const parentPath = path.slice(0, -1);
  for (const edit of tries) {
    if (!removesOnly(text, edit, { head: start, start, end: valueEnd }, map.flow ? ',' : '', comments)) continue;
    const out = parseDocument(applyEdit(text, edit));
    const got = out.errors.length === 0 ? (parentPath.length === 0 ? out.toJS() : (out.getIn(parentPath) as { toJSON?(): unknown } | undefined)?.toJSON?.()) : undefined;
    if (JSON.stringify(got) === JSON.stringify(expected)) return edit;
  }
  throw new YamlEditError(`${path.join('.')} ${UNUSUAL}`);
}

/**
 * Runs edit steps one after the other (each computed on the text the previous one gave) and returns them as one
 * edit: the smallest range that differs. Several steps become one change, so one Undo reverts them together.
 */
export function composeEdits(text: string, steps: ReadonlyArray<(text: string) => TextEdit>): TextEdit {
  let out = text;
  for (const step of steps) out = applyEdit(out, step(out));
  return diffEdit(text, out);
}

/** The one edit that turns `before` into `after`: common prefix and suffix kept. */
export function diffEdit(before: string, after: string): TextEdit {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { offset: p, length: before.length - p - s, text: after.slice(p, after.length - s) };
}
